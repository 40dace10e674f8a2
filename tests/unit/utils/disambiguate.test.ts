import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decidesAmbiguous, disambiguate, nearestDistance } from '@/utils/disambiguate';
import { matchTerms } from '@/utils/match-terms';
import { findTerms } from '@/utils/find-terms';
import { compileTermIndex } from '@/utils/term-index';
import { makeEntry } from '../helpers';
import { createFuseScorer } from '@/utils/fuse-scorer';

const index = compileTermIndex(
  [
    makeEntry('tms', [
      'transcranial magnetic stimulation',
      { text: 'TMS', abbreviation: true, ambiguous: true, otherMeanings: ['transportation management system'] },
    ]),
    makeEntry('mdd', [
      'major depressive disorder',
      {
        text: 'depression',
        ambiguous: true,
        otherMeanings: ['Great Depression', 'tropical depression', 'economic depression'],
      },
    ]),
    makeEntry('pcp', [
      'phencyclidine',
      { text: 'PCP', abbreviation: true, ambiguous: true, otherMeanings: ['primary care physician'] },
    ]),
    makeEntry('ketamine', ['ketamine']),
    makeEntry('antidepressant', ['antidepressant']),
    makeEntry('glutamate', ['glutamate']),
  ],
  { scorer: createFuseScorer() },
);

const marked = (text: string) => findTerms(text, index).map((m) => text.slice(m.start, m.end));

describe('disambiguate (through findTerms)', () => {
  it('does not mark TMS on a transportation-software page', () => {
    expect(marked('Our TMS cuts freight costs. Compare TMS vendors and carriers.')).toEqual([]);
    expect(marked('A transportation management system (TMS) plans loads. Ketamine is unrelated.')).toEqual([
      'Ketamine',
    ]);
  });

  it('marks TMS on a psychiatry page, from nearby terms or its expansion', () => {
    expect(marked('TMS is offered when an antidepressant has not helped.')).toEqual(['TMS', 'antidepressant']);
    expect(marked('Transcranial magnetic stimulation is a device therapy. Later, TMS sessions ran daily.')).toEqual([
      'Transcranial magnetic stimulation',
      'TMS',
    ]);
  });

  it('does not mark the Great Depression or a tropical depression, even on a psychiatry page', () => {
    const text =
      'Born during the Great Depression, she later had major depressive disorder; ketamine helped her depression. ' +
      'A tropical depression formed offshore.';
    expect(marked(text)).toEqual(['major depressive disorder', 'ketamine', 'depression']);
  });

  it('does not mark depression in an economics text with no domain terms', () => {
    expect(marked('The depression of the 1930s cut prices; a long depression in wages followed.')).toEqual([]);
  });

  it('does not mark PCP where the page spells it out as primary care physician', () => {
    const text =
      'Ask your primary care physician (PCP) about depression care. Your PCP may suggest an antidepressant ' +
      'or ketamine, which acts on glutamate.';
    expect(marked(text)).toEqual(['depression', 'antidepressant', 'ketamine', 'glutamate']);
  });

  it('marks PCP next to its expansion phencyclidine', () => {
    expect(marked('Phencyclidine (PCP) and ketamine both block the same channel; PCP is older.')).toEqual([
      'Phencyclidine',
      'PCP',
      'ketamine',
      'PCP',
    ]);
  });

  it('marks every ambiguous alias when the context rule is off', () => {
    const text = 'Our TMS cuts freight costs.';
    expect(findTerms(text, index, { context: false }).map((m) => text.slice(m.start, m.end))).toEqual(['TMS']);
  });
});

describe('nearestDistance', () => {
  it('equals the least distance over every position (binary search against the direct definition)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 60 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 1, max: 40 }),
        (unsorted, start, length) => {
          const positions = [...unsorted].sort((a, b) => a - b);
          const end = start + length;
          const direct = Math.min(Infinity, ...positions.map((p) => (p < start ? start - p : p - end)));
          expect(nearestDistance(positions, start, end)).toBe(direct);
        },
      ),
    );
  });
});

describe('decidesAmbiguous', () => {
  it('keeps every match disambiguate needs: the decisions on the ambiguous ones do not change', () => {
    const words = fc.constantFrom(
      'TMS',
      'a transportation management system',
      'transcranial magnetic stimulation',
      'depression',
      'the Great Depression',
      'major depressive disorder',
      'PCP',
      'primary care physician',
      'ketamine',
      'glutamate',
      'antidepressant',
      'plain words',
    );
    const known = fc.subarray(['ketamine', 'glutamate', 'antidepressant', 'mdd']);
    fc.assert(
      fc.property(fc.array(words, { maxLength: 30 }), known, (parts, entries) => {
        const text = parts.join('. ');
        const matches = matchTerms(text, index);
        const knownEntries = new Set(entries);
        const deferred = matches.filter((m) => m.ambiguous || m.otherMeanings !== undefined);
        const decidedFrom = (list: typeof matches) =>
          new Set(
            disambiguate(list, text, knownEntries)
              .filter((m) => deferred.includes(m))
              .map((m) => m.start),
          );
        const cut = matches.filter(decidesAmbiguous(deferred, knownEntries));
        expect(decidedFrom(cut)).toEqual(decidedFrom(matches));
      }),
      { numRuns: 300 },
    );
  });
});
