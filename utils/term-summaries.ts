import type { FactEntry, TermSummary } from '@/data/types';

/** The matching part of entries, as data/term-summaries.json stores it (no card text). */
export function summarise(entries: readonly FactEntry[]): TermSummary[] {
  return entries.map(({ id, title, category, aliases, forms, related }) => ({
    id,
    title,
    category,
    aliases,
    forms,
    related,
  }));
}
