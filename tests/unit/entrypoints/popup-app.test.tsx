// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App } from '@/entrypoints/popup/App';
import { readSetting, pausedUntilSetting, enabledSetting } from '@/utils/settings';

/** Waits for the popup to render what `find` looks for (storage reads are asynchronous; slower under load). */
const waitFor = <T,>(find: () => T | null | undefined): Promise<T> =>
  vi.waitFor(() => {
    const found = find();
    if (found === null || found === undefined) throw new Error('not rendered yet');
    return found;
  });

function mount(): HTMLElement {
  const host = document.createElement('div');
  document.body.append(host);
  render(<App />, host);
  return host;
}

function buttonWithText(host: HTMLElement, text: string): HTMLButtonElement | undefined {
  return [...host.querySelectorAll('button')].find((b) => b.textContent?.includes(text));
}

beforeEach(() => {
  fakeBrowser.reset();
});

afterEach(() => {
  render(null, document.body);
  document.body.innerHTML = '';
});

describe('popup App', () => {
  it('switches Factlens off everywhere through the stored setting', async () => {
    const host = mount();
    const toggle = await waitFor(() => host.querySelector<HTMLInputElement>('input[role="switch"]'));
    await vi.waitFor(() => expect(toggle.checked).toBe(true));
    toggle.click();
    await vi.waitFor(async () => expect(await readSetting(enabledSetting)).toBe(false));
  });

  it('pauses for an hour, shows the time left, and resumes', async () => {
    const host = mount();
    const before = Date.now();
    (await waitFor(() => buttonWithText(host, 'Pause for an hour'))).click();
    await vi.waitFor(() => expect(host.querySelector('.paused')?.textContent).toMatch(/Paused, 1 h left\./));
    const until = await readSetting(pausedUntilSetting);
    expect(until - before).toBeGreaterThanOrEqual(60 * 60 * 1000 - 100);
    (await waitFor(() => buttonWithText(host, 'Resume'))).click();
    await vi.waitFor(async () => expect(await readSetting(pausedUntilSetting)).toBe(0));
  });

  it('explains when the tab has no Factlens content script', async () => {
    const host = mount();
    // The popup asks the tab first; slower under load.
    await vi.waitFor(() => expect(host.querySelector('.notice')?.textContent).toMatch(/cannot run on this page/));
  });
});
