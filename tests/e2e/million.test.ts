import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { collectErrors, useExtensionBrowser, useFixtureServer } from './hooks';

// A page of a million nodes (tests/fixtures/hostile/million.html) with its own 20 ms timer and
// click handler: Factlens takes seconds to get through it, and the page must keep running the
// whole time. Speed itself belongs to the benchmark: nothing here asserts how long anything
// takes, only that the page's own work is interleaved with Factlens' and handled before it ends.

const served = useFixtureServer('tests/fixtures/hostile');

/** What each kind of row of the fixture says, and the terms Factlens must mark in it. */
const TERMS_BY_PHRASE: Record<string, string[]> = {
  'Ketamine blocks the NMDA receptor': ['Ketamine', 'NMDA receptor'],
  'a receptor for glutamate': ['glutamate'],
  'TMS for treatment-resistant depression': ['TMS', 'treatment-resistant depression'],
  'serotonin and dopamine': ['serotonin', 'dopamine'],
};

/** The rows with terms that are in the viewport now, each with the highlighted text in it. */
function termRowsInView(page: Page) {
  return page.evaluate(() => {
    const highlight = CSS.highlights.get('factlens-term');
    const ranges = highlight ? [...highlight] : [];
    return [...document.querySelectorAll('i.t')]
      .filter((row) => {
        const rect = row.getBoundingClientRect();
        return rect.bottom > 0 && rect.top < innerHeight;
      })
      .map((row) => ({
        phrase: row.textContent ?? '',
        marked: ranges
          .filter((range) => row.contains(range.startContainer))
          .sort((a, b) => a.startOffset - b.startOffset)
          .map((range) => (range.startContainer.textContent ?? '').slice(range.startOffset, range.endOffset)),
      }));
  });
}

/** The term rows in view once all of them are marked, or as they are after 30 s. */
async function markedInViewSoon(page: Page) {
  let rows = await termRowsInView(page);
  for (let tries = 0; tries < 150; tries++) {
    if (rows.length > 0 && rows.every((row) => row.marked.join() === TERMS_BY_PHRASE[row.phrase]?.join())) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
    rows = await termRowsInView(page);
  }
  return rows;
}

