import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeCard,
  domBeforeAndNow,
  EXTENSION_DIRS,
  highlightedTexts,
  hoverTerm,
  launchWithExtension,
  setAddonEnabled,
  waitForReady,
} from '@/scripts/lib/browsers.mjs';
import { useFixtureServer } from './hooks';

// The extension removed, updated (installed again) or disabled while a page is open: what the
// old content script added goes away, without errors, and the new one marks pages again, the
// open ones included, each exactly once.

const served = useFixtureServer('tests/fixtures/hostile');

const TERMS = ['Ketamine', 'NMDA receptor', 'glutamate', 'Electroconvulsive therapy', 'TMS', 'depression'];

/** What Factlens has put into the document: registered highlights (and their sizes) and card hosts. */
function footprint(page: Page) {
  return page.evaluate(() => ({
    highlights: ['factlens-term', 'factlens-term-underline', 'factlens-term-none']
      .filter((name) => CSS.highlights.has(name))
      .map((name) => `${name}:${CSS.highlights.get(name)?.size ?? 0}`),
    hosts: document.querySelectorAll('factlens-card').length,
  }));
}

async function expectPageAsLoaded(page: Page) {
  const { before, now } = await domBeforeAndNow(page);
  expect(before.length).toBeGreaterThan(200);
  expect(now).toBe(before);
}

/** How many times Factlens finished marking the page (its `factlens:ready` marks). */
function readyCount(page: Page) {
  return page.evaluate(() => performance.getEntriesByName('factlens:ready').length);
}

/**
 * Waits for the page's `count`-th `factlens:ready` and a while longer, then returns how many
 * there are: a second copy of Factlens in the frame would mark the page again meanwhile.
 */
async function settledReadyCount(page: Page, count: number) {
  await waitForReady(page, count);
  // Both copies of a doubled start finish within moments of each other; this only waits.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  return readyCount(page);
}

/** Marked once: the terms, one highlight of six ranges, and exactly one card host on hover. */
async function expectMarkedOnce(page: Page) {
  await page.bringToFront();
  expect(await highlightedTexts(page)).toEqual(TERMS);
  expect(await footprint(page)).toEqual({ highlights: ['factlens-term:6'], hosts: 0 });
  await hoverTerm(page, 'glutamate');
  expect((await footprint(page)).hosts).toBe(1);
  await closeCard(page);
}

/** A browser with Factlens and the lifecycle page open and marked; page errors are collected. */
async function openLifecyclePage(browserName: 'chromium' | 'firefox', options: { systemAccess?: boolean } = {}) {
  const { browser, extensionId, close } = await launchWithExtension(browserName, options);
  const page = await browser.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  await page.setViewport({ width: 1000, height: 700 });
  await page.goto(`${served.origin}/lifecycle.html`);
  await waitForReady(page);
  return { browser, extensionId, close, page, pageErrors };
}

/** Opens a browser with the lifecycle page for the enclosing describe, and closes it after. */
function useLifecyclePage(browserName: 'chromium' | 'firefox', options: { systemAccess?: boolean } = {}) {
  const opened = {} as Awaited<ReturnType<typeof openLifecyclePage>>;
  beforeAll(async () => {
    Object.assign(opened, await openLifecyclePage(browserName, options));
  });
  afterAll(async () => {
    await opened.close();
  });
  return opened;
}

describe.each(['chromium', 'firefox'] as const)('extension lifecycle in %s', (browserName) => {
  const opened = useLifecyclePage(browserName);

  it('marks the page and opens a card before anything happens to the extension', async () => {
    const { page } = opened;
    expect(await highlightedTexts(page)).toEqual(TERMS);
    await hoverTerm(page, 'Ketamine');
    expect(await footprint(page)).toEqual({ highlights: ['factlens-term:6'], hosts: 1 });
  });

  it('leaves nothing behind once removed, and marks the open page once when installed again', async () => {
    const { browser, extensionId, page, pageErrors } = opened;
    await browser.uninstallExtension(extensionId);
    if (browserName === 'chromium') {
      // Chrome keeps the old content script running, cut off: it notices within a second and
      // takes its highlights and card away itself.
      await page.waitForFunction(
        () => !CSS.highlights.has('factlens-term') && !document.querySelector('factlens-card'),
        { timeout: 5_000 },
      );
      await expectPageAsLoaded(page);
    }
    opened.extensionId = await browser.installExtension(EXTENSION_DIRS[browserName]);
    // The open page is marked again without a reload: Firefox runs the new content script in
    // it, and in Chrome the background injects it on install. It first removes what an old one
    // left (in Firefox, its highlights and the card's host). Exactly once: one more ready mark.
    expect(await settledReadyCount(page, 2)).toBe(2);
    await expectMarkedOnce(page);
    await expectPageAsLoaded(page);

    // A page loaded after the install runs the new content script once (no injection on top).
    const fresh = await browser.newPage();
    fresh.on('pageerror', (error) => pageErrors.push(String(error)));
    await fresh.setViewport({ width: 1000, height: 700 });
    await fresh.goto(`${served.origin}/lifecycle.html`);
    expect(await settledReadyCount(fresh, 1)).toBe(1);
    await expectMarkedOnce(fresh);
    await expectPageAsLoaded(fresh);
    await fresh.close();
    expect(pageErrors).toEqual([]);
  });
});

