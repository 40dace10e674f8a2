import type { TermSummary } from '@/data/types';
import { compileTermIndex } from './term-index';
import { createFuseScorer } from './fuse-scorer';

/**
 * The real words that fuzzy matching would otherwise take for a misspelled term (neutron for
 * neuron, gluten for ...): every word of `dictionary` that the corrector, built from `entries`
 * with no exclusions, would correct. Run at build time over a full English word list; only
 * this short list ships (data/fuzzy-exclusions.json).
 */
export function findFuzzyExclusions(entries: readonly TermSummary[], dictionary: Iterable<string>): string[] {
  const { fuzzy } = compileTermIndex(entries, { scorer: createFuseScorer() });
  const found = new Set<string>();
  for (const word of dictionary) {
    const key = word.trim().toLowerCase();
    if (key && fuzzy.correct(key) !== undefined) found.add(key);
  }
  return [...found].sort();
}
