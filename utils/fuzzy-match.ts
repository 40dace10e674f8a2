import Fuse from 'fuse.js';

/** Words shorter than this are never corrected: too many real words lie one edit away. */
export const MIN_FUZZY_LENGTH = 6;

/** fuse.js score (0 = perfect) a correction must reach. */
const FUSE_THRESHOLD = 0.3;

/** Shared time budget of the fuzzy pass over one page. */
export interface FuzzyBudget {
  /** Milliseconds left; the fuzzy pass stops correcting when it reaches 0. */
  remainingMs: number;
}

/** Every string made by deleting one character of `word`. */
export function deletionsOf(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/**
 * Spelling correction of single tokens towards a vocabulary (the lower-case words of the
 * fact set's aliases). Candidates come from a one-deletion index (symmetric delete: every
 * single insertion, deletion, substitution or adjacent swap is found with a few Set lookups
 * and already names the word); fuse.js then scores only those few candidates. Real English
 * words one edit from a vocabulary word (neutron, gluten, ...) are excluded up front, and
 * every result is cached per token.
 */
export class FuzzyCorrector {
  private readonly vocabulary: ReadonlySet<string>;
  private readonly byDeletion = new Map<string, string[]>();
  private readonly firstLetters = new Set<string>();
  private readonly prefixes = new Set<string>();
  private readonly cache = new Map<string, string | null>();
  /** fuse.js instances by candidate group, built once each. */
  private readonly scorers = new Map<string, Fuse<string>>();
  private readonly minLength: number;
  private readonly maxLength: number;

  private readonly exclusions: ReadonlySet<string>;

  constructor(vocabulary: Iterable<string>, exclusions: Iterable<string>) {
    this.exclusions = new Set(exclusions);
    const words = new Set([...vocabulary].filter((word) => word.length >= MIN_FUZZY_LENGTH));
    this.vocabulary = words;
    let min = Infinity;
    let max = 0;
    for (const word of words) {
      min = Math.min(min, word.length);
      max = Math.max(max, word.length);
      this.firstLetters.add(word[0] ?? '');
      for (const deleted of deletionsOf(word)) {
        const list = this.byDeletion.get(deleted);
        if (list) {
          if (!list.includes(word)) list.push(word);
        } else this.byDeletion.set(deleted, [word]);
      }
      for (let end = 3; end < word.length - 2; end++) this.prefixes.add(word.slice(0, end));
    }
    this.minLength = min - 1;
    this.maxLength = max + 1;
  }

  /** True when `key` is a vocabulary word exactly. */
  has(key: string): boolean {
    return this.vocabulary.has(key);
  }

  /** True when `key` could be the first part of a vocabulary word written apart ("electro"). */
  isPrefix(key: string): boolean {
    return this.prefixes.has(key);
  }

  /**
   * The vocabulary word `key` (a lower-case token) is a light misspelling of, or undefined.
   * Spends from `budget` only when real work is done; returns undefined once it is spent.
   */
  correct(key: string, budget?: FuzzyBudget): string | undefined {
    if (key.length < this.minLength || key.length > this.maxLength || key.length < MIN_FUZZY_LENGTH) return undefined;
    if (!this.firstLetters.has(key[0] ?? '') || this.vocabulary.has(key)) return undefined;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached ?? undefined;
    if (budget && budget.remainingMs <= 0) return undefined;
    const started = performance.now();
    const result = this.exclusions.has(key) || !/^\p{L}+$/u.test(key) ? undefined : this.search(key);
    if (budget) budget.remainingMs -= performance.now() - started;
    this.cache.set(key, result ?? null);
    return result;
  }

  private search(key: string): string | undefined {
    const candidates = new Set<string>(this.byDeletion.get(key) ?? []);
    for (const deleted of deletionsOf(key)) {
      if (this.vocabulary.has(deleted)) candidates.add(deleted);
      for (const word of this.byDeletion.get(deleted) ?? []) candidates.add(word);
    }
    // Keep the first letter: misspellings almost never change it, look-alike words often do.
    const sameStart = [...candidates].filter((word) => word[0] === key[0]);
    if (sameStart.length === 0) return undefined;
    const group = sameStart.sort().join(' ');
    let fuse = this.scorers.get(group);
    if (!fuse) {
      fuse = new Fuse(sameStart, { includeScore: true, threshold: FUSE_THRESHOLD, ignoreLocation: true });
      this.scorers.set(group, fuse);
    }
    const [best] = fuse.search(key);
    return best && (best.score ?? 1) <= FUSE_THRESHOLD ? best.item : undefined;
  }
}
