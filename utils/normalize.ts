/**
 * Normalisation for matching. Text is never rewritten as a whole: it is cut into tokens whose
 * offsets point into the original string, and only the tokens are normalised into lookup
 * keys, so every match maps back to the original text exactly.
 */

/** Runs of letters, combining marks, digits and soft hyphens: the unit of whole-word matching. */
export const TOKEN_PATTERN = /[\p{L}\p{M}\p{N}\u00AD]+/gu;

// eslint-disable-next-line no-control-regex -- the ASCII range starts at U+0000 on purpose
const NON_ASCII = /[^\u0000-\u007f]/;
const SOFT_HYPHEN = /\u00AD/g;
/** Hyphen-minus, hyphen, non-breaking hyphen, figure dash, en dash. */
const HYPHENS = /^[-\u2010\u2011\u2012\u2013]$/;
/** Apostrophe look-alikes: right and left single quotes, modifier letter apostrophe, prime. */
export const APOSTROPHES = /['\u2018\u2019\u02BC\u2032]/g;
const WHITESPACE = /[\s\u00A0]+/g;

/** Exact (case-preserving) form of one token: NFKC, soft hyphens removed. For abbreviations. */
export function tokenExact(token: string): string {
  return NON_ASCII.test(token) ? token.normalize('NFKC').replace(SOFT_HYPHEN, '') : token;
}

/** Case-folded form of one token, used as a lookup key. */
export function tokenKey(token: string): string {
  return tokenExact(token).toLowerCase();
}

/**
 * Key of the text between two tokens of a multi-word term. Whitespace of any kind and amount
 * (line breaks and no-break spaces included) and a single hyphen or dash are the same joint,
 * so "theta burst", "theta-burst" and "theta\nburst" match alike. Other short punctuation must
 * be as in the alias (apostrophes unified); anything longer ends the term.
 */
export function separatorKey(separator: string): string | undefined {
  const trimmed = separator.replace(WHITESPACE, '');
  if (trimmed === '' || HYPHENS.test(trimmed)) return '';
  if (trimmed.length > 3) return undefined;
  return trimmed.normalize('NFKC').replace(APOSTROPHES, "'");
}
