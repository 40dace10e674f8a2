import { readFileSync } from 'node:fs';
import wordListPath from 'word-list';
import { describe, expect, it } from 'vitest';
import { bundledEntries } from '@/data';
import { fuzzyExclusions, termSummaries } from '@/data/match-data';
import { findFuzzyExclusions } from '@/utils/fuzzy-exclusions';
import { summarise } from '@/utils/term-summaries';

describe('generated data (regenerate with npm run build:data)', () => {
  it('has term summaries that match the fact set', () => {
    expect(termSummaries).toEqual(summarise(bundledEntries));
  });

  it('has the fuzzy exclusions of the fact set', () => {
    const words = readFileSync(wordListPath, 'utf8').split('\n');
    expect(fuzzyExclusions).toEqual(findFuzzyExclusions(termSummaries, words));
  });

  it('keeps real words that look like terms, such as neutron, out of fuzzy matching', () => {
    expect(fuzzyExclusions).toContain('neutron');
  });
});
