import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  domBeforeAndNow,
  highlightedTexts,
  hoverTerm,
  launchWithExtension,
  openCard,
  waitForReady,
} from '@/scripts/lib/browsers.mjs';
import { serveFolder } from '@/scripts/lib/serve.mjs';

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

/** The page's DOM with our host left out, against the snapshot it took before Factlens ran. */
async function expectUntouched(page: Page) {
  const { before, now } = await domBeforeAndNow(page);
  expect(before.length).toBeGreaterThan(100);
  expect(now).toBe(before);
}

describe.each(['chromium', 'firefox'] as const)('hostile pages in %s', (browserName) => {
  let browser: Browser;
  let close: () => Promise<void> = async () => {};

  beforeAll(async () => {
    ({ browser, close } = await launchWithExtension(browserName));
  });

  afterAll(async () => {
    await close();
  });

  async function open(path: string): Promise<Page> {
    const page = await browser.newPage();
    await page.setViewport({ width: 1000, height: 700 });
    await page.goto(`${origin}/${path}`);
    return page;
  }

  it('marks terms and shows a styled card under a strict CSP that forbids page styles', async () => {
    const page = await open('csp-strict.html');
    await waitForReady(page);
    expect(await highlightedTexts(page)).toEqual(['ketamine', 'glutamate']);
    await hoverTerm(page, 'ketamine');
    expect((await openCard(page))?.entry).toBe('ketamine');
    const position = await page.evaluate(() => {
      const popover = document.querySelector('factlens-card')?.shadowRoot?.querySelector('.popover');
      return popover ? getComputedStyle(popover).position : null;
    });
    expect(position).toBe('fixed');
    await expectUntouched(page);
    await page.close();
  });

  it('works where the page requires Trusted Types', async () => {
    const page = await open('trusted-types.html');
    await waitForReady(page);
    expect(await highlightedTexts(page)).toEqual(['serotonin', 'dopamine']);
    await hoverTerm(page, 'serotonin');
    expect((await openCard(page))?.entry).toBe('serotonin');
    await page.close();
  });

  it('is not affected by a page that redefines built-ins in its own world', async () => {
    const page = await open('builtins.html');
    await waitForReady(page);
    expect(await highlightedTexts(page)).toEqual(['ketamine', 'NMDA receptor']);
    await hoverTerm(page, 'ketamine');
    expect((await openCard(page))?.entry).toBe('ketamine');
    await page.close();
  });

  it('marks Latin terms inside right-to-left text', async () => {
    const page = await open('rtl.html');
    await waitForReady(page);
    expect(await highlightedTexts(page)).toEqual(expect.arrayContaining(['ketamine', 'hippocampus']));
    await expectUntouched(page);
    await page.close();
  });

  it('copes with a 200,000-character word and very long lines', async () => {
    const page = await open('long.html');
    await waitForReady(page);
    expect(await highlightedTexts(page)).toEqual(['ketamine']);
    await expectUntouched(page);
    await page.close();
  });

  it('leaves SVG text alone and marks the text around it', async () => {
    const page = await open('svg.html');
    await waitForReady(page);
    expect(await highlightedTexts(page)).toEqual(['glutamate']);
    await expectUntouched(page);
    await page.close();
  });

  it('marks text in nested open shadow roots', async () => {
    const page = await open('nested-shadow.html');
    await waitForReady(page);
    expect(await highlightedTexts(page)).toEqual(['serotonin', 'dopamine']);
    await expectUntouched(page);
    await page.close();
  });

  it('stays correct through a mutation storm: the final text is marked, nothing stale remains', async () => {
    const page = await open('storm.html');
    await page.waitForFunction(() => (window as unknown as { __stormDone?: boolean }).__stormDone === true, {
      timeout: 20_000,
    });
    await page.waitForFunction(
      () => {
        const highlight = CSS.highlights.get('factlens-term');
        const texts = highlight ? [...highlight].map((r) => r.toString()) : [];
        return texts.length === 30 && texts.every((t) => t === 'ketamine');
      },
      { timeout: 20_000, polling: 200 },
    );
    const stale = await page.evaluate(() => {
      const highlight = CSS.highlights.get('factlens-term');
      return highlight ? [...highlight].filter((r) => !r.startContainer.isConnected).length : -1;
    });
    expect(stale).toBe(0);
    await page.close();
  });
});
