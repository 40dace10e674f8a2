import { describe, expect, it } from 'vitest';
import { bundledEntries, fuzzyExclusions } from '@/data';
import { findTerms } from '@/utils/find-terms';
import { compileTermIndex } from '@/utils/term-index';
import { loadCorpus, scoreFile } from '../../corpus-score';
import { createFuseScorer } from '@/utils/fuse-scorer';

// Thresholds for the real-page corpus (tests/fixtures/corpus), with the reasons in its README.
const MIN_RECALL = 0.9;
const MAX_FALSE_POSITIVES_PER_100_MARKS = 3;

const index = compileTermIndex(bundledEntries, { fuzzyExclusions, scorer: createFuseScorer() });
const scores = loadCorpus().map(({ entry, text }) => scoreFile(entry, text, findTerms(text, index, { fuzzy: true })));
const must = scores.reduce((sum, s) => sum + s.must, 0);
const found = scores.reduce((sum, s) => sum + s.found, 0);
const marks = scores.reduce((sum, s) => sum + s.marks, 0);
const falsePositives = scores.flatMap((s) => s.falsePositives.map((fp) => `${s.file}: ${fp}`));

describe('matching on the real-page corpus', () => {
  it(`finds at least ${MIN_RECALL * 100}% of the terms that must be marked`, () => {
    const missed = scores.flatMap((s) => s.missed.map((m) => `${s.file}: ${m}`));
    console.log(
      `corpus recall ${found}/${must} = ${((found / must) * 100).toFixed(1)}%; missed:\n  ${missed.join('\n  ')}`,
    );
    expect(found / must).toBeGreaterThanOrEqual(MIN_RECALL);
  });

  it(`marks at most ${MAX_FALSE_POSITIVES_PER_100_MARKS} false positives per 100 marks`, () => {
    console.log(`corpus false positives ${falsePositives.length} of ${marks} marks:\n  ${falsePositives.join('\n  ')}`);
    expect((falsePositives.length / marks) * 100).toBeLessThanOrEqual(MAX_FALSE_POSITIVES_PER_100_MARKS);
  });

  it('marks nothing wrong on the pages that use none of the terms in their domain sense', () => {
    const negatives = new Set(
      loadCorpus()
        .filter(({ entry }) => entry.kind === 'negative')
        .map(({ entry }) => entry.file),
    );
    expect(scores.filter((s) => negatives.has(s.file)).flatMap((s) => s.falsePositives)).toEqual([]);
  });
});
