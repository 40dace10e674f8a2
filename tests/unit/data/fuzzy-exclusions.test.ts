import { readFileSync } from 'node:fs';
import wordListPath from 'word-list';
import { describe, expect, it } from 'vitest';
import { bundledEntries, fuzzyExclusions } from '@/data';
import { findFuzzyExclusions } from '@/utils/fuzzy-exclusions';

describe('fuzzyExclusions', () => {
  it('is up to date with the fact set (regenerate with npm run build:exclusions)', () => {
    const words = readFileSync(wordListPath, 'utf8').split('\n');
    expect(fuzzyExclusions).toEqual(findFuzzyExclusions(bundledEntries, words));
  });

  it('holds the real words that look like terms, such as neutron', () => {
    expect(fuzzyExclusions).toContain('neutron');
  });
});
