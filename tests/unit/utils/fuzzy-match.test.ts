import { describe, expect, it } from 'vitest';
import { FuzzyCorrector, deletionsOf } from '@/utils/fuzzy-match';
import { createFuseScorer } from '@/utils/fuse-scorer';

const corrector = new FuzzyCorrector(
  ['ketamine', 'glutamate', 'serotonin', 'receptor', 'neuron', 'electroconvulsive'],
  ['neutron'],
  createFuseScorer(),
);

describe('deletionsOf', () => {
  it('lists every one-character deletion', () => {
    expect(deletionsOf('abc')).toEqual(['bc', 'ac', 'ab']);
  });
});

describe('FuzzyCorrector', () => {
  it('corrects one missing, extra, wrong or swapped letter', () => {
    expect(corrector.correct('ketamin')).toBe('ketamine');
    expect(corrector.correct('glutamte')).toBe('glutamate');
    expect(corrector.correct('seratonin')).toBe('serotonin');
    expect(corrector.correct('recpetor')).toBe('receptor');
    expect(corrector.correct('ketamiine')).toBe('ketamine');
  });

  it('does not correct words two edits away, short words, or words with another first letter', () => {
    expect(corrector.correct('glutamine')).toBeUndefined();
    expect(corrector.correct('ketone')).toBeUndefined();
    expect(corrector.correct('nuron')).toBeUndefined();
    expect(corrector.correct('betamine')).toBeUndefined();
  });

  it('does not correct excluded real words', () => {
    expect(corrector.correct('neutron')).toBeUndefined();
  });

  it('leaves exact vocabulary words and non-letters alone', () => {
    expect(corrector.correct('ketamine')).toBeUndefined();
    expect(corrector.correct('ketam1ne')).toBeUndefined();
  });

  it('stops correcting when the time budget is spent, without caching a miss', () => {
    const fresh = new FuzzyCorrector(['ketamine'], [], createFuseScorer());
    expect(fresh.correct('ketamin', { remainingMs: 0 })).toBeUndefined();
    expect(fresh.correct('ketamin', { remainingMs: 10 })).toBe('ketamine');
  });

  it('without a scorer, leaves a word that needs one uncorrected and uncached until a scorer is set', () => {
    const waiting = new FuzzyCorrector(['ketamine'], ['ketamines']);
    expect(waiting.correct('ketamin')).toBeUndefined();
    expect(waiting.correct('kettle')).toBeUndefined();
    // Only the word with candidates one edit away waited for the scorer.
    expect(waiting.waiting).toBe(1);
    waiting.setScorer(createFuseScorer());
    expect(waiting.correct('ketamin')).toBe('ketamine');
  });

  it('knows prefixes of words written apart', () => {
    expect(corrector.isPrefix('electro')).toBe(true);
    expect(corrector.isPrefix('convulsive')).toBe(false);
  });
});
