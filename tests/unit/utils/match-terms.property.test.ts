import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { termSummaries, fuzzyExclusions } from '@/data/match-data';
import { findTerms } from '@/utils/find-terms';
import { matchTerms } from '@/utils/match-terms';
import { compileTermIndex } from '@/utils/term-index';
import { createFuseScorer } from '@/utils/fuse-scorer';

const index = compileTermIndex(termSummaries, { fuzzyExclusions, scorer: createFuseScorer() });
const aliases = termSummaries.flatMap((entry) => entry.aliases.map((alias) => alias.text));

/** Arbitrary Unicode text with real aliases, misspellings and odd separators mixed in. */
const pageText = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.constantFrom(...aliases),
      fc.constantFrom(' ', '\n', '\u00a0', '-', '\u2019s', '\u00ad', "'", '/', '.', '_', '@'),
      fc.constantFrom('ketamin', 'seratonin', 'NMDA recpetor', 'electro convulsive therapy', 'neutron'),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

function wellFormed(text: string, matches: { start: number; end: number }[]): void {
  let previousEnd = 0;
  for (const match of matches) {
    expect(match.start).toBeGreaterThanOrEqual(previousEnd);
    expect(match.end).toBeGreaterThan(match.start);
    expect(match.end).toBeLessThanOrEqual(text.length);
    previousEnd = match.end;
  }
}

describe('matchTerms on arbitrary text (property)', () => {
  it('returns matches in order, inside the text, never overlapping', () => {
    fc.assert(
      fc.property(pageText, fc.boolean(), (text, fuzzy) => {
        wellFormed(text, matchTerms(text, index, { fuzzy }));
      }),
      { numRuns: 400 },
    );
  });

  it('keeps those properties through the context rule', () => {
    fc.assert(
      fc.property(pageText, (text) => {
        wellFormed(text, findTerms(text, index, { fuzzy: true }));
      }),
      { numRuns: 300 },
    );
  });

  it('finds every alias written as a word among arbitrary other words', () => {
    fc.assert(
      fc.property(fc.constantFrom(...aliases), fc.string({ unit: 'binary', maxLength: 6 }), (alias, noise) => {
        const text = `${noise} ${alias} ${noise}`;
        const aliasStart = noise.length + 1;
        const aliasEnd = aliasStart + alias.length;
        const covering = matchTerms(text, index).filter((m) => m.start < aliasEnd && aliasStart < m.end);
        expect(covering.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  // Text whose words are ASCII (with no-break spaces and typographic punctuation between them)
  // is split natively and lower-cased as a whole; any other letter sends the text through the
  // Unicode pattern and full normalisation. Both must agree.
  it('finds the same matches in ASCII-word text through the ASCII and the Unicode tokeniser', () => {
    const asciiText = fc
      .array(
        fc.oneof(
          fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 12 }),
          fc.constantFrom(...aliases.filter((alias) => /^[\x20-\x7e]+$/.test(alias))),
          fc.constantFrom(' ', '\n', '-', "'s", "'", '/', '.', '_', '@'),
          fc.constantFrom(
            '\u00a0',
            '\u2014',
            '\u2013',
            '\u2011',
            '\u2019',
            '\u2019s',
            '\u201c',
            '\u2026',
            '\u200b',
            '\u00ad',
          ),
          fc.constantFrom(
            'ketamin',
            'seratonin',
            'NMDA recpetor',
            'electro convulsive therapy',
            'neutron',
            'Glutamates',
          ),
        ),
        { maxLength: 40 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(asciiText, fc.boolean(), (text, fuzzy) => {
        const fast = matchTerms(text, index, { fuzzy, budget: { remainingMs: 1e9 } });
        // A non-ASCII word in front sends the whole text through the general tokeniser.
        const general = matchTerms(`\u00e9 ${text}`, index, { fuzzy, budget: { remainingMs: 1e9 } }).map((m) => ({
          ...m,
          start: m.start - 2,
          end: m.end - 2,
        }));
        expect(general).toEqual(fast);
      }),
      { numRuns: 600 },
    );
  });
});
