import type { FuzzyBudget } from '@/utils/fuzzy-match';
import { decodeMatches, type MatchRequest, type MatchResponse } from '@/utils/match-protocol';
import type { TermMatch } from '@/utils/match-terms';

/** The part of a runtime port the client uses. */
export interface ClientPort {
  postMessage(message: MatchRequest): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
  disconnect(): void;
}

/** Matching in the background (utils/match-protocol.ts), from the content script's side. */
export interface RemoteMatcher {
  /**
   * The matches of each of `texts`. Rejects when the background cannot answer (the extension
   * was updated, its worker stopped, a request timed out): the caller then matches on the page.
   */
  match(texts: string[], fuzzy: boolean, budget: FuzzyBudget): Promise<(readonly TermMatch[])[]>;
  /** Closes the port; pending requests reject. */
  dispose(): void;
}

/** How long one answer may take before the batch is matched on the page instead. */
const ANSWER_TIMEOUT_MS = 10_000;

interface PendingRequest {
  texts: readonly string[];
  budget: FuzzyBudget;
  resolve(results: (readonly TermMatch[])[]): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * A client that opens its port on the first request (`connect`) and again after the port closed
 * (Chrome stops an idle service worker, which closes its ports). `isKnown` drops matches of
 * terms the page's own index does not have.
 */
export function createRemoteMatcher(connect: () => ClientPort, isKnown: (entryId: string) => boolean): RemoteMatcher {
  let port: ClientPort | undefined;
  let nextId = 0;
  const pending = new Map<number, PendingRequest>();

  const failAll = (reason: string) => {
    for (const request of pending.values()) {
      clearTimeout(request.timer);
      request.reject(new Error(reason));
    }
    pending.clear();
  };
  const open = (): ClientPort => {
    const opened = connect();
    opened.onMessage.addListener((message) => {
      const response = message as MatchResponse;
      const request = pending.get(response?.id);
      if (!request) return;
      pending.delete(response.id);
      clearTimeout(request.timer);
      const started = performance.now();
      const results = decodeMatches(response, request.texts, isKnown);
      // Page main-thread work of the scan like the rest (the benchmark adds these measures up).
      performance.measure('factlens:scan', { start: started, end: performance.now() });
      if (!results) return request.reject(new Error('Factlens: malformed answer from the background'));
      if (typeof response.spentMs === 'number' && response.spentMs > 0) request.budget.remainingMs -= response.spentMs;
      request.resolve(results);
    });
    opened.onDisconnect.addListener(() => {
      if (port === opened) port = undefined;
      failAll('Factlens: the background closed the matching port');
    });
    return opened;
  };

  return {
    match(texts, fuzzy, budget) {
      return new Promise((resolve, reject) => {
        const id = nextId++;
        const timer = setTimeout(() => {
          if (!pending.delete(id)) return;
          reject(new Error('Factlens: the background did not answer'));
        }, ANSWER_TIMEOUT_MS);
        pending.set(id, { texts, budget, resolve, reject, timer });
        try {
          port ??= open();
          port.postMessage({ id, texts, fuzzy, budgetMs: Math.max(budget.remainingMs, 0) });
        } catch (error) {
          // Cut off from the extension (updated or removed): connect or postMessage throws.
          pending.delete(id);
          clearTimeout(timer);
          port = undefined;
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    },
    dispose() {
      const closing = port;
      port = undefined;
      failAll('Factlens: matching stopped');
      try {
        closing?.disconnect();
      } catch {
        // Already gone with the extension's context.
      }
    },
  };
}
