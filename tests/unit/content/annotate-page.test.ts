// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { annotatePage, type MatchStore } from '@/entrypoints/content/annotate-page';
import type { TermHighlight } from '@/entrypoints/content/highlight';
import { compileTermIndex } from '@/utils/term-index';
import { makeEntry } from '../helpers';

function fakeHighlight(): TermHighlight & { ranges: Set<Range> } {
  const ranges = new Set<Range>();
  return {
    ranges,
    add: (range) => void ranges.add(range),
    delete: (range) => void ranges.delete(range),
    clear: () => ranges.clear(),
    dispose: () => ranges.clear(),
  };
}

const index = compileTermIndex([
  makeEntry('ketamine', ['ketamine']),
  makeEntry('tms', [{ text: 'TMS', abbreviation: true }]),
]);

afterEach(() => {
  document.body.innerHTML = '';
  performance.clearMarks();
});

describe('annotatePage', () => {
  it('paints a range over each term and leaves the DOM as it was', async () => {
    document.body.innerHTML =
      '<p>Ketamine <em>and</em> TMS.</p><p>Then ketamine again.</p><textarea>ketamine</textarea>';
    const before = document.body.innerHTML;
    const highlight = fakeHighlight();
    const store: MatchStore = new Map();
    const count = await annotatePage({
      root: document.body,
      index,
      highlight,
      store,
      signal: new AbortController().signal,
    });
    expect(count).toBe(3);
    expect([...highlight.ranges].map((r) => r.toString())).toEqual(['Ketamine', 'TMS', 'ketamine']);
    expect(document.body.innerHTML).toBe(before);
    expect([...store.values()].flat().map((m) => m.entryId)).toEqual(['ketamine', 'tms', 'ketamine']);
  });

  it('marks factlens:ready with the number of matches when done', async () => {
    document.body.innerHTML = '<p>ketamine, ketamine</p>';
    await annotatePage({
      root: document.body,
      index,
      highlight: fakeHighlight(),
      store: new Map(),
      signal: new AbortController().signal,
    });
    const [ready] = performance.getEntriesByName('factlens:ready') as PerformanceMark[];
    expect(ready?.detail).toEqual({ matches: 2 });
    expect(performance.getEntriesByName('factlens:scan').length).toBeGreaterThan(0);
  });

  it('stops between slices when aborted and does not mark ready', async () => {
    document.body.innerHTML = Array.from({ length: 2000 }, () => '<p>ketamine</p>').join('');
    const controller = new AbortController();
    const highlight = fakeHighlight();
    const pending = annotatePage({
      root: document.body,
      index,
      highlight,
      store: new Map(),
      signal: controller.signal,
      sliceMs: 0,
    });
    controller.abort();
    expect(await pending).toBe(-1);
    expect(highlight.ranges.size).toBeLessThan(2000);
    expect(performance.getEntriesByName('factlens:ready')).toHaveLength(0);
  });
});