describe('extension updated while pages are open in chromium', () => {
  const opened = useLifecyclePage('chromium');

  it('replaces the old version in open pages and every frame, each marked once by the new one', async () => {
    const { browser, extensionId, page, pageErrors } = opened;
    const framed = await browser.newPage();
    framed.on('pageerror', (error) => pageErrors.push(String(error)));
    await framed.goto(`${served.origin}/frames.html`);
    const frameStates = () =>
      Promise.all(
        framed.frames().map((frame) =>
          frame.evaluate(() => ({
            ready: performance.getEntriesByName('factlens:ready').length,
            marked: CSS.highlights.get('factlens-term')?.size ?? 0,
          })),
        ),
      );
    const eachFrameOnce = async (ready: number) => {
      for (const frame of framed.frames()) {
        await frame.waitForFunction((n) => performance.getEntriesByName('factlens:ready').length >= n, {}, ready);
      }
    };
    await eachFrameOnce(1);
    expect(await frameStates()).toEqual(Array(6).fill({ ready: 1, marked: 1 }));
    await page.bringToFront();
    await hoverTerm(page, 'Ketamine');

    // Installing the same extension again while it runs is an update: the old content scripts
    // stay in the pages, cut off, with their highlights and the open card.
    expect(await browser.installExtension(EXTENSION_DIRS.chromium)).toBe(extensionId);
    expect(await settledReadyCount(page, 2)).toBe(2);
    await expectMarkedOnce(page);
    await expectPageAsLoaded(page);
    // Same-origin, sandboxed and srcdoc frames alike.
    await eachFrameOnce(2);
    expect(await frameStates()).toEqual(Array(6).fill({ ready: 2, marked: 1 }));
    await framed.close();
    expect(pageErrors).toEqual([]);
  });

  it('marks a frame once even when two copies of its content script start there at once', async () => {
    const { browser, extensionId, page, pageErrors } = opened;
    // What a page that loads while the extension installs may get: the manifest's content
    // script and the injected one. WXT's context stops the older copy; it must not go on to mark.
    const before = await readyCount(page);
    const target = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().includes(extensionId));
    const worker = await target.worker();
    if (!worker) throw new Error('no service worker');
    await worker.evaluate(async (url) => {
      interface Api {
        tabs: { query(filter: object): Promise<{ id?: number }[]> };
        scripting: { executeScript(injection: object): Promise<unknown> };
      }
      const chrome = (globalThis as unknown as { chrome: Api }).chrome;
      const [tab] = await chrome.tabs.query({ url });
      const injection = { target: { tabId: tab?.id }, files: ['content-scripts/content.js'] };
      await Promise.all([chrome.scripting.executeScript(injection), chrome.scripting.executeScript(injection)]);
    }, page.url());
    expect(await settledReadyCount(page, before + 1)).toBe(before + 1);
    await expectMarkedOnce(page);
    await expectPageAsLoaded(page);
    expect(pageErrors).toEqual([]);
  });
});

// Firefox: the remote protocol has no command to disable an add-on, so the test lets it run the
// AddonManager in the browser's privileged scope (setAddonEnabled).
describe('extension disabled and enabled in firefox', () => {
  const opened = useLifecyclePage('firefox', { systemAccess: true });

  it('leaves the page as it was when disabled and marks the open page once when enabled', async () => {
    const { browser, extensionId, page, pageErrors } = opened;
    await hoverTerm(page, 'glutamate');
    expect(await setAddonEnabled(browser, extensionId, false)).toBe(false);
    // Firefox stops the content script outright and removes its highlight styles; the page's
    // own DOM is as it was, and no error reaches it.
    await expectPageAsLoaded(page);
    expect(await readyCount(page)).toBe(1);
    expect(await setAddonEnabled(browser, extensionId, true)).toBe(true);
    // Firefox runs the content script in the open page again; it removes what the stopped one
    // left (its highlight and the card's host) and marks the page once.
    expect(await settledReadyCount(page, 2)).toBe(2);
    await expectMarkedOnce(page);
    await expectPageAsLoaded(page);
    expect(pageErrors).toEqual([]);
  });
});

describe('extension disabled and enabled in chromium', () => {
  const opened = useLifecyclePage('chromium');

  it('takes its marks away when disabled and marks the open page and new ones again once enabled', async () => {
    const { browser, extensionId, page, pageErrors } = opened;
    await page.bringToFront();
    await hoverTerm(page, 'glutamate');
    expect((await footprint(page)).hosts).toBe(1);
    const setEnabled = async (enabled: boolean) => {
      // chrome://extensions may call chrome.management for any extension, as its switch does.
      const manager = await browser.newPage();
      await manager.goto('chrome://extensions');
      await manager.evaluate(
        (id, on) =>
          (
            globalThis as unknown as {
              chrome: { management: { setEnabled(id: string, on: boolean): Promise<void> } };
            }
          ).chrome.management.setEnabled(id, on),
        extensionId,
        enabled,
      );
      await manager.close();
      await page.bringToFront();
    };
    await setEnabled(false);
    await page.waitForFunction(() => !CSS.highlights.has('factlens-term') && !document.querySelector('factlens-card'), {
      timeout: 5_000,
    });
    await expectPageAsLoaded(page);
    await setEnabled(true);
    // Chrome tells an enabled extension nothing; its background's first start puts the content
    // script back into the open page, which is marked once more.
    expect(await settledReadyCount(page, 2)).toBe(2);
    await expectMarkedOnce(page);
    await expectPageAsLoaded(page);
    const fresh = await browser.newPage();
    await fresh.goto(`${served.origin}/lifecycle.html`);
    await waitForReady(fresh);
    expect(await highlightedTexts(fresh)).toEqual(TERMS);
    await fresh.close();
    expect(pageErrors).toEqual([]);
  });
});
