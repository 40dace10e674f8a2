import { storage } from '@wxt-dev/storage';
import type { FactEntry, TermSummary } from '@/data/types';

/** A custom fact pack the reader imported (validated on import by utils/custom-packs.ts). */
export interface CustomPack {
  /** Stable id, from the file name or the pack's own `name`. */
  id: string;
  name: string;
  enabled: boolean;
  importedAt: number;
  entries: FactEntry[];
}

/** Custom packs, in local storage (they can be larger than sync storage allows). Default: `[]`. */
export const customPacksItem = storage.defineItem<CustomPack[]>('local:customPacks', { fallback: [], version: 1 });

const isSummary = (value: unknown): value is TermSummary => {
  const entry = value as TermSummary;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof entry.id === 'string' &&
    typeof entry.title === 'string' &&
    Array.isArray(entry.aliases) &&
    entry.aliases.every((alias) => typeof alias?.text === 'string') &&
    Array.isArray(entry.forms) &&
    entry.forms.every((form) => typeof form === 'string') &&
    Array.isArray(entry.related)
  );
};

/**
 * The terms to match on pages: the bundled summaries with the enabled packs' entries on top (a
 * pack entry replaces a bundled one of the same id). Packs were validated when imported; here
 * only their shape is checked, so the content script does not carry the full validator.
 */
export async function readEffectiveSummaries(bundled: readonly TermSummary[]): Promise<readonly TermSummary[]> {
  const stored: unknown = await customPacksItem.getValue();
  const enabled = Array.isArray(stored) && stored.some((pack: CustomPack) => pack?.enabled === true);
  // No pack on: the bundled list itself, which the content script has precompiled.
  if (!enabled) return bundled as TermSummary[];
  const byId = new Map(bundled.map((entry) => [entry.id, entry]));
  if (Array.isArray(stored)) {
    for (const pack of stored as CustomPack[]) {
      if (pack?.enabled !== true || !Array.isArray(pack.entries)) continue;
      for (const entry of pack.entries) {
        if (isSummary(entry)) {
          const { id, title, category, aliases, forms, related } = entry;
          byId.set(id, { id, title, category, aliases, forms, related });
        }
      }
    }
  }
  return [...byId.values()];
}
