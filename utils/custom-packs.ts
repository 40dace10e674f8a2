import type { FactEntry } from '@/data/types';
import { validateEntries } from './fact-schema';
import type { CustomPack } from './pack-store';

/** Largest pack file accepted. */
export const MAX_PACK_BYTES = 1_000_000;
/** Deepest JSON nesting accepted (an entry needs 5). */
const MAX_DEPTH = 12;

function depthOf(value: unknown, limit: number, depth = 0): number {
  if (depth > limit || typeof value !== 'object' || value === null) return depth;
  let deepest = depth;
  for (const child of Object.values(value)) deepest = Math.max(deepest, depthOf(child, limit, depth + 1));
  return deepest;
}

export type PackParseResult = { ok: true; pack: CustomPack } | { ok: false; errors: string[] };

/**
 * Parses and validates a pack file with the same validator as the bundled set. A pack is a JSON
 * array of entries, or `{ "name": "...", "entries": [...] }`. An entry whose id is a bundled id
 * replaces that bundled entry while the pack is enabled; an alias already used by another
 * bundled entry is an error. Nothing is stored here: a rejected file changes nothing.
 */
export function parsePack(
  fileName: string,
  text: string,
  bundled: readonly FactEntry[],
  existing: readonly CustomPack[] = [],
): PackParseResult {
  if (text.length > MAX_PACK_BYTES) {
    return { ok: false, errors: [`the file is ${text.length} bytes; packs may have at most ${MAX_PACK_BYTES}`] };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`not valid JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  if (depthOf(parsed, MAX_DEPTH) > MAX_DEPTH) {
    return { ok: false, errors: [`the JSON is nested more than ${MAX_DEPTH} levels deep`] };
  }
  const wrapper =
    !Array.isArray(parsed) && typeof parsed === 'object' && parsed !== null
      ? (parsed as Record<string, unknown>)
      : undefined;
  if (wrapper) {
    const unknown = Object.keys(wrapper).filter((key) => key !== 'name' && key !== 'entries');
    if (unknown.length > 0) return { ok: false, errors: [`unknown top-level field(s): ${unknown.join(', ')}`] };
  }
  const entries = wrapper ? wrapper.entries : parsed;
  const name =
    typeof wrapper?.name === 'string' && wrapper.name.trim()
      ? wrapper.name.trim().slice(0, 80)
      : fileName.replace(/\.json$/i, '');
  const bundledIds = new Set(bundled.map((entry) => entry.id));
  const result = validateEntries(entries, bundledIds);
  if (!result.ok) return result;
  const replaced = new Set(result.entries.map((entry) => entry.id));
  const owners = new Map<string, string>();
  for (const entry of bundled) {
    if (replaced.has(entry.id)) continue;
    for (const alias of [...entry.aliases.map((a) => a.text), ...entry.forms])
      owners.set(alias.toLowerCase(), entry.id);
  }
  const errors: string[] = [];
  for (const entry of result.entries) {
    entry.aliases.forEach((alias, index) => {
      const owner = owners.get(alias.text.toLowerCase());
      if (owner)
        errors.push(
          `entry "${entry.id}" .aliases[${index}]: "${alias.text}" is already an alias of the bundled term "${owner}"`,
        );
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  const baseId =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'pack';
  let id = baseId;
  for (let n = 2; existing.some((pack) => pack.id === id); n++) id = `${baseId}-${n}`;
  return { ok: true, pack: { id, name, enabled: true, importedAt: Date.now(), entries: result.entries } };
}

/** The entries Factlens matches: the bundled set with enabled packs on top (a pack entry replaces a bundled one of the same id). */
export function effectiveEntries(bundled: readonly FactEntry[], packs: readonly CustomPack[]): FactEntry[] {
  const byId = new Map(bundled.map((entry) => [entry.id, entry]));
  for (const pack of packs) if (pack.enabled) for (const entry of pack.entries) byId.set(entry.id, entry);
  return [...byId.values()];
}

/** Reads the stored packs; anything that does not validate any more is left out, not thrown. */
export async function readPacks(bundled: readonly FactEntry[]): Promise<CustomPack[]> {
  const stored: unknown = await customPacksItem.getValue();
  if (!Array.isArray(stored)) return [];
  const known = new Set(bundled.map((entry) => entry.id));
  return stored.filter(
    (pack): pack is CustomPack =>
      typeof pack === 'object' &&
      pack !== null &&
      typeof (pack as CustomPack).id === 'string' &&
      typeof (pack as CustomPack).enabled === 'boolean' &&
      validateEntries((pack as CustomPack).entries, known).ok,
  );
}
