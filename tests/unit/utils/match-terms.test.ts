import { describe, expect, it } from 'vitest';
import { matchTerms } from '@/utils/match-terms';
import { compileTermIndex } from '@/utils/term-index';
import { makeEntry } from '../helpers';
import { createFuseScorer } from '@/utils/fuse-scorer';

const index = compileTermIndex(
  [
    makeEntry('ketamine', ['ketamine', 'Ketalar']),
    makeEntry('glutamate', ['glutamate'], ['glutamatergic']),
    makeEntry('synapse', ['synapse'], ['synaptic']),
    makeEntry('nmda-receptor', [
      'NMDA receptor',
      'N-methyl-D-aspartate receptor',
      { text: 'NMDAR', abbreviation: true },
    ]),
    makeEntry('tms', [
      'transcranial magnetic stimulation',
      { text: 'TMS', abbreviation: true, ambiguous: true },
      { text: 'rTMS', abbreviation: true },
    ]),
    makeEntry('mdd', ['major depressive disorder', 'depressive disorder']),
    makeEntry('ssri', ['selective serotonin reuptake inhibitor', { text: 'SSRI', abbreviation: true }]),
    makeEntry('psychosis', ['psychosis'], ['psychoses']),
    makeEntry('therapy', ['therapy']),
  ],
  { scorer: createFuseScorer() },
);

/** The matched substrings of `text`, with the entry each names. */
function found(text: string): [string, string][] {
  return matchTerms(text, index).map((m) => [text.slice(m.start, m.end), m.entryId]);
}

describe('matchTerms', () => {
  it('finds whole words regardless of case', () => {
    expect(found('Ketamine and KETAMINE and ketamine.')).toEqual([
      ['Ketamine', 'ketamine'],
      ['KETAMINE', 'ketamine'],
      ['ketamine', 'ketamine'],
    ]);
  });

  it('does not match inside longer words', () => {
    expect(found('ketamines? preketamine ketaminergic glutamates-ish')).toEqual([
      ['ketamines', 'ketamine'],
      ['glutamates', 'glutamate'],
    ]);
    expect(found('pseudoketamine xketamine')).toEqual([]);
  });

  it('finds regular plurals and possessives with straight and curly apostrophes', () => {
    expect(found("synapses, ketamine's effect, ketamine’s, the synapses' size")).toEqual([
      ['synapses', 'synapse'],
      ["ketamine's", 'ketamine'],
      ['ketamine’s', 'ketamine'],
      ["synapses'", 'synapse'],
    ]);
    expect(found('therapies and SSRIs')).toEqual([
      ['therapies', 'therapy'],
      ['SSRIs', 'ssri'],
    ]);
  });

  it('finds listed forms and does not invent plurals of words ending in -sis', () => {
    expect(found('synaptic and glutamatergic signalling; psychoses')).toEqual([
      ['synaptic', 'synapse'],
      ['glutamatergic', 'glutamate'],
      ['psychoses', 'psychosis'],
    ]);
    expect(found('psychosiss')).toEqual([]);
  });

  it('matches abbreviations only in their conventional casing', () => {
    expect(found('TMS, rTMS and NMDAR')).toEqual([
      ['TMS', 'tms'],
      ['rTMS', 'tms'],
      ['NMDAR', 'nmda-receptor'],
    ]);
    expect(found('tms Tms RTMS nmdar rtms')).toEqual([]);
  });

  it('takes the longest match and never nests one inside another', () => {
    expect(found('A major depressive disorder diagnosis; a depressive disorder.')).toEqual([
      ['major depressive disorder', 'mdd'],
      ['depressive disorder', 'mdd'],
    ]);
    expect(found('blocks the NMDA receptor')).toEqual([['NMDA receptor', 'nmda-receptor']]);
  });

  it('matches multi-word terms across hyphens, line breaks, non-breaking and repeated spaces', () => {
    expect(found('NMDA-receptor, NMDA\nreceptor, NMDA\u00a0receptor, NMDA   receptors')).toEqual([
      ['NMDA-receptor', 'nmda-receptor'],
      ['NMDA\nreceptor', 'nmda-receptor'],
      ['NMDA\u00a0receptor', 'nmda-receptor'],
      ['NMDA   receptors', 'nmda-receptor'],
    ]);
    expect(found('N-methyl-D-aspartate receptor')).toEqual([['N-methyl-D-aspartate receptor', 'nmda-receptor']]);
  });

  it('matches through soft hyphens and compatibility characters', () => {
    expect(found('keta\u00admine and ｋｅｔａｍｉｎｅ')).toEqual([
      ['keta\u00admine', 'ketamine'],
      ['ｋｅｔａｍｉｎｅ', 'ketamine'],
    ]);
  });

  it('does not match inside URLs, e-mail addresses, file names, identifiers or slugs', () => {
    const text =
      'see https://example.org/ketamine, www.ketamine.org, info@ketamine.org, ketamine.pdf, ' +
      'ketamine_dose, get_ketamine, /ketamine-clinic-near-me, example.org/ketamine-clinic-near-me.';
    expect(found(text)).toEqual([]);
  });

  it('still matches terms next to ordinary punctuation', () => {
    expect(found('(ketamine) "ketamine", ketamine/TMS, ketamine-induced change.')).toEqual([
      ['ketamine', 'ketamine'],
      ['ketamine', 'ketamine'],
      ['ketamine', 'ketamine'],
      ['TMS', 'tms'],
      ['ketamine', 'ketamine'],
    ]);
  });

  it('flags ambiguous aliases so callers can ask for page context', () => {
    const [tms, rtms] = matchTerms('TMS or rTMS', index);
    expect(tms?.ambiguous).toBe(true);
    expect(rtms?.ambiguous).toBe(false);
  });

  it('returns offsets that point at the matched text in the original string', () => {
    const text = '\u00a0\u00a0Über-long intro, then ketamine’s and NMDA receptors.';
    for (const match of matchTerms(text, index)) {
      expect(match.start).toBeGreaterThanOrEqual(0);
      expect(match.end).toBeLessThanOrEqual(text.length);
      expect(text.slice(match.start, match.end).toLowerCase()).toMatch(/^(ketamine’s|nmda receptors)$/);
    }
    expect(matchTerms(text, index)).toHaveLength(2);
  });
});
