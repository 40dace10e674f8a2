import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TermMatch } from '@/utils/match-terms';

/** Labels of the real-page corpus (tests/fixtures/corpus/README.md has the rules). */
export interface CorpusFile {
  file: string;
  url: string;
  kind: 'domain' | 'negative' | 'mixed';
  labels: { text: string; termId: string; label: 'must' | 'never' | 'either' }[];
}

interface Span {
  start: number;
  end: number;
  termId: string;
  label: 'must' | 'never' | 'either';
}

export interface FileScore {
  file: string;
  must: number;
  found: number;
  missed: string[];
  falsePositives: string[];
  marks: number;
}

export const CORPUS_DIR = 'tests/fixtures/corpus';

export function loadCorpus(): { entry: CorpusFile; text: string }[] {
  const entries = JSON.parse(readFileSync(join(CORPUS_DIR, 'labels.json'), 'utf8')) as CorpusFile[];
  return entries.map((entry) => ({ entry, text: readFileSync(join(CORPUS_DIR, entry.file), 'utf8') }));
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every labelled occurrence (rules 1-3 of the corpus README): whole words, attached endings, longer labels win. */
function labelledSpans(text: string, labels: CorpusFile['labels']): Span[] {
  const spans: Span[] = [];
  for (const label of labels) {
    const pattern = new RegExp(
      `(?<![\\p{L}\\p{N}_])${escape(label.text)}(?:s|es|'s|’s|s'|s’)?(?![\\p{L}\\p{N}_])`,
      'gu',
    );
    for (const match of text.matchAll(pattern)) {
      spans.push({ start: match.index, end: match.index + match[0].length, termId: label.termId, label: label.label });
    }
  }
  return spans.filter(
    (span) =>
      !spans.some(
        (other) =>
          other !== span &&
          other.start <= span.start &&
          span.end <= other.end &&
          other.end - other.start > span.end - span.start,
      ),
  );
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

/**
 * Scores one file: recall over `must` occurrences (a mark of the same term overlaps it) and
 * false positives (a mark over `never` text, over text labelled as another term, or over
 * unlabelled text). `either` occurrences count neither way.
 */
export function scoreFile(entry: CorpusFile, text: string, marks: readonly TermMatch[]): FileScore {
  const spans = labelledSpans(text, entry.labels);
  const must = spans.filter((span) => span.label === 'must');
  const missed = must.filter((span) => !marks.some((m) => m.entryId === span.termId && overlaps(m, span)));
  const falsePositives = marks.filter((mark) => {
    const covering = spans.filter((span) => overlaps(mark, span));
    if (covering.length === 0) return true;
    if (covering.some((span) => span.label !== 'never' && span.termId === mark.entryId)) return false;
    if (covering.some((span) => span.label === 'either')) return false;
    return true;
  });
  const show = (s: { start: number; end: number }) => JSON.stringify(text.slice(s.start, s.end));
  return {
    file: entry.file,
    must: must.length,
    found: must.length - missed.length,
    missed: missed.map((span) => `${show(span)} (${span.termId})`),
    falsePositives: falsePositives.map((m) => `${show(m)} as ${m.entryId}`),
    marks: marks.length,
  };
}
