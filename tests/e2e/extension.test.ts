import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FactEntry } from '@/data/types';
import {
  closeCard,
  highlightedTexts,
  hoverTerm,
  launchWithExtension,
  openCard,
  waitForReady,
  domBeforeAndNow,
} from '@/scripts/lib/browsers.mjs';
import { serveFolder } from '@/scripts/lib/serve.mjs';

const entry = (id: string) => JSON.parse(readFileSync(`data/terms/${id}.json`, 'utf8')) as FactEntry;
const text = (claims: FactEntry['levels']['brief']) => claims.map((claim) => claim.text);

let origin = '';
let closeServer: () => Promise<void> = async () => {};

beforeAll(async () => {
  const server = await serveFolder('tests/fixtures');
  origin = server.origin;
  closeServer = server.close;
});

afterAll(async () => {
  await closeServer();
});

/** The ids of the elements holding the registered highlight ranges. */
function registeredIds(page: Page) {
  return page.evaluate(() =>
    [...(CSS.highlights.get('factlens-term') ?? [])].map(
      (range) => ((range as Range).startContainer.parentElement as HTMLElement).id,
    ),
  );
}

/**
 * Loads a fixture with `matches` terms whose first and last are in the elements `first` and
 * `last`, far apart: at the top only the terms near the viewport are registered (`first` among
 * them, `last` not), and scrolling to `last` registers it and lets `first` go.
 */
async function expectNearOnlyRegistered(
  browser: Browser,
  { page, matches, first, last }: { page: string; matches: number; first: string; last: string },
) {
  const tab = await browser.newPage();
  try {
    await tab.setViewport({ width: 1000, height: 700 });
    await tab.goto(`${origin}/${page}`);
    expect(await waitForReady(tab)).toBe(matches);
    await tab.waitForFunction(() => (CSS.highlights.get('factlens-term')?.size ?? 0) > 0, { timeout: 10_000 });
    const atTop = await registeredIds(tab);
    expect(atTop).toContain(first);
    expect(atTop).not.toContain(last);
    expect(atTop.length).toBeLessThan(matches);
    await tab.evaluate((id) => document.getElementById(id)?.scrollIntoView(), last);
    await tab.waitForFunction(
      (id) =>
        [...(CSS.highlights.get('factlens-term') ?? [])].some(
          (range) => (range as Range).startContainer.parentElement?.id === id,
        ),
      { timeout: 10_000 },
      last,
    );
    expect(await registeredIds(tab)).not.toContain(first);
  } finally {
    await tab.close();
  }
}

