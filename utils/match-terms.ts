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

/** Reused by the general tokeniser (matchAll would clone the pattern for every text node). */
const TOKENS = new RegExp(TOKEN_PATTERN.source, 'gu');

/** Token flags: the token may start an exact match; it may start a fuzzy one. */
const EXACT_START = 1;
const FUZZY_START = 2;
/** The token begins a vocabulary word; with the next one it may spell it (resolveJoins). */
const JOIN_START = 4;

/**
 * The tokens of one text: offsets in growable typed arrays reused by every call (matching is
 * synchronous) and flags saying which tokens may start a match, so the passes skip the rest.
 */
class Tokens {
  text = '';
  count = 0;
  starts = new Int32Array(256);
  ends = new Int32Array(256);
  flags = new Uint8Array(256);
  private keys: string[] = [];

  reset(text: string): void {
    this.text = text;
    this.count = 0;
    this.keys.length = 0;
  }

  push(start: number, end: number, flags: number, key: string): void {
    if (this.count === this.starts.length) {
      const grow = <T extends Int32Array | Uint8Array>(from: T, to: T): T => (to.set(from), to);
      this.starts = grow(this.starts, new Int32Array(this.count * 2));
      this.ends = grow(this.ends, new Int32Array(this.count * 2));
      this.flags = grow(this.flags, new Uint8Array(this.count * 2));
    }
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.flags[this.count] = flags;
    this.keys[this.count] = key;
    this.count++;
  }

  start(i: number): number {
    return this.starts[i] ?? 0;
  }

  end(i: number): number {
    return this.ends[i] ?? 0;
  }

  /** The token as written. */
  raw(i: number): string {
    return this.text.slice(this.start(i), this.end(i));
  }

  /** Case-folded, normalised lookup key. */
  key(i: number): string {
    return this.keys[i] ?? '';
  }

  /** The joint key between tokens a and b, or undefined when they cannot belong to one term. */
  joint(a: number, b: number): string | undefined {
    return separatorKey(this.text.slice(this.end(a), this.start(b)));
  }
}

const tokens = new Tokens();

/** Flags of each ASCII word already seen with fuzzy matching on, per index (one lookup per word). */
const fuzzyFlags = new WeakMap<TermIndex, Map<string, number>>();
/** Distinct words remembered per index: enough for any real page, bounded on generated ones. */
const MAX_REMEMBERED_WORDS = 100_000;

/**
 * The flags of the token `key` on its own: whether it may start an exact match, a fuzzy one
 * (it starts a term or is a misspelling of a term's word), or a word written apart.
 */
function flagsOf(key: string, index: TermIndex, fuzzy: boolean, budget: FuzzyBudget | undefined): number {
  const root = index.root.next.has(key);
  if (!fuzzy) return root ? EXACT_START : 0;
  const corrector = index.fuzzy;
  // Most words are too short to be a misspelling or the first part of one.
  if (root) return EXACT_START | FUZZY_START;
  let flags = key.length >= 3 && corrector.isPrefix(key) ? JOIN_START : 0;
  if (key.length >= MIN_FUZZY_LENGTH && corrector.correct(key, budget) !== undefined) flags |= FUZZY_START;
  return flags;
}

/**
 * Turns JOIN_START into FUZZY_START where the next token completes a word written apart
 * ("electro convulsive"): common words that begin a vocabulary word ("the", "con") start
 * nothing. Returns whether any token may start a match.
 */
function resolveJoins(index: TermIndex, any: number): boolean {
  if ((any & JOIN_START) === 0) return (any & (EXACT_START | FUZZY_START)) !== 0;
  const { flags, count } = tokens;
  let starts = any & (EXACT_START | FUZZY_START);
  for (let i = 0; i + 1 < count; i++)
    if ((flags[i] as number) & JOIN_START && index.fuzzy.has(tokens.key(i) + tokens.key(i + 1))) {
      flags[i] = (flags[i] as number) | FUZZY_START;
      starts |= FUZZY_START;
    }
  return starts !== 0;
}

/**
 * Tokenises `text` into `tokens`, flagging the tokens that may start a match; returns whether
 * any token may. ASCII text (most text nodes) is lower-cased once and split natively, and the
 * flags of each distinct word are remembered, so a word costs one lookup however often it
 * occurs; other text is cut with the Unicode token pattern and fully normalised. (A character
 * automaton in JavaScript measured no faster in a cold content script, and cost build time.)
 */
function tokenise(text: string, index: TermIndex, fuzzy: boolean, budget: FuzzyBudget | undefined): boolean {
  tokens.reset(text);
  if (!ALL_ASCII.test(text)) return tokeniseUnicode(text, index, fuzzy, budget);
  const corrector = index.fuzzy;
  let remembered = fuzzyFlags.get(index);
  if (!remembered) fuzzyFlags.set(index, (remembered = new Map()));
  const lower = text.toLowerCase();
  const words = lower.split(ASCII_SEPARATORS);
  const count = words.length;
  if (wordFlags.length < count) wordFlags = new Uint8Array(count * 2);
  // First the flags of every word: most text nodes have no word that starts anything, and
  // need no offsets and no tokens.
  let any = 0;
  for (let i = 0; i < count; i++) {
    const word = words[i] as string;
    let flags: number | undefined;
    if (!fuzzy) flags = flagsOf(word, index, false, budget);
    else if ((flags = remembered.get(word)) === undefined) {
      flags = flagsOf(word, index, true, budget);
      // Remembered only when final: not when the budget was spent before the word was decided.
      if (corrector.settled(word) && remembered.size < MAX_REMEMBERED_WORDS) remembered.set(word, flags);
    }
    // A word written apart ("electro convulsive") starts a fuzzy match only where the next
    // word completes it: common words that begin a vocabulary word ("the", "con") do not.
    if (flags & JOIN_START && i + 1 < count && corrector.has(word + (words[i + 1] as string))) flags |= FUZZY_START;
    wordFlags[i] = flags;
    any |= flags;
  }
  if ((any & (EXACT_START | FUZZY_START)) === 0) return false;
  let at = 0;
  for (let i = 0; i < count; i++) {
    const word = words[i] as string;
    // Empty before a leading and after a trailing separator.
    if (word === '') continue;
    // The word is the first run of its characters from `at`: separators hold none of them.
    const start = lower.indexOf(word, at);
    at = start + word.length;
    tokens.push(start, at, wordFlags[i] as number, word);
  }
  return true;
}

