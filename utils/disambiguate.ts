import type { TermMatch } from './match-terms';

/** Characters on each side of a match that count as "near" for domain evidence. */
export const EVIDENCE_WINDOW = 600;
/** Distinct unambiguous terms a whole page needs before ambiguous ones count without local evidence. */
export const PAGE_EVIDENCE = 3;
/** Distinct cue words near an ambiguous match that speak for the domain sense. */
export const CUE_EVIDENCE = 2;
/** Longest match the window search allows for (matches are short phrases). */
const LONGEST_MATCH = 200;

const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Whole-phrase occurrences of `phrase` in `text` (`lower` is its lower case, or `text` itself
 * when the phrase has capitals). A phrase written with capitals ("Great Depression", "the
 * Depression") must match its casing; an all-lower-case one matches any.
 */
export function occurrences(text: string, lower: string, phrase: string): number[] {
  const caseSensitive = phrase !== phrase.toLowerCase();
  const haystack = caseSensitive ? text : lower;
  const needle = caseSensitive ? phrase : phrase.toLowerCase();
  const found: number[] = [];
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
    const before = haystack[at - 1];
    const after = haystack[at + needle.length];
    if ((before === undefined || !WORD_CHAR.test(before)) && (after === undefined || !WORD_CHAR.test(after))) {
      found.push(at);
    }
  }
  return found;
}

/** What the context rule reads of a page: where phrases occur, and the text around a match. */
export interface PageText {
  /** Whole-phrase occurrences of `phrase`, by the casing rule of occurrences(). */
  occurrences(phrase: string): readonly number[];
  /** The page's lower-case text from `start` to `end`. */
  lowerSlice(start: number, end: number): string;
}

/** A page that is one string (the scan command, tests, findTerms). */
export function stringPageText(text: string): PageText {
  let lower: string | undefined;
  const lowered = () => (lower ??= text.toLowerCase());
  return {
    occurrences: (phrase) => occurrences(text, phrase === phrase.toLowerCase() ? lowered() : text, phrase),
    lowerSlice: (start, end) => lowered().slice(Math.max(0, start), end),
  };
}

/**
 * The least distance from a match [start, end) to one of `positions` (ascending): start minus
 * a position before it, or a position at or after it minus end. Each side is nearest at the
 * boundary between them, so only the two positions around `start` need a look (a page with
 * thousands of occurrences of a term and of an ambiguous alias would otherwise compare each
 * with each).
 */
export function nearestDistance(positions: readonly number[], start: number, end: number): number {
  let low = 0;
  let high = positions.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((positions[mid] as number) < start) low = mid + 1;
    else high = mid;
  }
  const before = low > 0 ? start - (positions[low - 1] as number) : Infinity;
  const after = low < positions.length ? (positions[low] as number) - end : Infinity;
  return Math.min(before, after);
}

/** Distinct cues (stems at a word start, or phrases) found in `lowerWindow`. */
function countCues(lowerWindow: string, cues: readonly string[]): number {
  let count = 0;
  for (const cue of cues) {
    for (let at = lowerWindow.indexOf(cue); at !== -1; at = lowerWindow.indexOf(cue, at + 1)) {
      const before = lowerWindow[at - 1];
      if (before === undefined || !WORD_CHAR.test(before)) {
        count++;
        break;
      }
    }
  }
  return count;
}

/**
 * Which of a page's matches disambiguate() needs to decide `deferred` (its ambiguous matches
 * and those with other senses), given `knownEntries`: all of them while the page names fewer
 * than PAGE_EVIDENCE terms (an unambiguous match near an ambiguous one is evidence then);
 * after that only the deferred ones and the unambiguous matches of the same terms (their own
 * sense), since nearness and cues are consulted only below PAGE_EVIDENCE. Its decisions on the
 * deferred matches are the same, and on a page of thousands of terms it has a few hundred to
 * read.
 */
export function decidesAmbiguous(
  deferred: readonly TermMatch[],
  knownEntries: ReadonlySet<string>,
): (match: TermMatch) => boolean {
  if (knownEntries.size < PAGE_EVIDENCE) return () => true;
  const entries = new Set(deferred.map((match) => match.entryId));
  return (match) => match.ambiguous || match.otherMeanings !== undefined || entries.has(match.entryId);
}

