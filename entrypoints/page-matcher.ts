import { fuzzyExclusions, precompiledIndex, termSummaries } from '@/data/match-data';
import type { TermSummary } from '@/data/types';
import { createFuseScorer } from '@/utils/fuse-scorer';
import { matchTerms } from '@/utils/match-terms';
import { compileTermIndex, loadTermIndex } from '@/utils/term-index';
import type { PageMatcher } from './content/annotate-page';
import { PAGE_MATCHER_KEY } from './content/extension-module';

/**
 * The matcher for matching on the page, which the content script imports only when the
 * background cannot match for it (see utils/match-protocol.ts): the term index, fuse.js and the
 * real words fuzzy matching leaves alone. It registers a factory in the content script's world:
 * given the reader's terms (bundled and custom packs), or nothing for the bundled set alone.
 */
export default defineUnlistedScript(() => {
  (globalThis as Record<symbol, unknown>)[PAGE_MATCHER_KEY] = (summaries?: readonly TermSummary[]): PageMatcher => {
    const scorer = createFuseScorer(fuzzyExclusions);
    const index = summaries
      ? compileTermIndex(summaries, { scorer })
      : loadTermIndex(precompiledIndex, termSummaries, { scorer });
    return { index, match: matchTerms };
  };
});
