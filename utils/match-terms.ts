import { MIN_FUZZY_LENGTH, type FuzzyBudget } from './fuzzy-match';
import { TOKEN_PATTERN, separatorKey, tokenExact, tokenKey } from './normalize';
import type { TermIndex, Terminal, TrieNode } from './term-index';

/** One accepted occurrence of a term: [start, end) offsets into the scanned text. */
export interface TermMatch {
  start: number;
  end: number;
  entryId: string;
  /** The alias or form that matched, as written in the data. */
  alias: string;
  /** The alias has other common meanings; see disambiguate(). */
  ambiguous: boolean;
  /** Found by spelling correction, not as written. */
  fuzzy: boolean;
  /** Phrases that spell out another sense of the alias. */
  otherMeanings?: readonly string[];
  /** For ambiguous aliases: stems and phrases that suggest the domain sense nearby. */
  cues?: readonly string[];
}

export interface MatchOptions {
  /** Also find light misspellings ("ketamin", "NMDA recpetor"). Default: false. */
  fuzzy?: boolean;
  /** Time budget shared by the fuzzy passes over one page. */
  budget?: FuzzyBudget;
}

interface Token {
  start: number;
  end: number;
  text: string;
  /** Case-folded, normalised lookup key. */
  key: string;
}

interface Found {
  terminal: Terminal;
  first: number;
  last: number;
  fuzzy: boolean;
}

