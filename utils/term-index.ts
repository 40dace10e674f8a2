import type { FactEntry } from '@/data/types';

/** What a trie node means when a match ends there. */
export interface Terminal {
  entryId: string;
  /** The alias or form this variant came from, as written in the data. */
  alias: string;
  /** For abbreviations: the only accepted spellings of each token (exact case). */
  exact?: readonly string[];
  ambiguous: boolean;
}

export interface TrieNode {
  next: Map<string, TrieNode>;
  terminals: Terminal[];
}

/** Every alias of every entry, compiled once into one token trie. */
export interface TermIndex {
  root: TrieNode;
  entries: ReadonlyMap<string, FactEntry>;
}

/** Runs of letters, combining marks, digits and soft hyphens: the unit of whole-word matching. */
export const TOKEN_PATTERN = /[\p{L}\p{M}\p{N}\u00AD]+/gu;

// eslint-disable-next-line no-control-regex -- the ASCII range starts at U+0000 on purpose
const NON_ASCII = /[^\u0000-\u007f]/;
const SOFT_HYPHEN = /\u00AD/g;
const HYPHENS = /^[-\u2010\u2011\u2012\u2013]$/;

/** Case-folded, NFKC-normalised form of one token, used as a trie key. */
export function tokenKey(token: string): string {
  const plain = NON_ASCII.test(token) ? token.normalize('NFKC').replace(SOFT_HYPHEN, '') : token;
  return plain.toLowerCase();
}

/** Exact (case-preserving) form of one token, for abbreviation checks. */
export function tokenExact(token: string): string {
  return NON_ASCII.test(token) ? token.normalize('NFKC').replace(SOFT_HYPHEN, '') : token;
}

/**
 * Key part for the text between two tokens of a multi-word term. Whitespace (any amount,
 * line breaks included) and a single hyphen or dash are the same joint, so "theta burst",
 * "theta-burst" and "theta\nburst" match alike; other punctuation must be written as in the alias.
 */
export function separatorKey(separator: string): string | undefined {
  const trimmed = separator.replace(/[\s\u00A0]+/g, '');
  if (trimmed === '' || HYPHENS.test(trimmed)) return '';
  if (trimmed.length > 3) return undefined;
  return trimmed.normalize('NFKC');
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
  if (!node.terminals.some((t) => t.entryId === terminal.entryId && t.exact === terminal.exact)) {
    node.terminals.push(terminal);
  }
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
export function compileTermIndex(entries: readonly FactEntry[]): TermIndex {
  const root: TrieNode = { next: new Map(), terminals: [] };
  const byId = new Map<string, FactEntry>();
  for (const entry of entries) {
    byId.set(entry.id, entry);
    const variants = [
      ...entry.aliases.map((alias) => ({ ...alias, isForm: false })),
      ...entry.forms.map((text) => ({ text, abbreviation: false, ambiguous: false, isForm: true })),
    ];
    for (const variant of variants) {
      const parsed = tokenise(variant.text);
      if (!parsed) continue;
      const { tokens, separators } = parsed;
      const lastIndex = tokens.length - 1;
      const lastToken = tokens[lastIndex] ?? '';
      const ambiguous = variant.ambiguous === true;
      if (variant.abbreviation === true) {
        const exact = tokens.map(tokenExact);
        insert(root, trieKeys(tokens, separators), { entryId: entry.id, alias: variant.text, exact, ambiguous });
        const pluralExact = [...exact.slice(0, -1), `${exact[lastIndex] ?? ''}s`];
        insert(root, trieKeys(pluralExact, separators), {
          entryId: entry.id,
          alias: variant.text,
          exact: pluralExact,
          ambiguous,
        });
        continue;
      }
      const terminal: Terminal = { entryId: entry.id, alias: variant.text, ambiguous };
      insert(root, trieKeys(tokens, separators), terminal);
      if (variant.isForm) continue;
      for (const plural of pluralsOf(tokenKey(lastToken))) {
        insert(root, trieKeys([...tokens.slice(0, -1), plural], separators), terminal);
      }
    }
  }
  return { root, entries: byId };
}
