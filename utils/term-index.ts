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
  /** Trie nodes after the root, each after its parent: [parent, key, terminals]. */
  nodes: [number, string, PrecompiledTerminal[]][];
}

/** [entry index, variant index (aliases, then forms), exact spellings if any]. */
type PrecompiledTerminal = [number, number] | [number, number, string[]];

/** Compiles `entries` for loadTermIndex(); see PrecompiledIndex. */
export function precompileTermIndex(entries: readonly TermSummary[]): PrecompiledIndex {
  const sources: TerminalSources = new Map();
  const index = compile(entries, {}, sources);
  const nodes: PrecompiledIndex['nodes'] = [];
  const queue: [TrieNode, number][] = [[index.root, 0]];
  let count = 1;
  while (queue.length > 0) {
    const [node, id] = queue.shift() as [TrieNode, number];
    for (const [key, child] of node.next) {
      const terminals = child.terminals.map((terminal): PrecompiledTerminal => {
        const [entryIndex, variantIndex] = sources.get(terminal) ?? [-1, -1];
        return terminal.exact ? [entryIndex, variantIndex, [...terminal.exact]] : [entryIndex, variantIndex];
      });
      nodes.push([id, key, terminals]);
      queue.push([child, count++]);
    }
  }
  return { nodes };
}

/** The index precompileTermIndex(entries) describes, with the same entries, ready to match. */
export function loadTermIndex(
  precompiled: PrecompiledIndex,
  entries: readonly TermSummary[],
  options: CompileOptions = {},
): TermIndex {
  // Plain indexed loops: this runs once per page in cold code, where destructuring and
  // spreads cost far more than in warm code.
  const terminalOf = (ref: PrecompiledTerminal): Terminal => {
    const entry = entries[ref[0]] as TermSummary;
    const variant = ref[1];
    const alias: Alias = entry.aliases[variant] ?? { text: entry.forms[variant - entry.aliases.length] ?? '' };
    const ambiguous = alias.ambiguous === true;
    const terminal: Terminal = { entryId: entry.id, alias: alias.text, ambiguous };
    if (ref.length === 3) terminal.exact = ref[2];
    if (alias.otherMeanings?.length) terminal.otherMeanings = alias.otherMeanings;
    if (ambiguous && alias.cues?.length) terminal.cues = alias.cues;
    return terminal;
  };
  const nodes = precompiled.nodes;
  // Most nodes are leaves without terminals or without children: they share one empty map and
  // one empty list (never written to: a node gets its own map with its first child).
  const noChildren: Map<string, TrieNode> = new Map();
  const noTerminals: Terminal[] = [];
  const trie: TrieNode[] = [{ next: new Map(), terminals: noTerminals }];
  const parents: number[] = [0];
  const tokens: string[] = [''];
  const vocabulary = new Set<string>();
  for (let i = 0; i < nodes.length; i++) {
    const row = nodes[i] as PrecompiledIndex['nodes'][number];
    const parent = row[0];
    const key = row[1];
    const refs = row[2];
    const terminals: Terminal[] = refs.length === 0 ? noTerminals : [];
    let plain = false;
    for (let k = 0; k < refs.length; k++) {
      const terminal = terminalOf(refs[k] as PrecompiledTerminal);
      terminals.push(terminal);
      plain ||= !terminal.ambiguous && !terminal.exact;
    }
    const node: TrieNode = { next: noChildren, terminals };
    const parentNode = trie[parent] as TrieNode;
    if (parentNode.next === noChildren) parentNode.next = new Map();
    parentNode.next.set(key, node);
    trie.push(node);
    parents.push(parent);
    // Keys after the first are "<joint> <token>"; a joint has no space in it.
    tokens.push(key.slice(key.indexOf(' ') + 1));
    // As in compile(): the words of unambiguous, non-abbreviation spellings.
    if (plain) for (let at = i + 1; at !== 0; at = parents[at] as number) vocabulary.add(tokens[at] as string);
  }
  const fuzzy = new FuzzyCorrector(vocabulary, options.fuzzyExclusions ?? [], options.scorer);
  return {
    root: trie[0] as TrieNode,
    entries: new Map(entries.map((entry) => [entry.id, entry])),
    fuzzy,
  };
}
