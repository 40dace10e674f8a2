import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { domBeforeAndNow, highlightedTexts, hoverTerm, openCard, waitForReady } from '@/scripts/lib/browsers.mjs';
import { collectErrors, useExtensionBrowser, useFixtureServer } from './hooks';

/**
 * React 19 and ReactDOM's client (development builds, which report every hydration mismatch)
 * from node_modules as one classic script for hydrate.html: React ships CommonJS only, so each
 * module is wrapped in a function behind a tiny require().
 */
function reactScript(): string {
  const modules: Record<string, string> = {
    scheduler: 'scheduler/cjs/scheduler.development.js',
    react: 'react/cjs/react.development.js',
    'react-dom': 'react-dom/cjs/react-dom.development.js',
    'react-dom/client': 'react-dom/cjs/react-dom-client.development.js',
  };
  const defined = Object.entries(modules).map(
    ([name, file]) =>
      `define(${JSON.stringify(name)}, function (module, exports, require) {\n${readFileSync(join('node_modules', file), 'utf8')}\n});`,
  );
  return `(function () {
  var process = { env: { NODE_ENV: 'development' } };
  var factories = {}, cache = {};
  function define(name, factory) { factories[name] = factory; }
  function require(name) {
    if (!cache[name]) { var module = { exports: {} }; cache[name] = module; factories[name](module, module.exports, require); }
    return cache[name].exports;
  }
  ${defined.join('\n')}
  window.React = require('react');
  window.ReactDOMClient = require('react-dom/client');
})();`;
}

const served = useFixtureServer('tests/fixtures/hostile', 0, {
  routes: { '/vendor/react.js': reactScript },
  // Cross-origin isolated: every resource the page loads must allow it (CORP or CORS).
  headers: {
    '/isolated.html': { 'cross-origin-embedder-policy': 'require-corp', 'cross-origin-opener-policy': 'same-origin' },
    '/snapshot.js': { 'cross-origin-resource-policy': 'same-origin' },
  },
});

/** The page's DOM with our host left out, against the snapshot it took before Factlens ran. */
async function expectUntouched(page: Page) {
  const { before, now } = await domBeforeAndNow(page);
  expect(before.length).toBeGreaterThan(100);
  expect(now).toBe(before);
}

