import type { Alias, FactEntry } from '@/data/types';

/** A minimal valid entry for tests that need specific aliases, not the bundled facts. */
export function makeEntry(id: string, aliases: (string | Alias)[], forms: string[] = []): FactEntry {
  const claim = { text: `About ${id}.`, sources: ['s1'] };
  return {
    id,
    title: typeof aliases[0] === 'string' ? aliases[0] : (aliases[0]?.text ?? id),
    category: 'concept',
    aliases: aliases.map((alias) => (typeof alias === 'string' ? { text: alias } : alias)),
    forms,
    levels: { brief: [claim], standard: [claim], expert: [claim] },
    sources: [
      {
        id: 's1',
        title: 'A source',
        publisher: 'A publisher',
        year: 2020,
        url: 'https://example.org/',
        evidence: 'review',
      },
    ],
    related: [],
    reviewed: '2026-11-26',
  };
}
