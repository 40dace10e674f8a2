import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeCard,
  highlightedTexts,
  hoverTerm,
  launchWithExtension,
  openCard,
  termCentre,
  waitForReady,
  domBeforeAndNow,
} from '@/scripts/lib/browsers.mjs';
import { serveFolder } from '@/scripts/lib/serve.mjs';

// Committed, so the README can show them; every e2e run refreshes them from the real extension.
const SCREENSHOTS = 'tests/screenshots';

let origin = '';
let closeServer: () => Promise<void> = async () => {};

beforeAll(async () => {
  const server = await serveFolder('tests/fixtures');
  origin = server.origin;
  closeServer = server.close;
  mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await closeServer();
});

const cardCount = (page: Page) => page.evaluate(() => document.querySelectorAll('factlens-card').length);

const popoverState = (page: Page) =>
  page.evaluate(() => {
    const popover = document.querySelector('factlens-card')?.shadowRoot?.querySelector<HTMLElement>('.popover');
    return popover && !popover.hidden
      ? { placement: popover.dataset.placement ?? '', rect: popover.getBoundingClientRect().toJSON() as DOMRect }
      : null;
  });

/**
 * The share of the pixels inside the box of `word` (a marked term, or any word of the page's
 * first paragraphs) that show `colour` (within 12 of each channel), from a screenshot of the
 * page as the browser painted it. The image is decoded by the page's browser, off the DOM.
 */
async function tintedShare(page: Page, word: string, colour: readonly number[]): Promise<number> {
  const box = await page.evaluate((word) => {
    const ranges = [...(CSS.highlights.get('factlens-term') ?? [])].map((marked) => {
      const range = document.createRange();
      range.setStart(marked.startContainer, marked.startOffset);
      range.setEnd(marked.endContainer, marked.endOffset);
      return range;
    });
    // A word that is not marked: found in the page's text.
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = (node.textContent ?? '').indexOf(word);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + word.length);
      ranges.push(range);
      break;
    }
    const range = ranges.find((candidate) => candidate.toString() === word);
    const rect = range?.getBoundingClientRect();
    return rect ? { x: rect.x, y: rect.y, width: rect.width, height: rect.height } : null;
  }, word);
  if (!box) throw new Error(`"${word}" is not on the page`);
  const png = await page.screenshot({ encoding: 'base64' });
  return page.evaluate(
    async (png, box, colour) => {
      const image = new Image();
      image.src = `data:image/png;base64,${png}`;
      await image.decode();
      const scale = image.naturalWidth / innerWidth;
      const canvas = new OffscreenCanvas(image.naturalWidth, image.naturalHeight);
      const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
      context.drawImage(image, 0, 0);
      // One pixel in from each edge: the box's edges may be blended with what is around it.
      const x = Math.ceil(box.x * scale) + 1;
      const y = Math.ceil(box.y * scale) + 1;
      const width = Math.max(Math.floor(box.width * scale) - 2, 1);
      const height = Math.max(Math.floor(box.height * scale) - 2, 1);
      const { data } = context.getImageData(x, y, width, height);
      let matching = 0;
      for (let i = 0; i < data.length; i += 4)
        if ([0, 1, 2].every((c) => Math.abs((data[i + c] as number) - (colour[c] as number)) <= 12)) matching++;
      return matching / (width * height);
    },
    png,
    box,
    colour,
  );
}

