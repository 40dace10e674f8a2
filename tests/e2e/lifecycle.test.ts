import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  domBeforeAndNow,
  EXTENSION_DIRS,
  highlightedTexts,
  hoverTerm,
  launchWithExtension,
  waitForReady,
} from '@/scripts/lib/browsers.mjs';
import { serveFolder } from '@/scripts/lib/serve.mjs';

// The extension removed, updated (installed again) or disabled while a page is open: what the
// old content script added goes away, without errors, and the new one marks pages again.

let origin = '';
let closeServer: () => Promise<void> = async () => {};

beforeAll(async () => {
  const server = await serveFolder('tests/fixtures/hostile');
  origin = server.origin;
  closeServer = server.close;
});

afterAll(async () => {
  await closeServer();
});

const TERMS = ['Ketamine', 'NMDA receptor', 'glutamate', 'Electroconvulsive therapy', 'TMS', 'depression'];

/** What Factlens has put into the document: registered highlights (and their sizes) and card hosts. */
function footprint(page: Page) {
  return page.evaluate(() => ({
    highlights: ['factlens-term', 'factlens-term-background', 'factlens-term-none']
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

/** A browser with Factlens and the lifecycle page open and marked; page errors are collected. */
async function openLifecyclePage(browserName: 'chromium' | 'firefox') {
  const { browser, extensionId, close } = await launchWithExtension(browserName);
  const page = await browser.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  await page.setViewport({ width: 1000, height: 700 });
  await page.goto(`${origin}/lifecycle.html`);
  await waitForReady(page);
  return { browser, extensionId, close, page, pageErrors };
}

describe.each(['chromium', 'firefox'] as const)('extension lifecycle in %s', (browserName) => {
  let browser: Browser;
  let extensionId = '';
  let close: () => Promise<void> = async () => {};
  let page: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    ({ browser, extensionId, close, page, pageErrors } = await openLifecyclePage(browserName));
  });

  afterAll(async () => {
    await close();
  });

  it('marks the page and opens a card before anything happens to the extension', async () => {
    expect(await highlightedTexts(page)).toEqual(TERMS);
    await hoverTerm(page, 'Ketamine');
    expect(await footprint(page)).toEqual({ highlights: ['factlens-term:6'], hosts: 1 });
  });

  it('leaves nothing behind once removed, and marks the open page once when installed again', async () => {
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
    extensionId = await browser.installExtension(EXTENSION_DIRS[browserName]);
    if (browserName === 'chromium') {
      // Chrome runs content scripts only in pages loaded after the install.
      expect(await footprint(page)).toEqual({ highlights: [], hosts: 0 });
      await page.reload();
      await waitForReady(page);
    } else {
      // Firefox stops the old script outright and runs the new one in the open page, which
      // removes what the old one left (its highlights and the card's host) before it starts.
      await waitForReady(page, 2);
    }
    await page.bringToFront();
    expect(await highlightedTexts(page)).toEqual(TERMS);
    expect(await footprint(page)).toEqual({ highlights: ['factlens-term:6'], hosts: 0 });
    await expectPageAsLoaded(page);
    expect(pageErrors).toEqual([]);
  });
});

// Firefox's remote protocol cannot disable an add-on (only themes, through management): there,
// removing and installing again above is the case that stops content scripts from outside.
describe('extension disabled and enabled in chromium', () => {
  let browser: Browser;
  let extensionId = '';
  let close: () => Promise<void> = async () => {};
  let page: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    ({ browser, extensionId, close, page, pageErrors } = await openLifecyclePage('chromium'));
  });

  afterAll(async () => {
    await close();
  });

  it('takes its marks away when disabled and marks pages again once enabled', async () => {
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
    const fresh = await browser.newPage();
    await fresh.goto(`${origin}/lifecycle.html`);
    await waitForReady(fresh);
    expect(await highlightedTexts(fresh)).toEqual(TERMS);
    await fresh.close();
    expect(pageErrors).toEqual([]);
  });
});