describe.each(['chromium', 'firefox'] as const)('built extension in %s', (browserName) => {
  let browser: Browser;
  let close: () => Promise<void> = async () => {};
  let page: Page;

  beforeAll(async () => {
    ({ browser, close } = await launchWithExtension(browserName));
    page = await browser.newPage();
    await page.setViewport({ width: 1000, height: 700 });
    await page.goto(`${origin}/article.html`);
    await waitForReady(page);
  });

  afterAll(async () => {
    await close();
  });

  it('highlights exactly the terms in the prose, not in links to slugs or in a textarea', async () => {
    expect(await highlightedTexts(page)).toEqual(['depression', 'ketamine', 'TMS']);
  });

  it('records factlens:ready with the number of matches and factlens: scan measures', async () => {
    expect(await waitForReady(page)).toBe(3);
    const measures = await page.evaluate(
      () => performance.getEntriesByType('measure').filter((m) => m.name.startsWith('factlens:')).length,
    );
    expect(measures).toBeGreaterThan(0);
  });

  it('evaluates its page code only once the page is parsed: the script injected before parsing only waits', async () => {
    const timing = await page.evaluate(() => ({
      parsed:
        (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)
          ?.domContentLoadedEventEnd ?? Infinity,
      loads: performance.getEntriesByName('factlens:load').map((m) => [m.startTime, m.duration]),
      scanFrom: Math.min(
        ...performance
          .getEntriesByType('measure')
          .filter((m) => m.name.startsWith('factlens:') && m.name !== 'factlens:load')
          .map((m) => m.startTime),
      ),
    }));
    // content-main.js, evaluated once, after DOMContentLoaded, and before any of Factlens' work.
    expect(timing.loads).toHaveLength(1);
    const [[start, duration]] = timing.loads as [[number, number]];
    expect(start).toBeGreaterThanOrEqual(timing.parsed);
    expect(duration).toBeGreaterThan(0);
    expect(timing.scanFrom).toBeGreaterThanOrEqual(start + duration);
  });

  it('shows the brief card inside a shadow root on hover, with the entry text at the stored level', async () => {
    await hoverTerm(page, 'ketamine');
    const card = await openCard(page);
    expect(card?.entry).toBe('ketamine');
    expect(card?.level).toBe('standard');
    for (const claim of text(entry('ketamine').levels.standard)) expect(card?.text).toContain(claim);
    // The card lives in our shadow root: the page's own document has no .card element.
    expect(await page.evaluate(() => document.querySelector('.card'))).toBeNull();
  });

  it('opens the card of the term under the pointer when the pointer moves to another term', async () => {
    await hoverTerm(page, 'TMS');
    await page.waitForFunction(() => {
      const card = document.querySelector('factlens-card')?.shadowRoot?.querySelector<HTMLElement>('.card');
      return card?.dataset.entry === 'tms';
    });
    expect((await openCard(page))?.entry).toBe('tms');
  });

  it('does not mark TMS on a transportation-software page', async () => {
    const other = await browser.newPage();
    await other.goto(`${origin}/logistics-tms.html`);
    expect(await waitForReady(other)).toBe(0);
    expect(await highlightedTexts(other)).toEqual([]);
    await other.close();
  });

  // Chromium re-checks every registered highlight range on each DOM change, so past a few
  // hundred matches only those near the viewport stay registered, more as the reader scrolls.
  it('keeps only the terms near the viewport registered on a page of many terms, and follows scrolling', async () => {
    await expectNearOnlyRegistered(browser, { page: 'many-terms.html', matches: 900, first: 'p1', last: 'p900' });
  });

  // On a very large page the first frame that paints a few hundred ranges is itself a long
  // task, so there the painter registers only the ranges near the viewport from the start.
  it('registers only the terms near the viewport on a very large page of a few hundred terms', async () => {
    await expectNearOnlyRegistered(browser, { page: 'large-page.html', matches: 240, first: 'p1', last: 'p23901' });
  });

  // A page read from its top is matched while it is walked; one opened further down is walked
  // whole first, so that the part in view is matched first.
  it('marks a very large page opened further down from the part in view, and all of its terms', async () => {
    const tab = await browser.newPage();
    try {
      await tab.setViewport({ width: 1000, height: 700 });
      await tab.goto(`${origin}/large-page.html#p12001`);
      expect(await tab.evaluate(() => scrollY)).toBeGreaterThan(1000);
      expect(await waitForReady(tab)).toBe(240);
      await tab.waitForFunction(() => (CSS.highlights.get('factlens-term')?.size ?? 0) > 0, { timeout: 10_000 });
      const registered = await registeredIds(tab);
      expect(registered).toContain('p12001');
      expect(registered).not.toContain('p1');
      expect(registered).not.toContain('p23901');
    } finally {
      await tab.close();
    }
  });

  it('marks light misspellings and leaves look-alike words alone', async () => {
    const other = await browser.newPage();
    await other.goto(`${origin}/misspelled.html`);
    await waitForReady(other);
    expect(await highlightedTexts(other)).toEqual(['ketamin', 'glutamte', 'seratonin']);
    await other.close();
  });

  it('leaves the page DOM outside our shadow host exactly as it was before, once the card closed', async () => {
    await closeCard(page);
    const { before, now } = await domBeforeAndNow(page);
    expect(before.length).toBeGreaterThan(500);
    expect(now).toBe(before);
  });
});

describe('built extension in chromium: options and popup', () => {
  let browser: Browser;
  let extensionId = '';
  let close: () => Promise<void> = async () => {};
  let article: Page;

  beforeAll(async () => {
    ({ browser, extensionId, close } = await launchWithExtension('chromium'));
    article = await browser.newPage();
    await article.goto(`${origin}/article.html`);
    await waitForReady(article);
  });

  afterAll(async () => {
    await close();
  });

  it('shows the brief text after the detail level is set to brief in the options page, without reload', async () => {
    await hoverTerm(article, 'ketamine');
    expect((await openCard(article))?.level).toBe('standard');
    const options = await browser.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await options.waitForSelector('input[value="brief"]');
    await options.click('input[value="brief"]');
    // The article's tab is behind the options page: polled on a timer, not on animation frames.
    await article.waitForFunction(
      () => {
        const card = document.querySelector('factlens-card')?.shadowRoot?.querySelector<HTMLElement>('.card');
        return card?.dataset.level === 'brief';
      },
      { polling: 100 },
    );
    const card = await openCard(article);
    expect(card?.text).toContain(text(entry('ketamine').levels.brief)[0]);
    expect(card?.text).not.toContain(text(entry('ketamine').levels.standard)[0]);
    // The choice is stored: a reload of the options page shows it.
    await options.reload();
    await options.waitForSelector('input[value="brief"]');
    expect(await options.$eval('input[value="brief"]', (input) => (input as HTMLInputElement).checked)).toBe(true);
    await options.close();
  });

  it('removes every highlight on open tabs when switched off in the popup, and restores them when switched on', async () => {
    const popup = await browser.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await popup.waitForSelector('label.switch');
    await popup.click('label.switch');
    // The article's tab is behind the popup's: polled on a timer, not on animation frames.
    await article.waitForFunction(() => !CSS.highlights.has('factlens-term'), { timeout: 10_000, polling: 100 });
    expect(await openCard(article)).toBeNull();
    await popup.click('label.switch');
    await waitForReady(article, 2);
    expect(await highlightedTexts(article)).toEqual(['depression', 'ketamine', 'TMS']);
    await popup.close();
  });
});
