import { describe, expect, it } from 'vitest';
import { bundledEntries, fuzzyExclusions } from '@/data';
import { findTerms } from '@/utils/find-terms';
import { compileTermIndex } from '@/utils/term-index';
import { createFuseScorer } from '@/utils/fuse-scorer';

// The bundled fact set, as the extension ships it: these tests pin behaviour readers see.
const index = compileTermIndex(bundledEntries, { fuzzyExclusions, scorer: createFuseScorer() });

function marked(text: string, options = { fuzzy: true }): [string, string][] {
  return findTerms(text, index, options).map((m) => [text.slice(m.start, m.end), m.entryId]);
}

describe('findTerms with the bundled fact set', () => {
  it('finds plurals, possessives and adjectival forms', () => {
    expect(marked("SSRIs, ketamine's action, synapses and glutamatergic, dopaminergic and synaptic signals")).toEqual([
      ['SSRIs', 'ssri'],
      ["ketamine's", 'ketamine'],
      ['synapses', 'synapse'],
      ['glutamatergic', 'glutamate'],
      ['dopaminergic', 'dopamine'],
      ['synaptic', 'synapse'],
    ]);
    expect(marked('its dissociative effects')).toEqual([['dissociative', 'dissociation']]);
  });

  it('takes the longest term: major depressive disorder and treatment-resistant depression are one match each', () => {
    expect(marked('major depressive disorder and treatment-resistant depression')).toEqual([
      ['major depressive disorder', 'major-depressive-disorder'],
      ['treatment-resistant depression', 'treatment-resistant-depression'],
    ]);
    expect(marked('theta burst and theta-burst stimulation')).toEqual([
      ['theta burst', 'theta-burst-stimulation'],
      ['theta-burst stimulation', 'theta-burst-stimulation'],
    ]);
  });

  it('matches abbreviations in their conventional casing only', () => {
    expect(marked('rTMS targets the DLPFC; BDNF and mTOR rise.').map(([text]) => text)).toEqual([
      'rTMS',
      'DLPFC',
      'BDNF',
      'mTOR',
    ]);
    expect(marked('the rtms of bdnf and Mtor')).toEqual([]);
  });

  it('does not match inside URLs, file names, e-mail addresses, identifiers or slugs', () => {
    expect(
      marked('https://x.org/ketamine ketamine.pdf info@ketamine.com ketamineDose get_ketamine ketamine-clinic-near-me'),
    ).toEqual([]);
  });

  it('finds light misspellings', () => {
    expect(marked('ketamin, glutamte, seratonin, NMDA recpetor and electro convulsive therapy')).toEqual([
      ['ketamin', 'ketamine'],
      ['glutamte', 'glutamate'],
      ['seratonin', 'serotonin'],
      ['NMDA recpetor', 'nmda-receptor'],
      ['electro convulsive therapy', 'ect'],
    ]);
  });

  it('does not take look-alike real words for terms', () => {
    const lookAlikes = [
      ...['ketone', 'ketones', 'ketosis', 'gluten', 'glutamine', 'glutamic', 'neutron', 'neutrons', 'synopsis'],
      ...['synopses', 'synapsis', 'doping', 'dopant', 'serotype', 'opinion', 'opinions', 'lithe', 'neural', 'psyche'],
      ...['anesthetist', 'remissive', 'mentor', 'receptors', 'simulation', 'stipulation', 'therapist', 'magnetics'],
    ];
    expect(marked(`Readers wrote: ${lookAlikes.join(', ')}.`)).toEqual([]);
  });

  it('does not join a term and the next word into a misspelled plural ("glutamate is")', () => {
    expect(marked('Outside the drawing, glutamate is marked; ketamine is too.')).toEqual([
      ['glutamate', 'glutamate'],
      ['ketamine', 'ketamine'],
    ]);
  });

  it('does not use fuzzy matching when it is switched off', () => {
    expect(marked('ketamin and seratonin', { fuzzy: false })).toEqual([]);
  });

  it('does not mark TMS on a transportation-software page but does on a psychiatry page', () => {
    const logistics =
      'Our cloud TMS helps shippers plan loads, tender freight to carriers and track deliveries. A modern TMS ' +
      'integrates with your ERP and WMS.';
    expect(marked(logistics)).toEqual([]);
    const psychiatry =
      'TMS is an option for major depressive disorder when antidepressants have not helped. During TMS, a coil ' +
      'over the scalp stimulates the prefrontal cortex.';
    expect(marked(psychiatry).filter(([, id]) => id === 'tms')).toHaveLength(2);
  });

  it('does not mark the Great Depression, a tropical depression or PCP as primary care physician', () => {
    expect(marked('Prices collapsed during the Great Depression of the 1930s.')).toEqual([]);
    expect(marked('The tropical depression strengthened into a storm overnight.')).toEqual([]);
    const article =
      'Depression is common. Your primary care physician (PCP) can screen for major depressive disorder, and ' +
      'your PCP may refer you for TMS or an SSRI.';
    expect(marked(article).map(([text]) => text)).not.toContain('PCP');
  });
});
