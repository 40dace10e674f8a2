import { fuzzyExclusions } from '@/data/match-data';
import { createFuseScorer } from '@/utils/fuse-scorer';
import { FUZZY_SCORER_KEY } from './content/extension-module';

/**
 * fuse.js for the content script's spelling correction, imported on the first page that has a
 * word one edit from a term's word (most pages have none), with the real words that are never
 * corrected. It registers a scorer factory in the content script's world.
 */
export default defineUnlistedScript(() => {
  (globalThis as Record<symbol, unknown>)[FUZZY_SCORER_KEY] = () => createFuseScorer(fuzzyExclusions);
});
