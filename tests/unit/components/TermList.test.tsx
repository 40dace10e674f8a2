// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TermList } from '@/components/TermList';

afterEach(() => {
  document.body.innerHTML = '';
});

const terms = [
  { entryId: 'ketamine', title: 'Ketamine', count: 3, brief: 'An anesthetic.' },
  { entryId: 'tms', title: 'TMS', count: 1, brief: 'Magnetic pulses.' },
];

describe('TermList', () => {
  it('lists the marked terms with their counts and opens a preview that can show the term on the page', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    const onShow = vi.fn();
    render(<TermList terms={terms} onShow={onShow} />, host);
    const toggles = [...host.querySelectorAll<HTMLButtonElement>('.term-toggle')];
    expect(toggles.map((t) => t.textContent)).toEqual(['Ketamine3', 'TMS1']);
    act(() => toggles[0]?.click());
    expect(host.querySelector('.term-preview p')?.textContent).toBe('An anesthetic.');
    expect(toggles[0]?.getAttribute('aria-expanded')).toBe('true');
    host.querySelector<HTMLButtonElement>('.term-preview button')?.click();
    expect(onShow).toHaveBeenCalledWith('ketamine');
  });

  it('says so when the page has no marked terms', () => {
    const host = document.createElement('div');
    document.body.append(host);
    render(<TermList terms={[]} onShow={() => {}} />, host);
    expect(host.textContent).toBe('No terms marked on this page.');
  });
});
