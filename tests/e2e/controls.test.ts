import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { highlightedTexts, hoverTerm, launchWithExtension, openCard, waitForReady } from '@/scripts/lib/browsers.mjs';
import { serveFolder } from '@/scripts/lib/serve.mjs';

const AXE = readFileSync(resolve('node_modules/axe-core/axe.min.js'), 'utf8');

interface ChromeApi {
  tabs: { query(filter: object): Promise<{ id?: number }[]> };
  action: { getBadgeText(details: object): Promise<string> };
  storage: { sync: { set(values: object): Promise<void>; clear(): Promise<void> }; local: { clear(): Promise<void> } };
}

let origin = '';
let closeServer: () => Promise<void> = async () => {};
let browser: Browser;
let extensionId = '';
let closeBrowser: () => Promise<void> = async () => {};
let article: Page;
let articleTab = 0;
/** The article waits behind the popup's tab, where animation frames may not run: poll on a timer. */
const BACKGROUND_POLL = { polling: 100 };

/** Runs `fn` in the extension's service worker with the chrome API. */
async function inWorker<T>(fn: (chrome: ChromeApi, arg: unknown) => Promise<T>, arg?: unknown): Promise<T> {
  const target = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().includes(extensionId));
  const worker = await target.worker();
  if (!worker) throw new Error('no service worker');
  return worker.evaluate(
    (source, a) => {
      const chrome = (globalThis as unknown as { chrome: ChromeApi }).chrome;
      return (new Function('chrome', 'arg', `return (${source})(chrome, arg);`) as typeof fn)(chrome, a);
    },
    fn.toString(),
    arg,
  ) as Promise<T>;
}

/** axe-core violations on a page (or only those inside our card's shadow host). */
async function axeViolations(page: Page, onlyCard = false) {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(context: unknown): Promise<{ violations: { id: string; nodes: { target: unknown[] }[] }[] }> };
      }
    ).axe;
    const result = await axe.run(document);
    return result.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
  return onlyCard ? violations.filter((v) => v.targets.some((t) => t.includes('factlens-card'))) : violations;
}

