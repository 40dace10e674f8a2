/** Words shorter than this are never corrected: too many real words lie one edit away. */
export const MIN_FUZZY_LENGTH = 6;

/**
 * Picks the correction of `key` among `candidates` (vocabulary words one edit away with the
 * same first letter, sorted), or undefined: utils/fuse-scorer.ts, with fuse.js.
 */
export type Scorer = (key: string, candidates: readonly string[]) => string | undefined;

/** Shared time budget of the fuzzy pass over one page. */
export interface FuzzyBudget {
  /** Milliseconds left; the fuzzy pass stops correcting when it reaches 0. */
  remainingMs: number;
}

/**
 * True when deleting one character from the longer of two different words, or one from each
 * when they are as long, makes them equal: one insertion, deletion, substitution or adjacent
 * swap apart (or one character moved within a run of others). The candidates a one-deletion
 * index (symmetric delete) would find, tested directly, so no index needs building.
 */
export function oneDeletionApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let prefix = 0;
  while (prefix < a.length && a[prefix] === b[prefix]) prefix++;
  if (a.length === b.length + 1) return a.slice(prefix + 1) === b.slice(prefix);
  if (b.length === a.length + 1) return b.slice(prefix + 1) === a.slice(prefix);
  const n = a.length;
  let suffix = 0;
  while (suffix < n && a[n - 1 - suffix] === b[n - 1 - suffix]) suffix++;
  // One character removed at `prefix` in one word and at `end` in the other; what lies between
  // is the same text shifted by one.
  const end = Math.max(prefix, n - 1 - suffix);
  return a.slice(prefix + 1, end + 1) === b.slice(prefix, end) || b.slice(prefix + 1, end + 1) === a.slice(prefix, end);
}

/**
 * Spelling correction of single tokens towards a vocabulary (the lower-case words of the
 * fact set's aliases). Candidates are the vocabulary words with the same first letter one
 * deletion apart (oneDeletionApart); fuse.js then scores only those few candidates. Real English
 * words one edit from a vocabulary word (neutron, gluten, ...) are excluded up front, and
 * every result is cached per token.
 */
export class FuzzyCorrector {
  private readonly vocabulary: ReadonlySet<string>;
  /**
   * Vocabulary words by first letter and length, built on the first word that gets as far as a
   * search: a word is compared only with those one character shorter, as long, or longer.
   */
  private byStart: Map<string, string[]> | undefined;
  private readonly firstLetters = new Set<string>();
  /** First parts of vocabulary words (3 characters to 3 short of the word), built on first use. */
  private prefixSet: Set<string> | undefined;
  private readonly cache = new Map<string, string | null>();
  private readonly scorer: Scorer | undefined;
  private readonly minLength: number;
  private readonly maxLength: number;

  private readonly exclusionList: Iterable<string>;
  /** Built on the first word that gets as far as a search. */
  private exclusionSet: ReadonlySet<string> | undefined;

  constructor(vocabulary: Iterable<string>, exclusions: Iterable<string>, scorer?: Scorer) {
    this.scorer = scorer;
    this.exclusionList = exclusions;
    const words = new Set([...vocabulary].filter((word) => word.length >= MIN_FUZZY_LENGTH));
    this.vocabulary = words;
    let min = Infinity;
    let max = 0;
    for (const word of words) {
      min = Math.min(min, word.length);
      max = Math.max(max, word.length);
      this.firstLetters.add(word[0] ?? '');
    }
    this.minLength = Math.max(min - 1, MIN_FUZZY_LENGTH);
    this.maxLength = max + 1;
  }

  /** The vocabulary: lower-case words of at least MIN_FUZZY_LENGTH characters. */
  words(): Iterable<string> {
    return this.vocabulary;
  }

  /** True when `key` is a vocabulary word exactly. */
  has(key: string): boolean {
    return this.vocabulary.has(key);
  }

  /** True when `key` could be the first part of a vocabulary word written apart ("electro"). */
  isPrefix(key: string): boolean {
    if (!this.prefixSet) {
      this.prefixSet = new Set<string>();
      for (const word of this.vocabulary)
        for (let end = 3; end < word.length - 2; end++) this.prefixSet.add(word.slice(0, end));
    }
    return this.prefixSet.has(key);
  }

  /** True when `key` is never corrected: a vocabulary word, or out of length or first-letter reach. */
  private outOfReach(key: string): boolean {
    return (
      key.length < this.minLength ||
      key.length > this.maxLength ||
      !this.firstLetters.has(key[0] ?? '') ||
      this.vocabulary.has(key)
    );
  }

  /** True when correct(key) gives its final answer without further work: it is decided or cached. */
  settled(key: string): boolean {
    return this.outOfReach(key) || this.cache.has(key);
  }

  /**
   * The vocabulary word `key` (a lower-case token) is a light misspelling of, or undefined.
   * Spends from `budget` only when real work is done; returns undefined once it is spent.
   */
  correct(key: string, budget?: FuzzyBudget): string | undefined {
    if (this.outOfReach(key)) return undefined;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached ?? undefined;
    if (budget && budget.remainingMs <= 0) return undefined;
    const started = performance.now();
    this.exclusionSet ??= new Set(this.exclusionList);
    const result = this.exclusionSet.has(key) || !/^\p{L}+$/u.test(key) ? undefined : this.search(key);
    if (budget) budget.remainingMs -= performance.now() - started;
    this.cache.set(key, result ?? null);
    return result;
  }

  private search(key: string): string | undefined {
    if (!this.byStart) {
      this.byStart = new Map();
      for (const word of this.vocabulary) {
        const group = `${word[0] ?? ''}${word.length}`;
        const list = this.byStart.get(group);
        if (list) list.push(word);
        else this.byStart.set(group, [word]);
      }
    }
    // Keep the first letter: misspellings almost never change it, look-alike words often do.
    const first = key[0] ?? '';
    const candidates: string[] = [];
    for (let length = key.length - 1; length <= key.length + 1; length++)
      for (const word of this.byStart.get(`${first}${length}`) ?? [])
        if (oneDeletionApart(key, word)) candidates.push(word);
    if (candidates.length === 0) return undefined;
    return this.scorer?.(key, candidates.sort());
  }
}
