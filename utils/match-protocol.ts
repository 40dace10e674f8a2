import type { TermMatch } from './match-terms';

/**
 * Matching off the page's main thread: the content script sends the text of its text nodes in
 * batches over a port to the background (a service worker in Chrome, an event page in Firefox),
 * which matches them with a warm matcher and fuse.js loaded, and answers with offsets. The page
 * thread only walks the page, reads the text and paints. Nothing leaves the browser.
 */
export const MATCH_PORT = 'factlens:match';

/** Content script -> background: the texts of a batch of text nodes, in scan order. */
export interface MatchRequest {
  /** Sequence number on its port; the answer carries it back. */
  id: number;
  texts: string[];
  /** Light misspellings too (the reader's setting). */
  fuzzy: boolean;
  /** What is left of the page's fuzzy budget, in ms. */
  budgetMs: number;
}

/** The matched alias, with what the content script needs to decide and show it. */
export type WireTerminal = [
  entryId: string,
  alias: string,
  ambiguous: boolean,
  otherMeanings: readonly string[] | null,
  cues: readonly string[] | null,
];

/** Background -> content script: the matches of one request. */
export interface MatchResponse {
  id: number;
  /** Five numbers per match: text index, start, end, terminal index, 1 if fuzzy. */
  matches: number[];
  terminals: WireTerminal[];
  /** Fuzzy budget the request spent, in ms. */
  spentMs: number;
}

/** Fields per match in MatchResponse.matches. */
const FIELDS = 5;

/** The compact form of each text's matches (texts without matches take no space). */
export function encodeMatches(id: number, results: readonly (readonly TermMatch[])[], spentMs: number): MatchResponse {
  const matches: number[] = [];
  const terminals: WireTerminal[] = [];
  const terminalAt = new Map<string, number>();
  results.forEach((list, text) => {
    for (const match of list) {
      const key = `${match.entryId}\u0000${match.alias}`;
      let at = terminalAt.get(key);
      if (at === undefined) {
        at = terminals.length;
        terminalAt.set(key, at);
        terminals.push([match.entryId, match.alias, match.ambiguous, match.otherMeanings ?? null, match.cues ?? null]);
      }
      matches.push(text, match.start, match.end, at, match.fuzzy ? 1 : 0);
    }
  });
  return { id, matches, terminals, spentMs };
}

const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/** A request from a port, or undefined when it is not one. */
export function parseRequest(value: unknown): MatchRequest | undefined {
  const request = value as MatchRequest;
  if (typeof request !== 'object' || request === null) return undefined;
  if (!Number.isInteger(request.id) || !isStringList(request.texts) || typeof request.fuzzy !== 'boolean')
    return undefined;
  return {
    id: request.id,
    texts: request.texts,
    fuzzy: request.fuzzy,
    budgetMs: typeof request.budgetMs === 'number' && request.budgetMs > 0 ? request.budgetMs : 0,
  };
}

// Decoding runs cold (interpreted) for most of a page in a fresh content script, so it reads
// fields by index: destructuring an array goes through its iterator there.
const isTerminal = (value: unknown): value is WireTerminal =>
  Array.isArray(value) &&
  typeof value[0] === 'string' &&
  typeof value[1] === 'string' &&
  typeof value[2] === 'boolean' &&
  (value[3] === null || isStringList(value[3])) &&
  (value[4] === null || isStringList(value[4]));

/** The matches of a text that has none: one shared list, so a batch of texts without terms allocates nothing. */
const NO_MATCHES: readonly TermMatch[] = Object.freeze([]);

/**
 * The matches of each of `texts` from a response, or undefined when the response is malformed.
 * A match outside its text, or of a term `isKnown` rejects (a custom pack the page has not
 * loaded yet), is dropped.
 */
export function decodeMatches(
  response: MatchResponse,
  texts: readonly string[],
  isKnown: (entryId: string) => boolean,
): (readonly TermMatch[])[] | undefined {
  const { matches, terminals } = response;
  if (!Array.isArray(matches) || matches.length % FIELDS !== 0 || !Array.isArray(terminals)) return undefined;
  /** The terminals of known terms by index; undefined for those `isKnown` rejects. */
  const known: (WireTerminal | undefined)[] = [];
  for (let t = 0; t < terminals.length; t++) {
    const terminal: unknown = terminals[t];
    if (!isTerminal(terminal)) return undefined;
    known.push(isKnown(terminal[0]) ? terminal : undefined);
  }
  const results = new Array<readonly TermMatch[]>(texts.length).fill(NO_MATCHES);
  for (let i = 0; i < matches.length; i += FIELDS) {
    const text = matches[i] as number;
    const start = matches[i + 1] as number;
    const end = matches[i + 2] as number;
    const terminal = known[matches[i + 3] as number];
    const data = texts[text];
    if (terminal === undefined || data === undefined || !(start >= 0 && start < end && end <= data.length)) continue;
    // One shape for every match.
    const match: TermMatch = {
      start,
      end,
      entryId: terminal[0],
      alias: terminal[1],
      ambiguous: terminal[2],
      fuzzy: matches[i + 4] === 1,
      otherMeanings: terminal[3] ?? undefined,
      cues: terminal[4] ?? undefined,
    };
    const list = results[text] as readonly TermMatch[];
    if (list === NO_MATCHES) results[text] = [match];
    else (list as TermMatch[]).push(match);
  }
  return results;
}
