import { z } from 'zod';

// Extension pages forbid eval (CSP): zod must not try to compile parsers with new Function.
z.config({ jitless: true });
import { CATEGORIES, DETAIL_LEVELS, EVIDENCE_TYPES, type DetailLevel, type FactEntry } from '@/data/types';

/** Most characters each level may have, all claims together (see data/README.md). */
export const LEVEL_BUDGETS: Record<DetailLevel, number> = { brief: 160, standard: 900, expert: 2200 };

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

const httpsUrl = z.string().refine((value) => {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}, 'must be an https URL');

const aliasSchema = z.strictObject({
  text: text(80),
  abbreviation: z.boolean().optional(),
  ambiguous: z.boolean().optional(),
  caseSensitive: z.boolean().optional(),
  otherMeanings: z.array(text(80)).max(30).optional(),
  cues: z
    .array(
      z
        .string()
        .trim()
        .min(3)
        .max(40)
        .regex(/^[\p{Ll}\d][\p{Ll}\d -]*$/u, 'cues are lower-case stems or phrases'),
    )
    .max(40)
    .optional(),
});

const claimSchema = z.strictObject({
  text: text(600),
  sources: z.array(z.string()).min(1, 'a claim needs at least one source'),
});

const sourceSchema = z.strictObject({
  id: text(40),
  title: text(300),
  publisher: text(200),
  year: z.number().int().min(1900).max(2100),
  url: httpsUrl,
  evidence: z.enum(EVIDENCE_TYPES as [string, ...string[]]),
});

const entrySchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, -)'),
    title: text(80),
    category: z.enum(CATEGORIES as [string, ...string[]]),
    aliases: z.array(aliasSchema).min(1, 'needs at least one alias'),
    forms: z.array(text(80)),
    levels: z.strictObject({
      brief: z.array(claimSchema).min(1).max(2),
      standard: z.array(claimSchema).min(1),
      expert: z.array(claimSchema).min(1),
    }),
    sources: z.array(sourceSchema).min(1),
    related: z.array(z.string()),
    reviewed: z.iso.date(),
  })
  .superRefine((entry, ctx) => {
    const sourceIds = new Set<string>();
    entry.sources.forEach((source, index) => {
      if (sourceIds.has(source.id)) {
        ctx.addIssue({ code: 'custom', path: ['sources', index, 'id'], message: `duplicate source id "${source.id}"` });
      }
      sourceIds.add(source.id);
    });
    for (const level of DETAIL_LEVELS) {
      const length = entry.levels[level].reduce((sum, claim) => sum + claim.text.length, 0);
      if (length > LEVEL_BUDGETS[level]) {
        ctx.addIssue({
          code: 'custom',
          path: ['levels', level],
          message: `is ${length} characters; the ${level} level allows at most ${LEVEL_BUDGETS[level]}`,
        });
      }
    }
    const cited = new Set<string>();
    for (const level of DETAIL_LEVELS) {
      entry.levels[level].forEach((claim, claimIndex) => {
        claim.sources.forEach((sourceId, sourceIndex) => {
          cited.add(sourceId);
          if (!sourceIds.has(sourceId)) {
            ctx.addIssue({
              code: 'custom',
              path: ['levels', level, claimIndex, 'sources', sourceIndex],
              message: `cites "${sourceId}", which is not in sources`,
            });
          }
        });
      });
    }
    entry.sources.forEach((source, index) => {
      if (!cited.has(source.id)) {
        ctx.addIssue({ code: 'custom', path: ['sources', index], message: `source "${source.id}" is never cited` });
      }
    });
  });

export type ValidationResult = { ok: true; entries: FactEntry[] } | { ok: false; errors: string[] };

function describePath(path: readonly PropertyKey[]): string {
  return path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('');
}

/**
 * Validates a set of fact entries (the bundled set or a custom pack) from untrusted JSON.
 * Checks each entry's shape and the set as a whole: unique ids, unique aliases, related ids
 * that exist (in this set or in `knownIds`). Errors name the entry and the field.
 */
export function validateEntries(input: unknown, knownIds: ReadonlySet<string> = new Set()): ValidationResult {
  if (!Array.isArray(input)) return { ok: false, errors: ['expected an array of entries'] };
  const errors: string[] = [];
  const entries: FactEntry[] = [];
  input.forEach((raw, index) => {
    const result = entrySchema.safeParse(raw);
    const label =
      typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string'
        ? `entry "${(raw as { id: string }).id}"`
        : `entry [${index}]`;
    if (result.success) entries.push(result.data as FactEntry);
    else for (const issue of result.error.issues) errors.push(`${label} ${describePath(issue.path)}: ${issue.message}`);
  });

  const ids = new Set<string>();
  const aliasOwner = new Map<string, string>();
  for (const entry of entries) {
    if (ids.has(entry.id)) errors.push(`entry "${entry.id}": duplicate id`);
    ids.add(entry.id);
    for (const alias of [...entry.aliases.map((a) => a.text), ...entry.forms]) {
      const key = alias.normalize('NFKC').toLowerCase();
      const owner = aliasOwner.get(key);
      if (owner !== undefined && owner !== entry.id) {
        errors.push(`entry "${entry.id}" .aliases: "${alias}" is also an alias of "${owner}"`);
      }
      aliasOwner.set(key, entry.id);
    }
  }
  for (const entry of entries) {
    entry.related.forEach((id, index) => {
      if (!ids.has(id) && !knownIds.has(id)) {
        errors.push(`entry "${entry.id}" .related[${index}]: no entry with id "${id}"`);
      }
    });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, entries };
}
