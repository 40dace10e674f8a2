import type { Alias, TermSummary } from '@/data/types';
import { FuzzyCorrector, type Scorer } from './fuzzy-match';
import { TOKEN_PATTERN, separatorKey, tokenExact, tokenKey } from './normalize';

/** What a trie node means when a match ends there. */
export interface Terminal {
  entryId: string;
  /** The alias or form this variant came from, as written in the data. */
  alias: string;
  /** For abbreviations: the only accepted spellings of each token (exact case). */
  exact?: readonly string[];
  ambiguous: boolean;
  /** Phrases that spell out another sense of the alias ("primary care physician"). */
  otherMeanings?: readonly string[];
  /** For ambiguous aliases: stems and phrases that suggest the domain sense nearby. */
  cues?: readonly string[];
}

export interface TrieNode {
  next: Map<string, TrieNode>;
  terminals: Terminal[];
}

/** Symbols of the scanner's automaton: a-z (any case), then 0-9. */
export const SCANNER_SYMBOLS = 36;
/** Scanner state flags: the word read so far is a first token of the trie; a fuzzy prefix. */
export const SCANNER_ROOT_KEY = 1;
export const SCANNER_PREFIX = 2;

/**
 * A character automaton over the ASCII keys the tokeniser looks words up by: the first tokens
 * of the trie and the corrector's word prefixes. Reading a word through it says whether the
 * word may start a match without making a string of it.
 */
export interface Scanner {
  /** transitions[state * SCANNER_SYMBOLS + symbol]: the next state, 0 for none (0 is the start). */
  transitions: Int32Array;
  /** Flags of each state (SCANNER_ROOT_KEY, SCANNER_PREFIX). */
  stateFlags: Uint8Array;
}

/** Every alias of every entry, compiled once into one token trie. */
export interface TermIndex {
  root: TrieNode;
  scanner: Scanner;
  entries: ReadonlyMap<string, TermSummary>;
  /** Spelling correction towards the words of unambiguous, non-abbreviation aliases. */
  fuzzy: FuzzyCorrector;
}

export interface CompileOptions {
  /** Real words one edit away from an alias word that fuzzy matching must leave alone. */
  fuzzyExclusions?: Iterable<string>;
  /**
   * Scores spelling corrections (utils/fuse-scorer.ts). Without one, fuzzy matching finds
   * nothing until FuzzyCorrector.setScorer() is called: the content script loads fuse.js only
   * for pages with a word that needs it.
   */
  scorer?: Scorer;
}

/** Plural spellings of a lower-case word: synapse -> synapses, psychosis is left alone. */
export function pluralsOf(word: string): string[] {
  if (word.length < 3 || !/^\p{L}+$/u.test(word)) return [];
  if (/(?:sis|ss|us)$/.test(word)) return word.endsWith('ss') ? [`${word}es`] : [];
  if (/(?:x|z|ch|sh)$/.test(word)) return [`${word}es`];
  if (/[^aeiou]y$/.test(word)) return [`${word.slice(0, -1)}ies`];
  return [`${word}s`];
}

interface Tokenised {
  tokens: string[];
  separators: string[];
}

function tokenise(text: string): Tokenised | undefined {
  const tokens: string[] = [];
  const separators: string[] = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN_PATTERN)) {
    if (tokens.length > 0) {
      const key = separatorKey(text.slice(last, match.index));
      if (key === undefined) return undefined;
      separators.push(key);
    }
    tokens.push(match[0]);
    last = match.index + match[0].length;
  }
  return tokens.length > 0 ? { tokens, separators } : undefined;
}

function insert(root: TrieNode, keys: readonly string[], terminal: Terminal): void {
  let node = root;
  for (const key of keys) {
    let child = node.next.get(key);
    if (!child) {
      child = { next: new Map(), terminals: [] };
      node.next.set(key, child);
    }
    node = child;
  }
  const same = (t: Terminal) => t.entryId === terminal.entryId && t.exact?.join(' ') === terminal.exact?.join(' ');
  if (node.terminals.some(same)) return;
  // Exact-case spellings first: "Synapse" (the product sense) is tried before "synapse".
  if (terminal.exact) node.terminals.unshift(terminal);
  else node.terminals.push(terminal);
}

/** Trie keys for a token sequence: the first token alone, later ones prefixed by their joint. */
export function trieKeys(tokens: readonly string[], separators: readonly string[]): string[] {
  return tokens.map((token, i) => (i === 0 ? tokenKey(token) : `${separators[i - 1] ?? ''} ${tokenKey(token)}`));
}

