import { readFileSync } from 'node:fs';
import wordListPath from 'word-list';
import { describe, expect, it } from 'vitest';
import { bundledEntries } from '@/data';
import { fuzzyExclusions, precompiledIndex, termSummaries } from '@/data/match-data';
import { findFuzzyExclusions } from '@/utils/fuzzy-exclusions';
import { summarise } from '@/utils/term-summaries';
import {
  compileTermIndex,
  loadTermIndex,
  precompileTermIndex,
  type TermIndex,
  type TrieNode,
} from '@/utils/term-index';

/** Everything an index matches by, as plain data. */
function dump(index: TermIndex) {
  const trie = (node: TrieNode): unknown => ({
    terminals: node.terminals,
    next: [...node.next].map(([key, child]) => [key, trie(child)]),
  });
  return {
    trie: trie(index.root),
    vocabulary: [...index.fuzzy.words()].sort(),
    entries: [...index.entries.keys()],
  };
}

describe('generated data (regenerate with npm run build:data)', () => {
  it('has term summaries that match the fact set', () => {
    expect(termSummaries).toEqual(summarise(bundledEntries));
  });

  it('has the fuzzy exclusions of the fact set', () => {
    const words = readFileSync(wordListPath, 'utf8').split('\n');
    expect(fuzzyExclusions).toEqual(findFuzzyExclusions(termSummaries, words));
  });

  it('has the term index precompiled from the summaries', () => {
    expect(precompiledIndex).toEqual(precompileTermIndex(termSummaries));
  });

  it('loads the precompiled index into exactly the index compiling the summaries gives', () => {
    const loaded = dump(loadTermIndex(precompiledIndex, termSummaries, { fuzzyExclusions }));
    const compiled = dump(compileTermIndex(termSummaries, { fuzzyExclusions }));
    expect(loaded.vocabulary.length).toBeGreaterThan(100);
    expect(loaded).toEqual(compiled);
  });

  it('keeps real words that look like terms, such as neutron, out of fuzzy matching', () => {
    expect(fuzzyExclusions).toContain('neutron');
  });
});