/**
 * Decides which matches to keep from the text around them. `matches` are all matches of one
 * page (or file) with offsets into `text`, that page's text. `knownEntries` names terms
 * already marked elsewhere on the page, when only new content is being decided.
 *
 * 1. Any match inside a phrase that spells out another sense of its alias ("the Great
 *    Depression", "tropical depression", "monosodium glutamate"): dropped.
 *
 * Unambiguous matches are then kept. Each ambiguous one (TMS, ECT, PCP, "depression", ...):
 *
 * 2. The page names the term unambiguously (its expansion, "transcranial magnetic
 *    stimulation") and not the other sense: kept. The page spells out the other sense
 *    ("transportation management system", "primary care") and not this one: dropped. Both:
 *    the nearer of the two wins.
 * 3. Otherwise domain evidence decides: kept when another unambiguous term of the fact set
 *    stands within EVIDENCE_WINDOW characters, or CUE_EVIDENCE of the alias's cue words do
 *    ("psychiatr", "coil"), or the page has PAGE_EVIDENCE distinct unambiguous terms.
 */
export function disambiguate(
  matches: readonly TermMatch[],
  text: string | PageText,
  knownEntries: ReadonlySet<string> = new Set(),
): TermMatch[] {
  if (!matches.some((match) => match.ambiguous || match.otherMeanings)) return [...matches];
  const page = typeof text === 'string' ? stringPageText(text) : text;
  const ambiguous = matches.filter((match) => match.ambiguous).sort((a, b) => a.start - b.start);
  /** Whether an ambiguous match lies within [start, end): a binary search over their starts. */
  const holdsAmbiguous = (start: number, end: number) => {
    let low = 0;
    let high = ambiguous.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((ambiguous[mid] as TermMatch).start < start) low = mid + 1;
      else high = mid;
    }
    for (let i = low; i < ambiguous.length; i++) {
      const m = ambiguous[i] as TermMatch;
      if (m.start > end) break;
      if (m.end <= end) return true;
    }
    return false;
  };

  // By the phrases' text, not the list's identity: matches decoded from different answers of
  // the background carry equal lists that are different arrays.
  const otherSenseCache = new Map<string, { phrases: [number, number][]; elsewhere: number[] }>();
  const otherSenseOf = (match: TermMatch) => {
    const meanings = match.otherMeanings ?? [];
    const key = meanings.join('\u0000');
    let result = otherSenseCache.get(key);
    if (!result) {
      const phrases: [number, number][] = [];
      for (const phrase of meanings) {
        for (const at of page.occurrences(phrase)) phrases.push([at, at + phrase.length]);
      }
      // Phrases that contain an ambiguous match ("tropical depression") speak only for that one.
      const elsewhere = phrases
        .filter(([start, end]) => !holdsAmbiguous(start, end))
        .map(([start]) => start)
        .sort((a, b) => a - b);
      result = { phrases, elsewhere };
      otherSenseCache.set(key, result);
    }
    return result;
  };
  const insideOtherSense = (match: TermMatch) =>
    match.otherMeanings !== undefined &&
    otherSenseOf(match).phrases.some(([start, end]) => start <= match.start && match.end <= end);

  const plain = matches
    .filter((match) => !match.ambiguous && !match.fuzzy && !insideOtherSense(match))
    .sort((a, b) => a.start - b.start);
  const pageEntries = new Set([...knownEntries, ...plain.map((match) => match.entryId)]);
  const ownSense = new Map<string, number[]>();
  for (const match of plain) {
    const list = ownSense.get(match.entryId);
    if (list) list.push(match.start);
    else ownSense.set(match.entryId, [match.start]);
  }
  const hasTermNear = (match: TermMatch) => {
    const from = match.start - EVIDENCE_WINDOW;
    let low = 0;
    let high = plain.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((plain[mid] as TermMatch).start < from - LONGEST_MATCH) low = mid + 1;
      else high = mid;
    }
    for (let i = low; i < plain.length; i++) {
      const m = plain[i] as TermMatch;
      if (m.start > match.end + EVIDENCE_WINDOW) break;
      if (m.end >= from && m.entryId !== match.entryId) return true;
    }
    return false;
  };
  const hasCuesNear = (match: TermMatch) =>
    match.cues !== undefined &&
    countCues(page.lowerSlice(match.start - EVIDENCE_WINDOW, match.end + EVIDENCE_WINDOW), match.cues) >= CUE_EVIDENCE;

  return matches.filter((match) => {
    if (insideOtherSense(match)) return false;
    if (!match.ambiguous) return true;
    const own = ownSense.get(match.entryId) ?? [];
    const other = match.otherMeanings ? otherSenseOf(match).elsewhere : [];
    if (own.length > 0 || other.length > 0) {
      return nearestDistance(own, match.start, match.end) <= nearestDistance(other, match.start, match.end);
    }
    if (knownEntries.has(match.entryId)) return true;
    return pageEntries.size >= PAGE_EVIDENCE || hasTermNear(match) || hasCuesNear(match);
  });
}
