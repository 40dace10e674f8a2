import Fuse from 'fuse.js';
import type { Scorer } from './fuzzy-match';

/** fuse.js score (0 = perfect) a correction must reach. */
export const FUSE_THRESHOLD = 0.3;

/**
 * The fuzzy corrector's scorer: fuse.js ranks the few candidate words the corrector's
 * one-deletion index proposed, and the best one counts if it scores within FUSE_THRESHOLD.
 * One fuse.js instance per candidate group, built once each. It runs in the background's
 * matcher, and in the page's own (entrypoints/page-matcher.ts) only when the background cannot
 * match; the real words that must not be corrected (`exclusions`) come with it.
 */
export function createFuseScorer(exclusions: Iterable<string> = []): Scorer {
  const instances = new Map<string, Fuse<string>>();
  const excluded = new Set(exclusions);
  return (key, candidates) => {
    if (excluded.has(key)) return undefined;
    const group = candidates.join(' ');
    let fuse = instances.get(group);
    if (!fuse) {
      fuse = new Fuse([...candidates], { includeScore: true, threshold: FUSE_THRESHOLD, ignoreLocation: true });
      instances.set(group, fuse);
    }
    const [best] = fuse.search(key);
    return best && (best.score ?? 1) <= FUSE_THRESHOLD ? best.item : undefined;
  };
}