describe.each(['chromium', 'firefox'] as const)('reading experience in %s', (browserName) => {
  let browser: Browser;
  let close: () => Promise<void> = async () => {};
  let page: Page;

  beforeAll(async () => {
    ({ browser, close } = await launchWithExtension(browserName));
    page = await browser.newPage();
    await page.setViewport({ width: 1000, height: 700 });
    await page.goto(`${origin}/reading.html`);
    await waitForReady(page);
  });

  afterAll(async () => {
    await close();
  });

  it("matches the page's text in the extension's background, not on the page's main thread", async () => {
    const nodes = await page.evaluate(
      () => (performance.getEntriesByName('factlens:ready')[0] as PerformanceMark).detail.nodes,
    );
    expect(nodes.inBackground).toBeGreaterThan(0);
    expect(nodes.onPage).toBe(0);
  });

  it('marks terms in open shadow roots and same-origin frames, not in editable regions', async () => {
    const texts = (await highlightedTexts(page)) ?? [];
    expect(texts).toEqual(expect.arrayContaining(['ketamine', 'glutamate', 'synapse', 'serotonin', 'neuron']));
    expect(texts).not.toContain('Typing ketamine');
    expect(texts.filter((t) => t === 'ketamine')).toHaveLength(1);
    const frame = page.frames().find((f) => f.url().endsWith('/frame.html'));
    await frame?.waitForFunction(() => performance.getEntriesByName('factlens:ready').length > 0);
    const inFrame = await frame?.evaluate(() => {
      const highlight = CSS.highlights.get('factlens-term');
      return highlight
        ? [...highlight].map((r) => (r.startContainer.textContent ?? '').slice(r.startOffset, r.endOffset))
        : [];
    });
    expect(inFrame).toEqual(['psilocybin']);
  });

  it('paints the marked terms with the default tint, in the page and in an open shadow root', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    // The default tint, rgb(255 214 102 / 45%), over the page's white background.
    expect(await tintedShare(page, 'ketamine', [255, 237, 186])).toBeGreaterThan(0.4);
    expect(await tintedShare(page, 'neuron', [255, 237, 186])).toBeGreaterThan(0.4);
    // An unmarked word next to it is not tinted.
    expect(await tintedShare(page, 'volunteers', [255, 237, 186])).toBe(0);
    // Chrome reaches the shadow root by highlight inheritance and leaves its styles alone;
    // Firefox needs the rules adopted there.
    const adopted = await page.evaluate(
      () => document.getElementById('shadow-host')?.shadowRoot?.adoptedStyleSheets.length ?? null,
    );
    expect(adopted).toBe(browserName === 'chromium' ? 0 : 1);
  });

  it('waits for the hover delay and opens exactly one card at a time', async () => {
    const { x, y } = await termCentre(page, 'ketamine');
    await page.mouse.move(x, y + 60);
    await page.mouse.move(x, y);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await openCard(page)).toBeNull();
    await page.waitForFunction(
      () => !!document.querySelector('factlens-card')?.shadowRoot?.querySelector('.popover:not([hidden]) .card'),
    );
    expect((await openCard(page))?.entry).toBe('ketamine');
    await hoverTerm(page, 'serotonin');
    expect((await openCard(page))?.entry).toBe('serotonin');
    expect(await cardCount(page)).toBe(1);
  });

  it('hides the page title tooltip while the card is open and restores it after', async () => {
    await hoverTerm(page, 'serotonin');
    expect(await page.$eval('#p-title', (p) => p.getAttribute('title'))).toBeNull();
    await closeCard(page);
    expect(await page.$eval('#p-title', (p) => p.getAttribute('title'))).toBe("The page's own tooltip");
  });

  it('does not open a card when the pointer flies over a term', async () => {
    await closeCard(page);
    const { x, y } = await termCentre(page, 'glutamate');
    await page.mouse.move(Math.max(x - 300, 1), y);
    await page.mouse.move(Math.min(x + 300, 990), y, { steps: 6 });
    await page.mouse.move(Math.min(x + 300, 990), 5);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await openCard(page)).toBeNull();
  });

  it('flips the card above a term at the bottom edge and keeps it inside the viewport', async () => {
    await hoverTerm(page, 'neuroplasticity');
    const state = await popoverState(page);
    expect(state?.placement.startsWith('top')).toBe(true);
    expect(state?.rect.top).toBeGreaterThanOrEqual(0);
    expect(state?.rect.bottom).toBeLessThanOrEqual(700);
  });

  it('opens related terms inside the same card, with a way back', async () => {
    await hoverTerm(page, 'ketamine');
    const title = await page.evaluate(() => {
      const button = document
        .querySelector('factlens-card')
        ?.shadowRoot?.querySelector<HTMLButtonElement>('.card-related button');
      button?.click();
      return button?.textContent;
    });
    const titleIs = (t: string | null | undefined) =>
      document.querySelector('factlens-card')?.shadowRoot?.querySelector('.card-title')?.textContent === t;
    await page.waitForFunction(titleIs, {}, title);
    await page.evaluate(() =>
      document.querySelector('factlens-card')?.shadowRoot?.querySelector<HTMLButtonElement>('.card-back')?.click(),
    );
    await page.waitForFunction(titleIs, {}, 'Ketamine');
  });

  it('marks content the page adds later and drops highlights of content it removes', async () => {
    await page.evaluate(() =>
      (window as unknown as { addParagraph: (t: string) => void }).addParagraph('Added: anhedonia.'),
    );
    await page.waitForFunction(() =>
      [...(CSS.highlights.get('factlens-term') ?? [])].some(
        (r) => (r.startContainer.textContent ?? '').slice(r.startOffset, r.endOffset) === 'anhedonia',
      ),
    );
    await page.evaluate(() => (window as unknown as { removeAdded: () => void }).removeAdded());
    await page.waitForFunction(
      () =>
        ![...(CSS.highlights.get('factlens-term') ?? [])].some(
          (r) => (r.startContainer.textContent ?? '').slice(r.startOffset, r.endOffset) === 'anhedonia',
        ),
    );
  });

  it('lets double-click select a marked word as usual', async () => {
    await closeCard(page);
    const { x, y } = await termCentre(page, 'dopamine');
    await page.mouse.click(x, y, { count: 2 });
    expect(await page.evaluate(() => getSelection()?.toString().trim())).toBe('dopamine');
    await page.evaluate(() => getSelection()?.removeAllRanges());
  });

  it('selects and copies marked text as plain page text (triple-click selects the paragraph)', async () => {
    await closeCard(page);
    const { x, y } = await termCentre(page, 'glutamate');
    await page.mouse.click(x, y, { count: 3 });
    const selected = await page.evaluate(() => getSelection()?.toString().trim());
    expect(selected).toBe(await page.$eval('#p-first', (p) => p.textContent?.trim()));
    await page.evaluate(() => getSelection()?.removeAllRanges());
  });

  it('leaves the DOM outside our host byte-identical after hovering and closing', async () => {
    await closeCard(page);
    const snapshot = await domBeforeAndNow(page);
    expect(snapshot.now).toBe(snapshot.before);
  });

  it('follows a link whose text holds a marked term when clicked', async () => {
    await closeCard(page);
    const { x, y } = await termCentre(page, 'synapse');
    await Promise.all([page.waitForNavigation(), page.mouse.click(x, y)]);
    expect(page.url()).toBe(`${origin}/article.html`);
  });
});

