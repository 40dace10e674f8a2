import { encodeMatches, parseRequest, type MatchResponse } from './match-protocol';
import { matchTerms } from './match-terms';
import type { TermIndex } from './term-index';

/**
 * What the background spent matching since it started (the benchmark reads it from the
 * worker, as the pages' share of the work that left their main thread).
 */
export const matchStats = { requests: 0, texts: 0, characters: 0, ms: 0, indexBuilds: 0, indexMs: 0 };

/** The background's answer to one request (see match-protocol.ts), or undefined for a malformed one. */
export function answerMatchRequest(message: unknown, index: TermIndex): MatchResponse | undefined {
  const request = parseRequest(message);
  if (!request) return undefined;
  const started = performance.now();
  const budget = { remainingMs: request.budgetMs };
  const results = request.texts.map((text) => matchTerms(text, index, { fuzzy: request.fuzzy, budget }));
  const response = encodeMatches(request.id, results, request.budgetMs - budget.remainingMs);
  matchStats.ms += performance.now() - started;
  matchStats.requests++;
  matchStats.texts += request.texts.length;
  for (const text of request.texts) matchStats.characters += text.length;
  return response;
}

/** The part of a runtime port the service uses. */
export interface MatchPort {
  postMessage(message: unknown): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
  disconnect(): void;
}

/**
 * Answers a content script's requests on `port`, in order, with the index `getIndex` gives
 * (built once, rebuilt when the reader's packs change). A malformed request gets an answer with
 * no matches, and a failure closes the port, so the sender is never left waiting: it matches
 * on the page instead.
 */
export function serveMatchPort(port: MatchPort, getIndex: () => Promise<TermIndex>): void {
  let queue = Promise.resolve();
  let open = true;
  port.onDisconnect.addListener(() => (open = false));
  port.onMessage.addListener((message) => {
    queue = queue.then(async () => {
      const index = await getIndex();
      if (!open) return;
      const id = (message as { id?: unknown } | null)?.id;
      const response =
        answerMatchRequest(message, index) ??
        ({ id: typeof id === 'number' ? id : -1, matches: [], terminals: [], spentMs: 0 } satisfies MatchResponse);
      port.postMessage(response);
    });
    queue = queue.catch((error: unknown) => {
      console.error('Factlens: matching failed', error);
      open = false;
      port.disconnect();
    });
  });
}
