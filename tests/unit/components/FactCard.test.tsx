// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { FactCard, citedSources } from '@/components/FactCard';
import type { FactEntry } from '@/data/types';

const entry: FactEntry = {
  id: 'ketamine',
  title: 'Ketamine',
  category: 'treatment',
  aliases: [{ text: 'ketamine' }],
  forms: [],
  levels: {
    brief: [{ text: 'An anesthetic.', sources: ['label'] }],
    standard: [
      { text: 'It blocks NMDA receptors.', sources: ['review'] },
      { text: 'It is used under anesthesia.', sources: ['label', 'review'] },
    ],
    expert: [{ text: 'Trial figures.', sources: ['trial'] }],
  },
  sources: [
    { id: 'label', title: 'Label', publisher: 'FDA', year: 2020, url: 'https://example.org/label', evidence: 'label' },
    {
      id: 'review',
      title: 'Review',
      publisher: 'Journal',
      year: 2018,
      url: 'https://example.org/review',
      evidence: 'review',
    },
    {
      id: 'trial',
      title: 'Trial',
      publisher: 'Journal',
      year: 2000,
      url: 'https://example.org/trial',
      evidence: 'rct',
    },
  ],
  related: [],
  reviewed: '2026-11-26',
};

function mount(level: 'brief' | 'standard' | 'expert'): HTMLElement {
  const host = document.createElement('div');
  document.body.append(host);
  render(<FactCard entry={entry} level={level} />, host);
  return host;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('FactCard', () => {
  it('shows only the text of the chosen level', () => {
    const brief = mount('brief');
    expect(brief.querySelector('.card-text')?.textContent).toContain('An anesthetic.');
    expect(brief.textContent).not.toContain('NMDA');
    const standard = mount('standard');
    expect(standard.querySelector('.card-text')?.textContent).toContain('It blocks NMDA receptors.');
    expect(standard.textContent).not.toContain('An anesthetic.');
  });

  it('numbers sources by first citation and lists only those cited at this level', () => {
    const host = mount('standard');
    const markers = [...host.querySelectorAll('.cite')].map((el) => el.textContent);
    expect(markers).toEqual(['[1]', '[2]', '[1]']);
    const listed = [...host.querySelectorAll('.card-sources a')].map((a) => a.textContent);
    expect(listed).toEqual(['Review', 'Label']);
    expect(citedSources(entry, 'expert').map((s) => s.id)).toEqual(['trial']);
  });

  it('opens source links in a new tab without giving them the opener', () => {
    const link = mount('brief').querySelector('.card-sources a');
    expect(link?.getAttribute('href')).toBe('https://example.org/label');
    expect(link?.getAttribute('target')).toBe('_blank');
    expect(link?.getAttribute('rel')).toContain('noopener');
  });

  it('says it is educational information, not medical advice, at every level', () => {
    for (const level of ['brief', 'standard', 'expert'] as const) {
      expect(mount(level).querySelector('.disclaimer')?.textContent).toBe(
        'Educational information, not medical advice.',
      );
    }
  });

  it('shows evidence types and the review date at the expert level only', () => {
    const expert = mount('expert');
    expect(expert.querySelector('.source-meta')?.textContent).toContain('randomized controlled trial');
    expect(expert.querySelector('.reviewed')?.textContent).toBe('Reviewed 2026-11-26');
    expect(mount('standard').querySelector('.reviewed')).toBeNull();
  });
});
