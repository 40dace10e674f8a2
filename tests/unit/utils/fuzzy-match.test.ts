import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FuzzyCorrector, oneDeletionApart } from '@/utils/fuzzy-match';

/** Every string made by deleting one character of `word`: the reference symmetric delete uses. */
function deletionsOf(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}
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

describe('oneDeletionApart', () => {
  /** The definition, by brute force: one-deletion sets (symmetric delete) that meet. */
  const bySymmetricDelete = (a: string, b: string) => {
    if (a === b) return false;
    const ofA = new Set(deletionsOf(a));
    return ofA.has(b) || deletionsOf(b).includes(a) || deletionsOf(b).some((d) => ofA.has(d));
  };

  it('agrees with symmetric delete on arbitrary pairs of similar words (property)', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c'), minLength: 1, maxLength: 7 });
    // Pairs made by small edits of one word, so that near misses are common.
    const pair = fc.tuple(word, word, fc.nat(7), fc.nat(7)).map(([a, b, i, j]) => {
      const edited = a.slice(0, i % (a.length + 1)) + b.slice(0, 1 + (j % 2)) + a.slice((i % (a.length + 1)) + (j % 3));
      return [a, edited] as const;
    });
    fc.assert(
      fc.property(fc.oneof(pair, fc.tuple(word, word)), ([a, b]) => {
        expect(oneDeletionApart(a, b)).toBe(bySymmetricDelete(a, b));
      }),
      { numRuns: 3000 },
    );
  });

  it('finds insertions, deletions, substitutions and swaps, and not two edits', () => {
    expect(oneDeletionApart('ketamin', 'ketamine')).toBe(true);
    expect(oneDeletionApart('ketamiine', 'ketamine')).toBe(true);
    expect(oneDeletionApart('ketamune', 'ketamine')).toBe(true);
    expect(oneDeletionApart('ketmaine', 'ketamine')).toBe(true);
    expect(oneDeletionApart('kteamnie', 'ketamine')).toBe(false);
    expect(oneDeletionApart('ketamine', 'ketamine')).toBe(false);
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

  it('does not correct the real words the scorer excludes (the scorer brings them, not the corrector)', () => {
    const scored = new FuzzyCorrector(['neuron', 'ketamine'], [], createFuseScorer(['neutron']));
    expect(scored.correct('neutron')).toBeUndefined();
    expect(scored.correct('ketamin')).toBe('ketamine');
    // Without the exclusion, the same scorer would take neutron for neuron.
    expect(new FuzzyCorrector(['neuron'], [], createFuseScorer()).correct('neutron')).toBe('neuron');
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

  it('without a scorer, corrects nothing', () => {
    const unscored = new FuzzyCorrector(['ketamine'], []);
    expect(unscored.correct('ketamin')).toBeUndefined();
    expect(unscored.settled('ketamin')).toBe(true);
  });

  it('knows prefixes of words written apart', () => {
    expect(corrector.isPrefix('electro')).toBe(true);
    expect(corrector.isPrefix('convulsive')).toBe(false);
  });
});