/** Flags of the words of the text being tokenised, by word. */
let wordFlags = new Uint8Array(256);

function tokeniseUnicode(text: string, index: TermIndex, fuzzy: boolean, budget: FuzzyBudget | undefined): boolean {
  let any = 0;
  TOKENS.lastIndex = 0;
  for (let match = TOKENS.exec(text); match; match = TOKENS.exec(text)) {
    const raw = match[0];
    const key = tokenKey(raw);
    const flags = flagsOf(key, index, fuzzy, budget);
    any |= flags;
    tokens.push(match.index, match.index + raw.length, flags, key);
  }
  return resolveJoins(index, any);
}
/**
 * Text whose words are all ASCII: besides ASCII, only no-break spaces and General Punctuation
 * (typographic spaces, dashes, quotes, ellipses), which separate words in both tokenisers and
 * keep their length in lower case. Most real text, curly quotes and dashes included.
 */
// eslint-disable-next-line no-control-regex -- the ASCII range starts at U+0000 on purpose
const ALL_ASCII = /^[\u0000-\u007f\u00a0\u2000-\u206f]*$/;
/** Between words of lower-cased ASCII text. */
const ASCII_SEPARATORS = /[^a-z0-9]+/;

function terminalAccepts(terminal: Terminal, first: number): boolean {
  if (!terminal.exact) return true;
  return terminal.exact.every(
    (spelling, i) => first + i < tokens.count && tokenExact(tokens.raw(first + i)) === spelling,
  );
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

/** Exact pass: longest trie match at each token that may start one, left to right, no nesting. */
function exactPass(root: TrieNode): Found[] {
  const found: Found[] = [];
  const { count, flags } = tokens;
  let i = 0;
  while (i < count) {
    if (!((flags[i] as number) & EXACT_START)) {
      i++;
      continue;
    }
    let node = root.next.get(tokens.key(i));
    let best: Found | undefined;
    for (let j = i; node;) {
      const accepted = node.terminals.find((terminal) => terminalAccepts(terminal, i));
      if (accepted) best = { terminal: accepted, first: i, last: j, fuzzy: false };
      if (j + 1 >= count || node.next.size === 0 || j - i >= MAX_TERM_TOKENS) break;
      const joint = tokens.joint(j, j + 1);
      if (joint === undefined) break;
      node = node.next.get(`${joint} ${tokens.key(j + 1)}`);
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
function fuzzyPass(index: TermIndex, exact: readonly Found[], budget: FuzzyBudget | undefined): Found[] {
  const corrector = index.fuzzy;
  const found: Found[] = [];
  /** Steps from token j: [trie key without joint, next token index, is a correction]. */
  const stepsAt = (j: number, limit: number): [string, number, boolean][] => {
    const key = tokens.key(j);
    const steps: [string, number, boolean][] = [[key, j + 1, false]];
    const corrected = corrector.correct(key, budget);
    if (corrected !== undefined) steps.push([corrected, j + 1, true]);
    // A word written apart ("electro convulsive"): both parts real pieces, the join an exact
    // word. Correcting the join too would take "glutamate is" for "glutamates".
    if (
      j + 1 < tokens.count &&
      j + 1 < limit &&
      tokens.end(j + 1) - tokens.start(j + 1) >= 3 &&
      corrector.isPrefix(key)
    ) {
      const joined = key + tokens.key(j + 1);
      // The cheap test first: the two words almost never spell a vocabulary word together.
      if (corrector.has(joined) && tokens.joint(j, j + 1) === '') steps.push([joined, j + 2, true]);
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
      const separator = tokens.joint(j - 1, j);
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
    const limit = exact[k + 1]?.first ?? tokens.count;
    const longer = walk(index.root, match.first, match.first, limit, false, 0);
    return longer && longer.last > match.last ? longer : match;
  });
  let gapStart = 0;
  for (const boundary of [...extended, undefined]) {
    const gapEnd = boundary ? boundary.first : tokens.count;
    let i = gapStart;
    while (i < gapEnd) {
      // Flagged by the tokeniser: most tokens start nothing, exactly or misspelled.
      if (!((tokens.flags[i] as number) & FUZZY_START)) {
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
  const fuzzyOn = options.fuzzy === true;
  if (!tokenise(text, index, fuzzyOn, options.budget)) return [];
  const exact = exactPass(index.root);
  const all = fuzzyOn ? fuzzyPass(index, exact, options.budget) : exact;
  const matches: TermMatch[] = [];
  for (const { terminal, first, last, fuzzy } of all) {
    const start = tokens.start(first);
    const lastEnd = tokens.end(last);
    if (isGlued(text, start, lastEnd)) continue;
    const possessive = POSSESSIVE.exec(text.slice(lastEnd, lastEnd + 3));
    const bareApostrophe = possessive?.[0].length === 1;
    const end =
      possessive && (!bareApostrophe || /s$/i.test(tokens.raw(last))) ? lastEnd + possessive[0].length : lastEnd;
    const match: TermMatch = {
      start,
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