describe.each(['chromium', 'firefox'] as const)('hostile pages in %s', (browserName) => {
  const launched = useExtensionBrowser(browserName);

  async function open(path: string): Promise<Page> {
    const page = await launched.browser.newPage();
    await page.setViewport({ width: 1000, height: 700 });
    await page.goto(`${served.origin}/${path}`);
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

  it('loads its code, marks terms and shows a card in a cross-origin isolated page', async () => {
    // Factlens' page code and the card's view come from the extension by import(); a page that
    // requires what it loads to allow it (CORP) must not stop them.
    const page = await open('isolated.html');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await waitForReady(page);
    expect(await highlightedTexts(page)).toEqual(['ketamine', 'glutamate']);
    await hoverTerm(page, 'glutamate');
    expect((await openCard(page))?.entry).toBe('glutamate');
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

  // A page of this many elements is walked over its text nodes alone (scan-text.ts): what it
  // must leave alone is found by queries and checks, not by visiting each element.
  it('on a page of 130,000 elements leaves code, editors, form fields and hidden text alone and marks web components', async () => {
    const page = await open('many-elements.html');
    // The top's Ketamine and web component, the bulk's 12 and the web component at the end.
    expect(await waitForReady(page)).toBe(15);
    expect(await page.evaluate(() => document.getElementsByTagName('*').length)).toBeGreaterThan(120_000);
    // Everything skipped sits at the top, in view; the 15 terms are one run of the painter's,
    // registered as a whole.
    expect(await highlightedTexts(page)).toEqual(['Ketamine', ...Array(13).fill('dopamine'), 'glutamate']);
    await expectUntouched(page);

    // New content of as many elements, added at the top once the page is marked: walked the
    // same way as it arrives, its hidden and editable text stays unmarked.
    await page.evaluate(() => {
      const section = document.createElement('section');
      const rows = Array.from({ length: 6000 }, () => `<div>${'<span>kilo </span>'.repeat(20)}</div>`);
      section.innerHTML = `<p>Added later: neuron.</p><div hidden>Hidden later: serotonin.</div><div contenteditable="true">Edited later: ketamine.</div>${rows.join('')}`;
      document.body.prepend(section);
    });
    await page.waitForFunction(
      () =>
        [...(CSS.highlights.get('factlens-term') ?? [])].some(
          (range) => range.startContainer.textContent?.slice(range.startOffset, range.endOffset) === 'neuron',
        ),
      { timeout: 20_000, polling: 100 },
    );
    // Let the rest of that scan finish: nothing else in the new content may be marked.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const marked = await highlightedTexts(page);
    expect(marked?.slice(0, 2)).toEqual(['neuron', 'Ketamine']);
    expect(marked).not.toContain('serotonin');
    expect(marked?.filter((text) => text === 'ketamine')).toEqual([]);
    await page.close();
  });

  // Thousands of terms under one element (lines split by <br>) and one text node of 300,000
  // characters: only the marks near the viewport are registered, also within one element, and
  // the long text is matched in pieces without losing or shifting a term at their edges.
  it('marks one crowded element and one long text node where the reader is, and only there', async () => {
    const page = await open('one-element.html');
    expect(await waitForReady(page)).toBe(6300);
    /** The registered ranges, and the terms of the text nodes in view with how many are marked. */
    const inView = () =>
      page.evaluate(() => {
        const ranges = [...(CSS.highlights.get('factlens-term') ?? [])];
        const texts = ranges.map((r) => (r.startContainer.textContent ?? '').slice(r.startOffset, r.endOffset));
        const lines = [...(document.getElementById('lines')?.childNodes ?? [])].filter((node) => {
          if (node.nodeType !== Node.TEXT_NODE) return false;
          const range = document.createRange();
          range.selectNodeContents(node);
          const box = range.getBoundingClientRect();
          return box.bottom > 0 && box.top < innerHeight;
        });
        return {
          registered: ranges.length,
          texts: [...new Set(texts)].sort(),
          lines: lines.length,
          linesMarked: lines.filter((line) => ranges.filter((r) => r.startContainer === line).length === 2).length,
        };
      });
    const top = await inView();
    expect(top.lines).toBeGreaterThan(10);
    expect(top.linesMarked).toBe(top.lines);
    expect(top.registered).toBeLessThan(1000);
    expect(top.texts).toEqual(['NMDA receptor', 'ketamine']);

    // Into the middle of the lines: the ones in view there get their marks.
    await page.evaluate(() => {
      const line = [...(document.getElementById('lines')?.childNodes ?? [])].filter((n) => n.nodeType === 3)[1500];
      const range = document.createRange();
      range.selectNodeContents(line as Node);
      window.scrollBy(0, range.getBoundingClientRect().top);
    });
    await page.waitForFunction(
      () => {
        const ranges = [...(CSS.highlights.get('factlens-term') ?? [])];
        return ranges.some((r) => r.startContainer.textContent?.startsWith('Line 1500:'));
      },
      { timeout: 10_000, polling: 100 },
    );
    const middle = await inView();
    expect(middle.linesMarked).toBe(middle.lines);
    expect(middle.registered).toBeLessThan(1000);

    // The end of the long text: its terms in view are marked at the right offsets.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForFunction(
      () =>
        [...(CSS.highlights.get('factlens-term') ?? [])].some(
          (r) => r.startContainer.parentElement?.id === 'long' && r.startOffset > 290_000,
        ),
      { timeout: 10_000, polling: 100 },
    );
    const end = await inView();
    expect(end.texts).toContain('glutamate');
    expect(end.texts.every((text) => ['NMDA receptor', 'ketamine', 'glutamate'].includes(text))).toBe(true);
    expect(end.registered).toBeLessThan(1000);
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
        const texts = highlight
          ? [...highlight].map((r) => (r.startContainer.textContent ?? '').slice(r.startOffset, r.endOffset))
          : [];
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

  // The marks are static ranges, which do not follow edits: text changed in place (as React
  // updates a text node) must lose its marks before the page paints again, not at the next
  // batch of changes 150 ms later, and the new text is then marked.
  it('drops the marks of text edited in place at once, then marks the new text', async () => {
    const page = await open('lifecycle.html');
    await waitForReady(page);
    const result = await page.evaluate(async () => {
      const highlight = CSS.highlights.get('factlens-term');
      const painted = highlight ? [...highlight].find((r) => r.startContainer.nodeType === Node.TEXT_NODE) : undefined;
      if (!painted) return undefined;
      const node = painted.startContainer as Text;
      node.data = `Now ${node.data.length > 40 ? 'a much shorter text' : 'something else'} about serotonin.`;
      // Mutation records reach observers as microtasks: before this timer and before the next paint.
      await new Promise((resolve) => setTimeout(resolve, 0));
      const onNode = () => [...(CSS.highlights.get('factlens-term') ?? [])].filter((r) => r.startContainer === node);
      const atOnce = onNode().length;
      const deadline = Date.now() + 10_000;
      while (onNode().length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      return {
        atOnce,
        later: onNode().map((r) => node.data.slice(r.startOffset, r.endOffset)),
      };
    });
    expect(result).toEqual({ atOnce: 0, later: ['serotonin'] });
    await page.close();
  });

  it('leaves typing and undo in a contenteditable region and a textarea exactly as without it', async () => {
    const page = await open('editing.html');
    await waitForReady(page);
    expect(await highlightedTexts(page)).toEqual(['ketamine', 'glutamate']);

    const editorBefore = await page.$eval('#editor', (editor) => editor.innerHTML);
    await page.$eval('#editor', (editor) => {
      (editor as HTMLElement).focus();
      getSelection()?.collapse(editor, editor.childNodes.length);
    });
    await page.keyboard.type(' ketamine and serotonin');
    expect(await page.$eval('#editor', (editor) => editor.innerHTML)).toBe(`${editorBefore} ketamine and serotonin`);

    const notesBefore = await page.$eval('#notes', (notes) => (notes as HTMLTextAreaElement).value);
    await page.$eval('#notes', (notes) => {
      const area = notes as HTMLTextAreaElement;
      area.focus();
      area.setSelectionRange(area.value.length, area.value.length);
    });
    await page.keyboard.type(' glutamate and dopamine');
    expect(await page.$eval('#notes', (notes) => (notes as HTMLTextAreaElement).value)).toBe(
      `${notesBefore} glutamate and dopamine`,
    );
    // Past the mutation batch (150 ms, then idle): the typed terms stay unmarked.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await highlightedTexts(page)).toEqual(['ketamine', 'glutamate']);

    /** Presses Ctrl+Z in a field until its text is `expected` (browsers group typing differently). */
    const undoUntil = async (selector: string, read: (element: Element) => string, expected: string) => {
      for (let press = 0; press < 30; press++) {
        if ((await page.$eval(selector, read)) === expected) return;
        await page.keyboard.down('Control');
        await page.keyboard.press('z');
        await page.keyboard.up('Control');
      }
    };
    await undoUntil('#notes', (notes) => (notes as HTMLTextAreaElement).value, notesBefore);
    expect(await page.$eval('#notes', (notes) => (notes as HTMLTextAreaElement).value)).toBe(notesBefore);
    await page.focus('#editor');
    await undoUntil('#editor', (editor) => editor.innerHTML, editorBefore);
    expect(await page.$eval('#editor', (editor) => editor.innerHTML)).toBe(editorBefore);
    expect(await highlightedTexts(page)).toEqual(['ketamine', 'glutamate']);
    await expectUntouched(page);
    await page.close();
  });

  it('marks server-rendered text that React then hydrates without a mismatch, and follows its updates', async () => {
    const page = await open('hydrate.html');
    const errors = collectErrors(page);
    await waitForReady(page);
    const rendered = ['Ketamine', 'NMDA receptor', 'Ketamine', 'NMDA receptor', 'glutamate'];
    expect(await highlightedTexts(page)).toEqual(rendered);
    // React hydrates only now, over the DOM Factlens has marked, and checks every node of it.
    await page.evaluate(() => (window as unknown as { hydrateNow(): void }).hydrateNow());
    await page.waitForFunction(() => (window as unknown as { __hydrated?: boolean }).__hydrated === true);
    expect(await page.evaluate(() => (window as unknown as { __errors: string[] }).__errors)).toEqual([]);

    // Hydrated: React's handlers run and it updates the DOM; the new text is marked.
    await page.click('#more');
    await page.click('#more');
    await page.waitForFunction(() => document.getElementById('count')?.textContent === 'Facts added: 2');
    await page.waitForFunction(
      () => {
        const highlight = CSS.highlights.get('factlens-term');
        const texts = highlight
          ? [...highlight].map((range) =>
              (range.startContainer.textContent ?? '').slice(range.startOffset, range.endOffset),
            )
          : [];
        return texts.includes('Serotonin') && texts.includes('Dopamine');
      },
      { timeout: 10_000 },
    );
    expect(await highlightedTexts(page)).toEqual([...rendered, 'Serotonin', 'neurotransmitter', 'Dopamine']);
    expect(await page.evaluate(() => (window as unknown as { __errors: string[] }).__errors)).toEqual([]);
    expect(errors).toEqual([]);

    // The check can fail: a root whose server text differs is reported by this very page.
    await page.evaluate(() => (window as unknown as { hydrateControl(): void }).hydrateControl());
    await page.waitForFunction(() => (window as unknown as { __controlErrors: string[] }).__controlErrors.length > 0);
    await page.close();
  });

  it('marks same-origin, sandboxed and srcdoc frames alike, without errors or changes to the pages', async () => {
    const page = await open('frames.html');
    const errors = collectErrors(page);
    await waitForReady(page);
    expect(await highlightedTexts(page)).toEqual(['ketamine']);
    // Content scripts are not page scripts: a sandbox (with or without allow-scripts) does not
    // stop them, and frames with an opaque origin are matched by the URL of the page that made them.
    const frameState = (frame: Frame) =>
      frame.evaluate(() => {
        const highlight = CSS.highlights.get('factlens-term');
        return {
          at: location.href.includes('?') ? location.search.slice(1) : location.href,
          origin: String(origin),
          ready: performance.getEntriesByName('factlens:ready').length,
          marked: highlight
            ? [...highlight].map((range) =>
                (range.startContainer.textContent ?? '').slice(range.startOffset, range.endOffset),
              )
            : [],
          body: document.body.innerHTML.trim(),
        };
      });
    const waitForFrames = async () => {
      for (const frame of page.frames().slice(1)) {
        await frame.waitForFunction(() => performance.getEntriesByName('factlens:ready').length > 0, {
          timeout: 20_000,
        });
      }
      return Promise.all(page.frames().slice(1).map(frameState));
    };
    const framed = '<p>Inside a frame: serotonin.</p>';
    const frames = await waitForFrames();
    expect(frames.sort((a, b) => (a.at + a.origin < b.at + b.origin ? -1 : 1))).toEqual([
      {
        at: 'about:srcdoc',
        origin: served.origin,
        ready: 1,
        marked: ['dopamine'],
        body: '<p>In a srcdoc frame: dopamine.</p>',
      },
      {
        at: 'about:srcdoc',
        origin: 'null',
        ready: 1,
        marked: ['dopamine'],
        body: '<p>In a sandboxed srcdoc frame: dopamine.</p>',
      },
      { at: 'same-origin', origin: served.origin, ready: 1, marked: ['serotonin'], body: framed },
      { at: 'sandbox-scripts', origin: 'null', ready: 1, marked: ['serotonin'], body: framed },
      { at: 'sandbox', origin: 'null', ready: 1, marked: ['serotonin'], body: framed },
    ]);
    expect(errors).toEqual([]);
    await expectUntouched(page);
    await page.close();
  });
});