/**
 * Compiles entries into one token trie. Each alias is added as written and with plural
 * spellings of its last word; forms (adjectives, irregular plurals) are added as written.
 * Abbreviations keep their exact casing, and their plural is the abbreviation plus "s".
 */
export function compileTermIndex(entries: readonly TermSummary[], options: CompileOptions = {}): TermIndex {
  const root: TrieNode = { next: new Map(), terminals: [] };
  const byId = new Map<string, TermSummary>();
  const vocabulary = new Set<string>();
  for (const entry of entries) {
    byId.set(entry.id, entry);
    const variants = [
      ...entry.aliases.map((alias): Alias & { isForm: boolean } => ({ ...alias, isForm: false })),
      ...entry.forms.map((text): Alias & { isForm: boolean } => ({ text, isForm: true })),
    ];
    for (const variant of variants) {
      const parsed = tokenise(variant.text);
      if (!parsed) continue;
      const { tokens, separators } = parsed;
      const lastIndex = tokens.length - 1;
      const lastToken = tokens[lastIndex] ?? '';
      const ambiguous = variant.ambiguous === true;
      const base: Terminal = { entryId: entry.id, alias: variant.text, ambiguous };
      if (variant.otherMeanings?.length) base.otherMeanings = variant.otherMeanings;
      if (ambiguous && variant.cues?.length) base.cues = variant.cues;
      if (variant.abbreviation === true || variant.caseSensitive === true) {
        const exact = tokens.map(tokenExact);
        const pluralExact = [...exact.slice(0, -1), `${exact[lastIndex] ?? ''}s`];
        insert(root, trieKeys(tokens, separators), { ...base, exact });
        insert(root, trieKeys(pluralExact, separators), { ...base, exact: pluralExact });
        continue;
      }
      const terminal = base;
      const spellings = [tokens];
      if (!variant.isForm) {
        for (const plural of pluralsOf(tokenKey(lastToken))) spellings.push([...tokens.slice(0, -1), plural]);
      }
      for (const spelling of spellings) {
        insert(root, trieKeys(spelling, separators), terminal);
        if (!ambiguous) for (const token of spelling) vocabulary.add(tokenKey(token));
      }
    }
  }
  const fuzzy = new FuzzyCorrector(vocabulary, options.fuzzyExclusions ?? [], options.scorer);
  const scanner = compileScanner(root.next.keys(), fuzzy.words());
  return { root, scanner, entries: byId, fuzzy };
}

const symbolOf = (code: number): number =>
  code >= 97 && code <= 122 ? code - 97 : code >= 48 && code <= 57 ? 26 + code - 48 : -1;

/**
 * The scanner over lower-case keys: `rootKeys` get SCANNER_ROOT_KEY, and the prefixes of each
 * word of `prefixWords` from 3 characters to 3 short of the word get SCANNER_PREFIX (the
 * corrector's isPrefix). Keys with characters other than a-z and 0-9 are left out: the
 * tokeniser reads only ASCII words through the scanner.
 */
export function compileScanner(rootKeys: Iterable<string>, prefixWords: Iterable<string>): Scanner {
  let transitions = new Int32Array(1024 * SCANNER_SYMBOLS);
  let stateFlags = new Uint8Array(1024);
  let states = 1;
  const add = (key: string, prefixes: boolean) => {
    for (let i = 0; i < key.length; i++) if (symbolOf(key.charCodeAt(i)) < 0) return;
    // Prefixes: only as deep as the longest prefix isPrefix accepts.
    const depth = prefixes ? key.length - 3 : key.length;
    let state = 0;
    for (let i = 0; i < depth; i++) {
      const at = state * SCANNER_SYMBOLS + symbolOf(key.charCodeAt(i));
      let next = transitions[at] as number;
      if (next === 0) {
        if (states === stateFlags.length) {
          const wider = new Int32Array(transitions.length * 2);
          wider.set(transitions);
          transitions = wider;
          const flags = new Uint8Array(stateFlags.length * 2);
          flags.set(stateFlags);
          stateFlags = flags;
        }
        next = states++;
        transitions[at] = next;
      }
      state = next;
      if (prefixes && i >= 2) stateFlags[state] = (stateFlags[state] as number) | SCANNER_PREFIX;
    }
    if (!prefixes) stateFlags[state] = (stateFlags[state] as number) | SCANNER_ROOT_KEY;
  };
  for (const key of rootKeys) add(key, false);
  for (const word of prefixWords) add(word, true);
  return { transitions: transitions.subarray(0, states * SCANNER_SYMBOLS), stateFlags: stateFlags.subarray(0, states) };
}
