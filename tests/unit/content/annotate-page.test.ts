// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installStaticRange, rangeText } from './static-range';
import { annotatePage, type MatchStore } from '@/entrypoints/content/annotate-page';
import { createRangePainter, rangeOf, type RangePainter, type TermHighlight } from '@/entrypoints/content/highlight';
import { collectTextNodes } from '@/entrypoints/content/scan-text';
import { matchTerms } from '@/utils/match-terms';
import { compileTermIndex } from '@/utils/term-index';
import { makeEntry } from '../helpers';
import { createFuseScorer } from '@/utils/fuse-scorer';

installStaticRange();

function fakeHighlight(): Pick<RangePainter, 'add' | 'delete'> & { ranges: Set<AbstractRange> } {
  const ranges = new Set<AbstractRange>();
  return {
    ranges,
    add: (_element, mark) => void ranges.add(rangeOf(mark)),
    delete: (_element, mark) => void (mark.range && ranges.delete(mark.range)),
  };
}

const index = compileTermIndex(
  [
    makeEntry('ketamine', ['ketamine']),
    makeEntry('glutamate', ['glutamate']),
    makeEntry('tms', [{ text: 'TMS', abbreviation: true, ambiguous: true }]),
  ],
  { scorer: createFuseScorer() },
);

function annotate(extra: Partial<Parameters<typeof annotatePage>[0]> = {}) {
  const highlight = fakeHighlight();
  const store: MatchStore = new Map();
  const result = annotatePage({
    nodes: collectTextNodes(document.body),
    local: { index, match: matchTerms },
    painter: highlight,
    store,
    signal: new AbortController().signal,
    find: { context: true },
    ...extra,
  });
  return { highlight, store, result };
}

afterEach(() => {
  document.body.innerHTML = '';
  performance.clearMarks();
});

describe('annotatePage', () => {
  it('paints a scan down the page without asking the DOM where each element is, and asks once the order is unknown', async () => {
    // Flat, as on a page of thousands of paragraphs, with a term inside an inline element.
    document.body.innerHTML = Array.from(
      { length: 40 },
      (_, i) => `<p>Paragraph ${i} names ketamine, <em>glutamate</em> and ketamine.</p>`,
    ).join('');
    const registered = new Set<AbstractRange>();
    const highlight: TermHighlight = {
      add: (range) => void registered.add(range),
      delete: (range) => void registered.delete(range),
      setStyle: () => {},
      styleShadowRoot: () => {},
      dispose: () => registered.clear(),
    };
    const painter = createRangePainter(highlight);
    const asked = vi.spyOn(Node.prototype, 'compareDocumentPosition');
    try {
      const { result } = annotate({ painter });
      expect(await result).toBe(120);
      expect(registered.size).toBe(120);
      expect(asked).not.toHaveBeenCalled();
      // A later scan (new content) starts with no previous element of its own.
      document.body.insertAdjacentHTML('beforeend', '<p id="new">More ketamine.</p>');
      const added = await annotate({ painter, nodes: collectTextNodes(document.getElementById('new') as Element) })
        .result;
      expect(added).toBe(1);
      expect(asked).toHaveBeenCalledTimes(1);
      expect(registered.size).toBe(121);
    } finally {
      asked.mockRestore();
      painter.dispose();
    }
  });

  it('paints a range over each term and leaves the DOM as it was', async () => {
    document.body.innerHTML =
      '<p>Ketamine <em>and</em> glutamate.</p><p>Then ketamine again.</p><textarea>ketamine</textarea>';
    const before = document.body.innerHTML;
    const { highlight, store, result } = annotate();
    expect(await result).toBe(3);
    expect([...highlight.ranges].map((r) => rangeText(r))).toEqual(['Ketamine', 'glutamate', 'ketamine']);
    expect(document.body.innerHTML).toBe(before);
    expect([...store.values()].flat().map((m) => m.entryId)).toEqual(['ketamine', 'glutamate', 'ketamine']);
  });

  it('paints ambiguous aliases only after the whole scan, where the page supports them', async () => {
    document.body.innerHTML = '<p>TMS</p><p>is tried after ketamine and glutamate studies.</p>';
    const { highlight, result } = annotate();
    expect(await result).toBe(3);
    expect([...highlight.ranges].map((r) => rangeText(r))).toEqual(['ketamine', 'glutamate', 'TMS']);
    document.body.innerHTML = '<p>Our TMS ships freight.</p>';
    const other = annotate();
    expect(await other.result).toBe(0);
  });

  it('leaves matches unpainted when the display rule says so (first occurrence only)', async () => {
    document.body.innerHTML = '<p>ketamine, ketamine and glutamate, ketamine</p>';
    const seen = new Set<string>();
    const { highlight, result } = annotate({
      shouldPaint: (m) => !seen.has(m.entryId) && Boolean(seen.add(m.entryId)),
    });
    expect(await result).toBe(2);
    expect([...highlight.ranges].map((r) => rangeText(r))).toEqual(['ketamine', 'glutamate']);
  });

  it('marks factlens:ready with the number of matches and where the nodes were matched when asked', async () => {
    document.body.innerHTML = '<p>ketamine, ketamine</p>';
    await annotate({ markReady: true }).result;
    const [ready] = performance.getEntriesByName('factlens:ready') as PerformanceMark[];
    expect(ready?.detail).toEqual({ matches: 2, nodes: { inBackground: 0, onPage: 1 } });
    expect(performance.getEntriesByName('factlens:scan').length).toBeGreaterThan(0);
  });

  it('stops between slices when aborted and does not mark ready', async () => {
    document.body.innerHTML = Array.from({ length: 2000 }, () => '<p>ketamine</p>').join('');
    const controller = new AbortController();
    const { highlight, result } = annotate({ signal: controller.signal, sliceMs: 0, markReady: true });
    controller.abort();
    expect(await result).toBe(-1);
    expect(highlight.ranges.size).toBeLessThan(2000);
    expect(performance.getEntriesByName('factlens:ready')).toHaveLength(0);
  });
});
