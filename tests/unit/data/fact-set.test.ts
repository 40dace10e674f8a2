import { describe, expect, it } from 'vitest';
import { bundledEntries } from '@/data';
import { validateEntries } from '@/utils/fact-schema';
import { matchTerms } from '@/utils/match-terms';
import { compileTermIndex } from '@/utils/term-index';

describe('bundledEntries', () => {
  it('passes the same validation as custom packs', () => {
    const result = validateEntries(bundledEntries);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('covers the terms of the demo article and the tests', () => {
    const ids = bundledEntries.map((entry) => entry.id);
    expect(ids).toEqual(
      expect.arrayContaining(['ketamine', 'glutamate', 'tms', 'nmda-receptor', 'synapse', 'major-depressive-disorder']),
    );
  });

  it('has at least 60 entries', () => {
    expect(bundledEntries.length).toBeGreaterThanOrEqual(60);
  });

  it('has every alias and form found by the matcher as its own entry, in a sentence', () => {
    const index = compileTermIndex(bundledEntries);
    for (const entry of bundledEntries) {
      for (const text of [...entry.aliases.map((alias) => alias.text), ...entry.forms]) {
        const sentence = `Readers met ${text} in an article.`;
        const matches = matchTerms(sentence, index);
        expect(
          matches.map((m) => [sentence.slice(m.start, m.end), m.entryId]),
          text,
        ).toEqual([[text, entry.id]]);
      }
    }
  });
});