describe.each(['chromium', 'firefox'] as const)('a page of a million nodes in %s', (browserName) => {
  const launched = useExtensionBrowser(browserName);

  it('keeps the page responsive while it marks it, marks what is in view and changes nothing', async () => {
    const page = await launched.browser.newPage();
    const errors = collectErrors(page);
    await page.setViewport({ width: 1000, height: 700 });
    await page.goto(`${served.origin}/million.html`, { timeout: 90_000 });

    // Factlens has started on the page (its first User Timing measure is there) and is not done.
    await page.waitForFunction(
      () => performance.getEntriesByType('measure').some((m) => m.name.startsWith('factlens:')),
      { timeout: 90_000, polling: 10 },
    );
    const readyBeforeClick = await page.evaluate(() => performance.getEntriesByName('factlens:ready').length);
    expect(readyBeforeClick, 'Factlens finished a million nodes before the page could run a script').toBe(0);
    // A real click, on the page's own content but off any text (no card opens).
    await page.mouse.click(900, 350);
    await page.mouse.move(995, 5);

    await page.waitForFunction(() => performance.getEntriesByName('factlens:ready').length > 0, {
      timeout: 90_000,
      polling: 200,
    });
    const run = await page.evaluate(() => {
      const own = performance
        .getEntriesByType('measure')
        .filter((m) => m.name.startsWith('factlens:'))
        .sort((a, b) => a.startTime - b.startTime);
      const ready = (performance.getEntriesByName('factlens:ready')[0] as PerformanceMark).startTime;
      const start = (own[0] as PerformanceMeasure).startTime;
      const work = own.filter((m) => m.startTime < ready);
      const page = window as unknown as { __beats: number[]; __clicks: number[] };
      const beats = page.__beats.filter((t) => t > start && t < ready);
      // Factlens' measured work between two consecutive heartbeats of the page (and before the
      // first and after the last): the largest share of it the page had to wait through at once.
      const bounds = [start, ...beats, ready];
      let largestShare = 0;
      let longestGap = 0;
      const total = work.reduce((sum, m) => sum + m.duration, 0);
      for (let i = 1; i < bounds.length; i++) {
        const from = bounds[i - 1] as number;
        const to = bounds[i] as number;
        longestGap = Math.max(longestGap, to - from);
        const held = work
          .filter((m) => m.startTime >= from && m.startTime < to)
          .reduce((sum, m) => sum + m.duration, 0);
        largestShare = Math.max(largestShare, held / total);
      }
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return {
        loadedAt: navigation.loadEventEnd,
        workingFor: ready - start,
        measuredWork: total,
        slices: work.length,
        heartbeats: beats.length,
        longestGap,
        largestShare,
        clicks: page.__clicks,
        ready,
      };
    });
    console.log(
      `[${browserName}] million-node page: loaded at ${run.loadedAt.toFixed(0)} ms, Factlens from its first ` +
        `measure to ready ${run.workingFor.toFixed(0)} ms (${run.measuredWork.toFixed(0)} ms measured in ` +
        `${run.slices} measures), ${run.heartbeats} page heartbeats in between, longest heartbeat gap ` +
        `${run.longestGap.toFixed(0)} ms, largest share of Factlens' work between two heartbeats ` +
        `${(run.largestShare * 100).toFixed(1)}%`,
    );

    // The page's own 20 ms timer kept running while Factlens worked...
    expect(run.heartbeats).toBeGreaterThanOrEqual(20);
    // ...throughout, not only at the end: no stretch without a page callback held more than a
    // fifth of Factlens' work (a walk of the whole page in one task holds about half of it).
    expect(run.largestShare).toBeLessThan(0.2);
    // The click, sent while Factlens was working, was handled before Factlens was done.
    expect(run.clicks).toHaveLength(1);
    expect(run.clicks[0]).toBeLessThan(run.ready);

    // The terms in view are marked, and so are those in view after scrolling far down (the
    // highlights near the viewport are registered as the reader scrolls).
    const top = await termRowsInView(page);
    expect(top.length).toBeGreaterThanOrEqual(1);
    expect(top.map((row) => row.marked)).toEqual(top.map((row) => TERMS_BY_PHRASE[row.phrase]));
    await page.evaluate(() => document.querySelectorAll('i.t')[2500]?.scrollIntoView({ block: 'center' }));
    const farDown = await markedInViewSoon(page);
    expect(farDown.map((row) => row.phrase)).toContain('Ketamine blocks the NMDA receptor');
    expect(farDown.map((row) => row.marked)).toEqual(farDown.map((row) => TERMS_BY_PHRASE[row.phrase]));

    // The page's DOM (without our host, if a card had opened) is as the page left it at load.
    const dom = await page.evaluate(() => {
      const before = (window as unknown as { __domBefore: string }).__domBefore;
      let now = document.documentElement.outerHTML;
      if (document.querySelector('factlens-card')) {
        const clone = document.documentElement.cloneNode(true) as HTMLElement;
        clone.querySelectorAll('factlens-card').forEach((host) => host.remove());
        now = clone.outerHTML;
      }
      let at = 0;
      if (now !== before) while (at < before.length && before[at] === now[at]) at++;
      let nodes = 0;
      const walker = document.createTreeWalker(document.documentElement);
      while (walker.nextNode()) nodes++;
      return {
        nodes,
        length: before.length,
        same: now === before,
        firstDifference: now === before ? '' : `${before.slice(at, at + 80)} | ${now.slice(at, at + 80)}`,
      };
    });
    expect(dom.nodes).toBeGreaterThan(1_000_000);
    expect(dom.firstDifference).toBe('');
    expect(dom.same).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
