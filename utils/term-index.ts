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

/** Every alias of every entry, compiled once into one token trie. */
export interface TermIndex {
  root: TrieNode;
  entries: ReadonlyMap<string, TermSummary>;
  /** Spelling correction towards the words of unambiguous, non-abbreviation aliases. */
  fuzzy: FuzzyCorrector;
}

export interface CompileOptions {
  /** Real words one edit away from an alias word that fuzzy matching must leave alone. */
  fuzzyExclusions?: Iterable<string>;
  /** Scores spelling corrections (utils/fuse-scorer.ts). Without one, fuzzy matching finds nothing. */
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
  return compile(entries, options);
}

/** Where each terminal came from: [entry index, variant index (aliases, then forms)]. */
type TerminalSources = Map<Terminal, [number, number]>;

function compile(entries: readonly TermSummary[], options: CompileOptions, sources?: TerminalSources): TermIndex {
  const root: TrieNode = { next: new Map(), terminals: [] };
  const byId = new Map<string, TermSummary>();
  const vocabulary = new Set<string>();
  for (const [entryIndex, entry] of entries.entries()) {
    byId.set(entry.id, entry);
    const variants = [
      ...entry.aliases.map((alias): Alias & { isForm: boolean } => ({ ...alias, isForm: false })),
      ...entry.forms.map((text): Alias & { isForm: boolean } => ({ text, isForm: true })),
    ];
    for (const [variantIndex, variant] of variants.entries()) {
      const parsed = tokenise(variant.text);
      if (!parsed) continue;
      const { tokens, separators } = parsed;
      const lastIndex = tokens.length - 1;
      const lastToken = tokens[lastIndex] ?? '';
      const ambiguous = variant.ambiguous === true;
      const base: Terminal = { entryId: entry.id, alias: variant.text, ambiguous };
      if (variant.otherMeanings?.length) base.otherMeanings = variant.otherMeanings;
      if (ambiguous && variant.cues?.length) base.cues = variant.cues;
      sources?.set(base, [entryIndex, variantIndex]);
      if (variant.abbreviation === true || variant.caseSensitive === true) {
        const exact = tokens.map(tokenExact);
        const pluralExact = [...exact.slice(0, -1), `${exact[lastIndex] ?? ''}s`];
        const singular = { ...base, exact };
        const plural = { ...base, exact: pluralExact };
        sources?.set(singular, [entryIndex, variantIndex]);
        sources?.set(plural, [entryIndex, variantIndex]);
        insert(root, trieKeys(tokens, separators), singular);
        insert(root, trieKeys(pluralExact, separators), plural);
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
  return { root, entries: byId, fuzzy };
}

/**
 * A term index compiled at build time (data/match-index.json, `npm run build:data`), so a page
 * only loads it: compiling the fact set's aliases in a cold content script costs far more.
 * Terminals point into the summaries it was compiled from, which must be passed to load it.
 */
export interface PrecompiledIndex {
  /** The nodes under the root: [key, terminals, the nodes under this one], without empty parts at the end. */
  trie: PrecompiledNode[];
  /** The fuzzy corrector's vocabulary, separated by spaces. */
  vocabulary: string;
}

type PrecompiledNode = [string] | [string, PrecompiledTerminal[]] | [string, PrecompiledTerminal[], PrecompiledNode[]];

/** [entry index, variant index (aliases, then forms), exact spellings if any]. */
type PrecompiledTerminal = [number, number] | [number, number, string[]];

/** Compiles `entries` for loadTermIndex(); see PrecompiledIndex. */
export function precompileTermIndex(entries: readonly TermSummary[]): PrecompiledIndex {
  const sources: TerminalSources = new Map();
  const index = compile(entries, {}, sources);
  const rows = (node: TrieNode): PrecompiledNode[] =>
    [...node.next].map(([key, child]): PrecompiledNode => {
      const terminals = child.terminals.map((terminal): PrecompiledTerminal => {
        const [entryIndex, variantIndex] = sources.get(terminal) ?? [-1, -1];
        return terminal.exact ? [entryIndex, variantIndex, [...terminal.exact]] : [entryIndex, variantIndex];
      });
      const below = rows(child);
      if (below.length > 0) return [key, terminals, below];
      return terminals.length > 0 ? [key, terminals] : [key];
    });
  return { trie: rows(index.root), vocabulary: [...index.fuzzy.words()].join(' ') };
}

/** The index precompileTermIndex(entries) describes, with the same entries, ready to match. */
export function loadTermIndex(
  precompiled: PrecompiledIndex,
  entries: readonly TermSummary[],
  options: CompileOptions = {},
): TermIndex {
  // Plain indexed loops: this runs once per page in cold code, where each step costs many
  // times what it costs once optimised. Nodes are plain objects of one shape, as compile()
  // makes them, so the matcher's property reads stay simple.
  const noChildren: Map<string, TrieNode> = new Map();
  const noTerminals: Terminal[] = [];
  const terminalsOf = (refs: PrecompiledTerminal[] | undefined): Terminal[] => {
    if (refs === undefined || refs.length === 0) return noTerminals;
    const terminals: Terminal[] = [];
    for (let k = 0; k < refs.length; k++) {
      const ref = refs[k] as PrecompiledTerminal;
      const entry = entries[ref[0]] as TermSummary;
      const variant = ref[1];
      const alias: Alias = entry.aliases[variant] ?? { text: entry.forms[variant - entry.aliases.length] ?? '' };
      const ambiguous = alias.ambiguous === true;
      const terminal: Terminal = { entryId: entry.id, alias: alias.text, ambiguous };
      if (ref.length === 3) terminal.exact = ref[2];
      if (alias.otherMeanings?.length) terminal.otherMeanings = alias.otherMeanings;
      if (ambiguous && alias.cues?.length) terminal.cues = alias.cues;
      terminals.push(terminal);
    }
    return terminals;
  };
  const level = (rows: PrecompiledNode[] | undefined): Map<string, TrieNode> => {
    if (!rows) return noChildren;
    const next = new Map<string, TrieNode>();
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as PrecompiledNode;
      next.set(row[0], { next: level(row[2]), terminals: terminalsOf(row[1]) });
    }
    return next;
  };
  const root: TrieNode = { next: level(precompiled.trie), terminals: noTerminals };
  const fuzzy = new FuzzyCorrector(precompiled.vocabulary.split(' '), options.fuzzyExclusions ?? [], options.scorer);
  return { root, entries: new Map(entries.map((entry) => [entry.id, entry])), fuzzy };
}