async function openPopup(tabId?: number): Promise<Page> {
  const popup = await browser.newPage();
  await popup.setViewport({ width: 340, height: 700 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html${tabId ? `?tab=${tabId}` : ''}`);
  await popup.waitForSelector('h1');
  return popup;
}

async function openOptions(): Promise<Page> {
  const options = await browser.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.waitForSelector('#cards-heading');
  return options;
}

async function clickByText(page: Page, selector: string, text: string) {
  const handles = await page.$$(selector);
  for (const handle of handles) {
    if ((await handle.evaluate((el) => el.textContent ?? '')).includes(text)) {
      await (handle as ElementHandle<Element>).click();
      return;
    }
  }
  throw new Error(`no ${selector} with text "${text}"`);
}

const countHighlights = (page: Page) =>
  page.evaluate(() => {
    const highlight = CSS.highlights.get('factlens-term');
    return highlight ? highlight.size : 0;
  });

beforeAll(async () => {
  const server = await serveFolder('tests/fixtures');
  origin = server.origin;
  closeServer = server.close;
  ({ browser, extensionId, close: closeBrowser } = await launchWithExtension('chromium'));
  article = await browser.newPage();
  await article.goto(`${origin}/reading.html`);
  await waitForReady(article);
  await article.bringToFront();
  articleTab = await inWorker(
    async (chrome) => (await chrome.tabs.query({ active: true, currentWindow: true }))[0]?.id ?? 0,
  );
});

afterAll(async () => {
  await closeBrowser();
  await closeServer();
});

describe('toolbar popup, against a real tab', () => {
  it('lists the terms on the page with counts, and a choice scrolls to the term and opens its card', async () => {
    const popup = await openPopup(articleTab);
    await popup.waitForSelector('.term-toggle');
    const rows = await popup.$$eval('.term-toggle', (buttons) => buttons.map((b) => b.textContent));
    expect(rows).toContain('Ketamine1');
    await clickByText(popup, '.term-toggle', 'Hippocampus');
    await popup.waitForSelector('.term-preview');
    await popup.click('.term-preview .link-button').catch(() => {});
    await article.waitForFunction(
      () =>
        document.querySelector('factlens-card')?.shadowRoot?.querySelector<HTMLElement>('.card')?.dataset.entry ===
        'hippocampus',
    );
    expect((await openCard(article))?.entry).toBe('hippocampus');
    if (!popup.isClosed()) await popup.close();
  });

  it('shows the number of marked terms on the toolbar badge of the tab', async () => {
    const count = await waitForReady(article);
    const badge = await inWorker((chrome, tabId) => chrome.action.getBadgeText({ tabId }), articleTab);
    expect(badge).toBe(String(count));
  });

  it('switches Factlens off for this site in one click, and back on', async () => {
    const popup = await openPopup(articleTab);
    await popup.waitForSelector('section[aria-label="This site"] label.switch');
    await popup.click('section[aria-label="This site"] label.switch');
    await article.waitForFunction(() => !CSS.highlights.has('factlens-term'), BACKGROUND_POLL);
    const badge = await inWorker((chrome, tabId) => chrome.action.getBadgeText({ tabId }), articleTab);
    expect(badge).toBe('');
    await popup.click('section[aria-label="This site"] label.switch');
    // The highlight is registered as marking starts: wait for its first ranges.
    await article.waitForFunction(() => (CSS.highlights.get('factlens-term')?.size ?? 0) > 0, BACKGROUND_POLL);
    expect(await countHighlights(article)).toBeGreaterThan(0);
    await popup.close();
  });

  it('pauses for an hour with the time left shown, and resumes', async () => {
    const popup = await openPopup(articleTab);
    await clickByText(popup, 'button', 'Pause for an hour');
    await article.waitForFunction(() => !CSS.highlights.has('factlens-term'), BACKGROUND_POLL);
    await popup.waitForSelector('.paused');
    expect(await popup.$eval('.paused', (p) => p.textContent)).toMatch(/Paused, (1 h|59 min) left\./);
    await clickByText(popup, 'button', 'Resume');
    await article.waitForFunction(() => CSS.highlights.has('factlens-term'), BACKGROUND_POLL);
    await popup.close();
  });

  it('explains that it cannot run on pages closed to extensions', async () => {
    const popup = await openPopup();
    await popup.waitForSelector('.notice');
    expect(await popup.$eval('.notice', (p) => p.textContent)).toMatch(/cannot run on this page/);
    await popup.close();
  });

  it('has no axe-core violations', async () => {
    const popup = await openPopup(articleTab);
    await popup.waitForSelector('.term-toggle');
    expect(await axeViolations(popup)).toEqual([]);
    await popup.close();
  });
});

describe('options page', () => {
  it('imports a valid custom pack whose terms are marked on open pages at once, and names the errors of a bad one', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/pack-term.html`);
    await waitForReady(page);
    expect(await highlightedTexts(page)).toEqual(['ketamine']);
    const options = await openOptions();
    const input = (await options.$(
      'section[aria-labelledby="packs-heading"] input[type="file"]',
    )) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(resolve('tests/fixtures/packs/invalid-pack.json'));
    await options.waitForSelector('section[aria-labelledby="packs-heading"] .error-list');
    const errors = await options.$eval('section[aria-labelledby="packs-heading"] .error-list', (ul) => ul.textContent);
    expect(errors).toMatch(/entry "zorbamine" \.category/);
    expect(errors).toMatch(/\.url: must be an https URL/);
    expect(await options.$('.pack-item')).toBeNull();
    await input.uploadFile(resolve('tests/fixtures/packs/valid-pack.json'));
    await options.waitForSelector('.pack-item');
    await page.waitForFunction(
      () =>
        [...(CSS.highlights.get('factlens-term') ?? [])].some(
          (r) => (r.startContainer.textContent ?? '').slice(r.startOffset, r.endOffset) === 'zorbamine',
        ),
      { polling: 200 },
    );
    await hoverTerm(page, 'zorbamine');
    expect((await openCard(page))?.title).toBe('Zorbamine');
    // Clicks and animation-frame polling need the tab in front.
    await options.bringToFront();
    await clickByText(options, 'button', 'Delete');
    await page.bringToFront();
    await page.waitForFunction(
      () =>
        ![...(CSS.highlights.get('factlens-term') ?? [])].some(
          (r) => (r.startContainer.textContent ?? '').slice(r.startOffset, r.endOffset) === 'zorbamine',
        ),
    );
    await options.close();
    await page.close();
  });

  it('turns Factlens off on a site added to the list', async () => {
    const options = await openOptions();
    await options.type('.sites-editor input', '127.0.0.1');
    await options.click('.sites-editor button[type="submit"]');
    await article.waitForFunction(() => !CSS.highlights.has('factlens-term'), BACKGROUND_POLL);
    await options.click('.site-list button');
    await article.waitForFunction(() => CSS.highlights.has('factlens-term'), BACKGROUND_POLL);
    await options.close();
  });

  it('runs only on listed sites in "only on these sites" mode', async () => {
    const options = await openOptions();
    await options.click('input[name="site-mode"][value="only-listed"]');
    await article.bringToFront();
    await article.waitForFunction(() => !CSS.highlights.has('factlens-term'), BACKGROUND_POLL);
    await options.bringToFront();
    await options.type('.sites-editor input', 'http://127.0.0.1/');
    await options.click('.sites-editor button[type="submit"]');
    await article.bringToFront();
    await article.waitForFunction(() => CSS.highlights.has('factlens-term'), BACKGROUND_POLL);
    await options.bringToFront();
    await options.click('input[name="site-mode"][value="everywhere-except"]');
    await inWorker((chrome) => chrome.storage.sync.set({ allowedSites: [] }));
    await options.close();
  });

  it('finds terms in the glossary by a misspelled name and shows the card', async () => {
    const options = await openOptions();
    await options.type('.glossary-search input', 'seratonin');
    await clickByText(options, '.glossary-results button', 'Serotonin');
    await options.waitForSelector('.glossary-card .card');
    expect(await options.$eval('.glossary-card .card-title', (h) => h.textContent)).toBe('Serotonin');
    await options.close();
  });

  it('resets a corrupt stored setting to its default, says so, and keeps the others', async () => {
    await inWorker((chrome) => chrome.storage.sync.set({ detailLevel: 42, fontSize: 18 }));
    const options = await openOptions();
    await options.waitForSelector('.notice');
    expect(await options.$eval('.notice', (p) => p.textContent)).toMatch(/detailLevel/);
    expect(await options.$eval('.range', (label) => label.textContent)).toMatch(/18 px/);
    await inWorker((chrome) => chrome.storage.sync.set({ fontSize: 14 }));
    await options.close();
  });

  it('has no axe-core violations', async () => {
    const options = await openOptions();
    expect(await axeViolations(options)).toEqual([]);
    await options.close();
  });
});

describe('the card', () => {
  it('has no axe-core violations', async () => {
    await article.bringToFront();
    await hoverTerm(article, 'ketamine');
    expect(await axeViolations(article, true)).toEqual([]);
  });
});