describe('keyboard, touch and screenshots in chromium', () => {
  let browser: Browser;
  let extensionId = '';
  let close: () => Promise<void> = async () => {};
  let page: Page;

  /** Writes settings as the options page does (sync storage, one key per setting). */
  async function setStored(values: Record<string, string | boolean | string[]>) {
    const target = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().includes(extensionId));
    const worker = await target.worker();
    await worker?.evaluate(async (v) => {
      const { storage } = (
        globalThis as unknown as { chrome: { storage: { sync: { set(v: object): Promise<void> } } } }
      ).chrome;
      await storage.sync.set(v);
    }, values);
  }

  /** Sends the message the background sends for a keyboard command (@webext-core/messaging format). */
  async function command(direction: 'next' | 'previous') {
    const target = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().includes(extensionId));
    const worker = await target.worker();
    await worker?.evaluate(async (dir) => {
      interface Tabs {
        query(filter: object): Promise<{ id?: number }[]>;
        sendMessage(tabId: number, message: object, options: object): Promise<unknown>;
      }
      const { tabs } = (globalThis as unknown as { chrome: { tabs: Tabs } }).chrome;
      const [tab] = await tabs.query({ active: true, currentWindow: true });
      if (tab?.id !== undefined) {
        await tabs.sendMessage(tab.id, { id: 1, type: 'moveToTerm', data: dir, timestamp: Date.now() }, { frameId: 0 });
      }
    }, direction);
  }

  beforeAll(async () => {
    ({ browser, extensionId, close } = await launchWithExtension('chromium'));
    page = await browser.newPage();
    await page.setViewport({ width: 1000, height: 700 });
    await page.goto(`${origin}/reading.html`);
    await waitForReady(page);
  });

  afterAll(async () => {
    await close();
  });

  it('moves to the next term with the keyboard command, focuses its card, announces it, and Escape returns focus', async () => {
    await page.bringToFront();
    await page.focus('#term-link');
    await command('next');
    await page.waitForFunction(() =>
      document.querySelector('factlens-card')?.shadowRoot?.activeElement?.classList.contains('popover'),
    );
    const first = await openCard(page);
    await command('next');
    await page.waitForFunction(
      (entry) => {
        const card = document.querySelector('factlens-card')?.shadowRoot?.querySelector<HTMLElement>('.card');
        return card?.dataset.entry !== entry;
      },
      {},
      first?.entry,
    );
    const live = await page.evaluate(
      () => document.querySelector('factlens-card')?.shadowRoot?.querySelector('[role="status"]')?.textContent,
    );
    expect(live).toMatch(/term 2 of \d+/);
    await page.keyboard.press('Escape');
    expect(await openCard(page)).toBeNull();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('term-link');
  });

  it('leaves the DOM outside our host byte-identical after a session of hovering and switching off and on', async () => {
    await page.bringToFront();
    await hoverTerm(page, 'serotonin');
    await setStored({ enabled: false });
    await page.waitForFunction(() => !CSS.highlights.has('factlens-term'));
    await setStored({ enabled: true });
    await page.waitForFunction(() => performance.getEntriesByName('factlens:ready').length >= 2);
    await hoverTerm(page, 'glutamate');
    await setStored({ highlightStyle: 'underline' });
    await page.waitForFunction(
      () => CSS.highlights.has('factlens-term-underline') && !CSS.highlights.has('factlens-term'),
    );
    await setStored({ highlightStyle: 'background' });
    await closeCard(page);
    const snapshot = await domBeforeAndNow(page);
    expect(snapshot.now).toBe(snapshot.before);
  });

  it('follows the marking settings on an open page: misspellings and categories', async () => {
    const forum = await browser.newPage();
    await forum.goto(`${origin}/misspelled.html`);
    await waitForReady(forum);
    expect(await highlightedTexts(forum)).toEqual(['ketamin', 'glutamte', 'seratonin']);
    await setStored({ fuzzyMatching: false });
    await forum.waitForFunction(() => !CSS.highlights.get('factlens-term')?.size);
    await setStored({ fuzzyMatching: true });
    await forum.waitForFunction(() => CSS.highlights.get('factlens-term')?.size === 3);
    await forum.close();
    await page.bringToFront();
    await setStored({ hiddenCategories: ['neurobiology'] });
    // The page is marked again from scratch: wait until the new marks are there, not only
    // until the old ones went.
    await page.waitForFunction(() => {
      const texts = [...(CSS.highlights.get('factlens-term') ?? [])].map((r) =>
        (r.startContainer.textContent ?? '').slice(r.startOffset, r.endOffset),
      );
      return texts.includes('ketamine') && !texts.includes('glutamate');
    });
    expect(await highlightedTexts(page)).toContain('ketamine');
    expect(await highlightedTexts(page)).not.toContain('glutamate');
    await setStored({ hiddenCategories: [] });
    await page.waitForFunction(() =>
      [...(CSS.highlights.get('factlens-term') ?? [])].some(
        (r) => (r.startContainer.textContent ?? '').slice(r.startOffset, r.endOffset) === 'glutamate',
      ),
    );
  });

  it('does not move while the focus is in an editable region', async () => {
    await page.bringToFront();
    await closeCard(page);
    await page.focus('#editor');
    await command('next');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await openCard(page)).toBeNull();
  });

  it('opens the card on tap, and inside a link the second tap follows the link', async () => {
    const touch = await browser.newPage();
    await touch.emulate({
      viewport: { width: 400, height: 800, hasTouch: true, isMobile: true },
      userAgent: 'Mozilla/5.0 (Linux; Android 14) Mobile',
    });
    await touch.goto(`${origin}/reading.html`);
    await waitForReady(touch);
    const glutamate = await termCentre(touch, 'glutamate');
    await touch.touchscreen.tap(glutamate.x, glutamate.y);
    await touch.waitForFunction(
      () => !!document.querySelector('factlens-card')?.shadowRoot?.querySelector('.popover:not([hidden])'),
    );
    expect((await openCard(touch))?.entry).toBe('glutamate');
    const link = await termCentre(touch, 'synapse');
    await touch.touchscreen.tap(link.x, link.y);
    await touch.waitForFunction(
      () =>
        document.querySelector('factlens-card')?.shadowRoot?.querySelector<HTMLElement>('.card')?.dataset.entry ===
        'synapse',
    );
    expect(touch.url()).toBe(`${origin}/reading.html`);
    await Promise.all([touch.waitForNavigation(), touch.touchscreen.tap(link.x, link.y)]);
    expect(touch.url()).toBe(`${origin}/article.html`);
    await touch.close();
  });

  it('saves screenshots of the card at each detail level in light and dark', async () => {
    for (const theme of ['light', 'dark'] as const) {
      await setStored({ theme });
      for (const level of ['brief', 'standard', 'expert'] as const) {
        await hoverTerm(page, 'ketamine');
        await page.evaluate((l) => {
          const root = document.querySelector('factlens-card')?.shadowRoot;
          const names = { brief: 'Brief', standard: 'Standard', expert: 'Expert' };
          [...(root?.querySelectorAll<HTMLButtonElement>('.level-option') ?? [])]
            .find((b) => b.textContent === names[l])
            ?.click();
        }, level);
        await page.waitForFunction(
          (l, t) => {
            const popover = document.querySelector('factlens-card')?.shadowRoot?.querySelector<HTMLElement>('.popover');
            return popover?.dataset.theme === t && popover.querySelector<HTMLElement>('.card')?.dataset.level === l;
          },
          {},
          level,
          theme,
        );
        // Let the 120 ms appear animation finish.
        await new Promise((resolve) => setTimeout(resolve, 250));
        await page.screenshot({ path: `${SCREENSHOTS}/card-${level}-${theme}.png` });
      }
    }
    await setStored({ theme: 'auto', detailLevel: 'standard' });
  });
});
