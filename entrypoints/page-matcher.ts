import { fuzzyExclusions, precompiledIndex, termSummaries } from '@/data/match-data';
import type { TermSummary } from '@/data/types';
import { createFuseScorer } from '@/utils/fuse-scorer';
import { matchTerms } from '@/utils/match-terms';
import { compileTermIndex, loadTermIndex } from '@/utils/term-index';
import { answerMatchRequest, matchStats } from '@/utils/match-service';
import type { MatchResponse } from '@/utils/match-protocol';
import type { PageMatcher } from './content/annotate-page';
import { PAGE_MATCHER_KEY, type WorkerInit, type WorkerReady } from './content/page-matcher-api';

/**
 * The matcher for matching on the page, which the content script imports only when the
 * background cannot match for it (see utils/match-protocol.ts): the term index, fuse.js and the
 * real words fuzzy matching leaves alone. It registers a factory in the content script's world:
 * given the reader's terms (bundled and custom packs), or nothing for the bundled set alone.
 *
 * The same script also runs as a dedicated worker of a page with a lot of text
 * (entrypoints/content/match-worker.ts): there it loads the index on the first message
 * (WorkerInit) and answers the content script's batches as the background does.
 */
export default defineUnlistedScript(() => {
  const create = (summaries?: readonly TermSummary[]): PageMatcher => {
    const scorer = createFuseScorer(fuzzyExclusions);
    const index = summaries
      ? compileTermIndex(summaries, { scorer })
      : loadTermIndex(precompiledIndex, termSummaries, { scorer });
    return { index, match: matchTerms };
  };
  (globalThis as Record<symbol, unknown>)[PAGE_MATCHER_KEY] = create;
  // WorkerGlobalScope exists only in a worker, not in the content script's world.
  if ('WorkerGlobalScope' in globalThis) serveAsWorker(create);
});

/** The part of a dedicated worker's global scope the matcher uses. */
interface WorkerScope {
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  postMessage(message: unknown): void;
}

/** Answers the content script's requests in a worker: the first message builds the index. */
function serveAsWorker(create: (summaries?: readonly TermSummary[]) => PageMatcher) {
  const scope = globalThis as unknown as WorkerScope;
  let matcher: PageMatcher | undefined;
  scope.onmessage = ({ data }: MessageEvent<unknown>) => {
    if (!matcher) {
      const started = performance.now();
      const { summaries } = (data ?? {}) as WorkerInit;
      matcher = create(Array.isArray(summaries) ? summaries : undefined);
      const ready: WorkerReady = { ready: true, indexMs: performance.now() - started };
      scope.postMessage(ready);
      return;
    }
    const spent = matchStats.ms;
    const id = (data as { id?: unknown } | null)?.id;
    const response: MatchResponse = answerMatchRequest(data, matcher.index) ?? {
      id: typeof id === 'number' ? id : -1,
      matches: [],
      terminals: [],
      spentMs: 0,
    };
    response.ms = matchStats.ms - spent;
    scope.postMessage(response);
  };
}
