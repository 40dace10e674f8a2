// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SitesEditor } from '@/components/SitesEditor';
import { toSitePattern } from '@/utils/site-rules';

afterEach(() => {
  document.body.innerHTML = '';
});

function mount(sites: string[], onChange = vi.fn()) {
  const host = document.createElement('div');
  document.body.append(host);
  render(<SitesEditor label="Turn off on a site:" sites={sites} toPattern={toSitePattern} onChange={onChange} />, host);
  return { host, onChange };
}

/** Types `text` and submits it; act() applies each state update before the next step. */
async function type(host: HTMLElement, text: string) {
  const input = host.querySelector('input') as HTMLInputElement;
  await act(() => {
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await act(() => {
    host.querySelector('form')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}

describe('SitesEditor', () => {
  it('adds a typed URL as a site pattern', async () => {
    const { host, onChange } = mount(['nih.gov']);
    await type(host, 'https://www.example.com/a');
    expect(onChange).toHaveBeenCalledWith(['nih.gov', 'example.com']);
  });

  it('says why it does not add something that is not a site', async () => {
    const { host, onChange } = mount([]);
    await type(host, 'not a site');
    expect(onChange).not.toHaveBeenCalled();
    expect(host.querySelector('[role="alert"]')?.textContent).toMatch(/is not a site/);
  });

  it('removes a site', () => {
    const { host, onChange } = mount(['a.com', 'b.com']);
    host.querySelector<HTMLButtonElement>('button[aria-label="Remove a.com"]')?.click();
    expect(onChange).toHaveBeenCalledWith(['b.com']);
  });
});