const POSSESSIVE = /^['\u2019](?:s(?![\p{L}\p{N}]))?/u;
// Scheme or www. prefix, a bare domain followed by a path, or an e-mail address.
const URL_LIKE = /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.|[\p{L}\d-]+(?:\.[\p{L}\d-]+)+\/)|^[^\s@]+@[^\s@]+\.[^\s@]+$/iu;
const PATH_LIKE = /^(?:~|\.{1,2})?\/[^\s/]/;
const FILE_NAME = /[^\s/\\]\.(?:[a-z]{2,4}|[a-z]{2,4}\d)$/i;
const SLUG = /^[\p{Ll}\d]+(?:-[\p{Ll}\d]+){3,}$/u;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}"'\u2019\u201d]+$/;
const LEADING_PUNCTUATION = /^[([{"'\u2018\u201c]+/;
/** Longest alias in tokens the walks look ahead. */
const MAX_TERM_TOKENS = 8;

/** Reused by tokenise (matchAll would clone the pattern for every text node). */
const TOKENS = new RegExp(TOKEN_PATTERN.source, 'gu');
// eslint-disable-next-line no-control-regex -- the ASCII range starts at U+0000 on purpose
const ALL_ASCII = /^[\u0000-\u007f]*$/;

function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  // In ASCII text (most text nodes) a token's key is its lower case: no per-token checks.
  const ascii = ALL_ASCII.test(text);
  TOKENS.lastIndex = 0;
  for (let match = TOKENS.exec(text); match; match = TOKENS.exec(text)) {
    const token = match[0];
    tokens.push({
      start: match.index,
      end: match.index + token.length,
      text: token,
      key: ascii ? token.toLowerCase() : tokenKey(token),
    });
  }
  return tokens;
}

function terminalAccepts(terminal: Terminal, tokens: readonly Token[], first: number): boolean {
  if (!terminal.exact) return true;
  return terminal.exact.every((spelling, i) => tokenExact(tokens[first + i]?.text ?? '') === spelling);
}

/**
 * True when the match sits inside a URL, e-mail address, file name, code identifier or
 * URL slug: the whitespace-delimited chunk around it is not prose.
 */
function isGlued(text: string, start: number, end: number): boolean {
  const before = text[start - 1];
  const after = text[end];
  if (before === '_' || after === '_') return true;
  let chunkStart = start;
  while (chunkStart > 0 && !/\s/.test(text[chunkStart - 1] ?? ' ')) chunkStart--;
  let chunkEnd = end;
  while (chunkEnd < text.length && !/\s/.test(text[chunkEnd] ?? ' ')) chunkEnd++;
  if (chunkStart === start && chunkEnd === end) return false;
  const chunk = text.slice(chunkStart, chunkEnd).replace(TRAILING_PUNCTUATION, '').replace(LEADING_PUNCTUATION, '');
  return URL_LIKE.test(chunk) || PATH_LIKE.test(chunk) || FILE_NAME.test(chunk) || SLUG.test(chunk);
}

/** The joint key between tokens a and b, or undefined when they cannot belong to one term. */
function jointBetween(text: string, a: Token, b: Token): string | undefined {
  return separatorKey(text.slice(a.end, b.start));
}

/** Exact pass: longest trie match at each token, left to right, no nesting. */
function exactPass(text: string, tokens: readonly Token[], root: TrieNode): Found[] {
  const found: Found[] = [];
  let i = 0;
  while (i < tokens.length) {
    let node = root.next.get((tokens[i] as Token).key);
    let best: Found | undefined;
    for (let j = i; node;) {
      const accepted = node.terminals.find((terminal) => terminalAccepts(terminal, tokens, i));
      if (accepted) best = { terminal: accepted, first: i, last: j, fuzzy: false };
      const following = tokens[j + 1];
      if (!following || node.next.size === 0 || j - i >= MAX_TERM_TOKENS) break;
      const joint = jointBetween(text, tokens[j] as Token, following);
      if (joint === undefined) break;
      node = node.next.get(`${joint} ${following.key}`);
      j++;
    }
    if (best) {
      found.push(best);
      i = best.last + 1;
    } else i++;
  }
  return found;
}

/**
 * Fuzzy pass over the tokens the exact pass left, returning all matches (exact ones
 * included) in order: a trie walk in which a token may be
 * replaced by its spelling correction, or two tokens by the one word they spell together
 * ("electro convulsive"). Only unambiguous, non-abbreviation aliases are reached this way,
 * and at least one step must be a correction.
 */
function fuzzyPass(
  text: string,
  tokens: readonly Token[],
  index: TermIndex,
  exact: readonly Found[],
  budget: FuzzyBudget | undefined,
): Found[] {
  const corrector = index.fuzzy;
  const found: Found[] = [];
  /** Steps from token j: [trie key without joint, next token index, is a correction]. */
  const stepsAt = (j: number, limit: number): [string, number, boolean][] => {
    const token = tokens[j] as Token;
    const key = token.key;
    const steps: [string, number, boolean][] = [[key, j + 1, false]];
    const corrected = corrector.correct(key, budget);
    if (corrected !== undefined) steps.push([corrected, j + 1, true]);
    const next = tokens[j + 1];
    // A word written apart ("electro convulsive"): both parts real pieces, the join an exact
    // word. Correcting the join too would take "glutamate is" for "glutamates".
    if (
      next &&
      j + 1 < limit &&
      next.key.length >= 3 &&
      corrector.isPrefix(key) &&
      jointBetween(text, token, next) === ''
    ) {
      const joined = key + next.key;
      if (corrector.has(joined)) steps.push([joined, j + 2, true]);
    }
    return steps;
  };
  const walk = (
    node: TrieNode,
    first: number,
    j: number,
    limit: number,
    fuzzy: boolean,
    depth: number,
  ): Found | undefined => {
    let best: Found | undefined;
    if (fuzzy && j > first) {
      const terminal = node.terminals.find((t) => !t.ambiguous && !t.exact);
      if (terminal) best = { terminal, first, last: j - 1, fuzzy: true };
    }
    if (j >= limit || depth >= MAX_TERM_TOKENS || node.next.size === 0) return best;
    let joint = '';
    if (j > first) {
      const separator = jointBetween(text, tokens[j - 1] as Token, tokens[j] as Token);
      if (separator === undefined) return best;
      joint = `${separator} `;
    }
    for (const [key, next, corrected] of stepsAt(j, limit)) {
      const child = node.next.get(joint + key);
      if (!child) continue;
      const deeper = walk(child, first, next, limit, fuzzy || corrected, depth + 1);
      if (deeper && (!best || deeper.last > best.last)) best = deeper;
    }
    return best;
  };

  // A misspelled longer term can start with an exact shorter one ("NMDA recpetor" after "NMDA"):
  // try to extend each exact match up to the next one; a longer fuzzy match replaces it.
  const extended = exact.map((match, k) => {
    const limit = exact[k + 1]?.first ?? tokens.length;
    const longer = walk(index.root, match.first, match.first, limit, false, 0);
    return longer && longer.last > match.last ? longer : match;
  });
  let gapStart = 0;
  for (const boundary of [...extended, undefined]) {
    const gapEnd = boundary ? boundary.first : tokens.length;
    let i = gapStart;
    while (i < gapEnd) {
      // Cheap test first: most tokens start nothing, exactly or misspelled.
      const key = (tokens[i] as Token).key;
      // Length first: most words are too short to be a misspelling or the first part of one.
      const couldStart =
        index.root.next.has(key) ||
        (key.length >= 3 && corrector.isPrefix(key)) ||
        (key.length >= MIN_FUZZY_LENGTH - 1 && corrector.correct(key, budget) !== undefined);
      if (!couldStart) {
        i++;
        continue;
      }
      const match = walk(index.root, i, i, gapEnd, false, 0);
      if (match) {
        found.push(match);
        i = match.last + 1;
      } else i++;
    }
    if (boundary) {
      found.push(boundary);
      gapStart = boundary.last + 1;
    }
  }
  return found;
}

/**
 * Finds every occurrence of the index's terms in `text`: whole words only, longest match
 * first, no nesting, plurals and possessives included, abbreviations in their exact casing,
 * never inside URLs, file names or identifiers; with `fuzzy`, light misspellings too.
 * Pure: strings in, offsets out, sorted by start.
 */
export function matchTerms(text: string, index: TermIndex, options: MatchOptions = {}): TermMatch[] {
  const tokens = tokenise(text);
  const exact = exactPass(text, tokens, index.root);
  const all = options.fuzzy ? fuzzyPass(text, tokens, index, exact, options.budget) : exact;
  const matches: TermMatch[] = [];
  for (const { terminal, first, last, fuzzy } of all) {
    const firstToken = tokens[first] as Token;
    const lastToken = tokens[last] as Token;
    if (isGlued(text, firstToken.start, lastToken.end)) continue;
    const possessive = POSSESSIVE.exec(text.slice(lastToken.end, lastToken.end + 3));
    const bareApostrophe = possessive?.[0].length === 1;
    const end =
      possessive && (!bareApostrophe || /s$/i.test(lastToken.text))
        ? lastToken.end + possessive[0].length
        : lastToken.end;
    const match: TermMatch = {
      start: firstToken.start,
      end,
      entryId: terminal.entryId,
      alias: terminal.alias,
      ambiguous: terminal.ambiguous,
      fuzzy,
    };
    if (terminal.otherMeanings) match.otherMeanings = terminal.otherMeanings;
    if (terminal.cues) match.cues = terminal.cues;
    matches.push(match);
  }
  return matches;
}
