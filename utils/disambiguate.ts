import type { TermMatch } from './match-terms';

/** Characters on each side of a match that count as "near" for domain evidence. */
export const EVIDENCE_WINDOW = 600;
/** Distinct unambiguous terms a whole page needs before ambiguous ones count without local evidence. */
export const PAGE_EVIDENCE = 3;

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Case-insensitive whole-phrase occurrences of `phrase` in `lower` (already lower-cased). */
function occurrences(lower: string, phrase: string): number[] {
  const needle = phrase.toLowerCase();
  const found: number[] = [];
  for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, at + 1)) {
    const before = lower[at - 1];
    const after = lower[at + needle.length];
    if ((before === undefined || !WORD_CHAR.test(before)) && (after === undefined || !WORD_CHAR.test(after))) {
      found.push(at);
    }
  }
  return found;
}

function nearestDistance(positions: readonly number[], start: number, end: number): number {
  let best = Infinity;
  for (const position of positions) best = Math.min(best, position < start ? start - position : position - end);
  return best;
}

/**
 * Decides which ambiguous matches (TMS, ECT, PCP, "depression", ...) to keep, from the text
 * around them; unambiguous matches pass unchanged. `matches` are all matches of one page (or
 * file) with offsets into `text`, that page's text. For each ambiguous match, in order:
 *
 * 1. Inside a phrase that spells out another sense ("the Great Depression", "tropical
 *    depression"): dropped.
 * 2. The page names the term unambiguously (its expansion, "transcranial magnetic
 *    stimulation") and not the other sense: kept. The page spells out the other sense
 *    ("transportation management system", "primary care physician") and not this one: dropped.
 *    Both: the nearer of the two wins.
 * 3. Otherwise domain evidence decides: kept when another unambiguous term of the fact set is
 *    within EVIDENCE_WINDOW characters, or the page has PAGE_EVIDENCE distinct ones.
 */
export function disambiguate(matches: readonly TermMatch[], text: string): TermMatch[] {
  if (!matches.some((match) => match.ambiguous)) return [...matches];
  const lower = text.toLowerCase();
  const plain = matches.filter((match) => !match.ambiguous && !match.fuzzy).sort((a, b) => a.start - b.start);
  const pageEntries = new Set(plain.map((match) => match.entryId));
  const ownSense = new Map<string, number[]>();
  for (const match of plain) {
    const list = ownSense.get(match.entryId);
    if (list) list.push(match.start);
    else ownSense.set(match.entryId, [match.start]);
  }
  const ambiguous = matches.filter((match) => match.ambiguous);
  const otherSenseCache = new Map<string, { phrases: [number, number][]; elsewhere: number[] }>();
  const otherSenseOf = (match: TermMatch) => {
    const key = match.otherMeanings?.join('\u0000') ?? '';
    let result = otherSenseCache.get(key);
    if (!result) {
      const phrases: [number, number][] = [];
      for (const phrase of match.otherMeanings ?? []) {
        for (const at of occurrences(lower, phrase)) phrases.push([at, at + phrase.length]);
      }
      // Phrases that contain an ambiguous alias ("tropical depression") speak only for that one.
      const elsewhere = phrases
        .filter(([start, end]) => !ambiguous.some((m) => start <= m.start && m.end <= end))
        .map(([start]) => start);
      result = { phrases, elsewhere };
      otherSenseCache.set(key, result);
    }
    return result;
  };
  const hasEvidenceNear = (match: TermMatch) => {
    // plain is sorted by start: find the first that could end inside the window.
    let low = 0;
    let high = plain.length;
    const from = match.start - EVIDENCE_WINDOW;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((plain[mid] as TermMatch).start < from - 200) low = mid + 1;
      else high = mid;
    }
    for (let i = low; i < plain.length; i++) {
      const m = plain[i] as TermMatch;
      if (m.start > match.end + EVIDENCE_WINDOW) break;
      if (m.end >= from && m.entryId !== match.entryId) return true;
    }
    return false;
  };

  return matches.filter((match) => {
    if (!match.ambiguous) return true;
    const other = otherSenseOf(match);
    if (other.phrases.some(([start, end]) => start <= match.start && match.end <= end)) return false;
    const own = ownSense.get(match.entryId) ?? [];
    if (own.length > 0 || other.elsewhere.length > 0) {
      return nearestDistance(own, match.start, match.end) <= nearestDistance(other.elsewhere, match.start, match.end);
    }
    return pageEntries.size >= PAGE_EVIDENCE || hasEvidenceNear(match);
  });
}
