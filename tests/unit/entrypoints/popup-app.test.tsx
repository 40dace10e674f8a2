// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App } from '@/entrypoints/popup/App';
import { readSetting, pausedUntilSetting, enabledSetting } from '@/utils/settings';

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

function mount(): HTMLElement {
  const host = document.createElement('div');
  document.body.append(host);
  render(<App />, host);
  return host;
}

function buttonWithText(host: HTMLElement, text: string): HTMLButtonElement {
  const button = [...host.querySelectorAll('button')].find((b) => b.textContent?.includes(text));
  if (!button) throw new Error(`no button "${text}"`);
  return button;
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
    await settle();
    const toggle = host.querySelector<HTMLInputElement>('input[role="switch"]');
    expect(toggle?.checked).toBe(true);
    toggle?.click();
    await settle();
    expect(await readSetting(enabledSetting)).toBe(false);
  });

  it('pauses for an hour, shows the time left, and resumes', async () => {
    const host = mount();
    await settle();
    const before = Date.now();
    buttonWithText(host, 'Pause for an hour').click();
    await settle();
    const until = await readSetting(pausedUntilSetting);
    expect(until - before).toBeGreaterThanOrEqual(60 * 60 * 1000 - 100);
    expect(host.querySelector('.paused')?.textContent).toMatch(/Paused, 1 h left\./);
    buttonWithText(host, 'Resume').click();
    await settle();
    expect(await readSetting(pausedUntilSetting)).toBe(0);
  });

  it('explains when the tab has no Factlens content script', async () => {
    const host = mount();
    // The popup asks the tab first; under load that takes longer than one settle().
    await vi.waitFor(() => expect(host.querySelector('.notice')?.textContent).toMatch(/cannot run on this page/));
  });
});
