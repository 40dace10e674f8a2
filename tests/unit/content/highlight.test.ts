// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installStaticRange } from './static-range';
import {
  createRangePainter,
  CROWDED_ELEMENT,
  VIEWPORT_MODE_AFTER,
  type PaintMark,
  type TermHighlight,
} from '@/entrypoints/content/highlight';

installStaticRange();

// happy-dom lays nothing out and has no IntersectionObserver: a stand-in layout puts line i of
// the page at y = 20 i, less the scroll; the observer's reports are sent by the test.
let LINE = 20;
const HEIGHT = 800;
let scroll = 0;
const lineOf = new Map<Node, number>();
const linesIn = new Map<Element, number>();
const box = (top: number, bottom: number) =>
  ({ top, bottom, left: 0, right: 600, x: 0, y: top, width: 600, height: bottom - top }) as DOMRect;

class ObserverStandIn {
  static last: ObserverStandIn | undefined;
  readonly observed = new Set<Element>();
  constructor(readonly report: IntersectionObserverCallback) {
    ObserverStandIn.last = this;
  }
  observe(element: Element) {
    this.observed.add(element);
  }
  unobserve(element: Element) {
    this.observed.delete(element);
  }
  disconnect() {
    this.observed.clear();
  }
  /** Reports every observed element where the stand-in layout has it now. */
  reportAll() {
    const entries = [...this.observed].map(
      (target) => ({ target, boundingClientRect: target.getBoundingClientRect() }) as IntersectionObserverEntry,
    );
    this.report(entries, this as unknown as IntersectionObserver);
  }
}

/** One element of `lines` lines split by <br>, "Line i on ketamine." each, and its marks. */
function crowdedElement(lines: number): { element: HTMLElement; marks: PaintMark[] } {
  const element = document.createElement('div');
  const marks: PaintMark[] = [];
  for (let i = 0; i < lines; i++) {
    const node = document.createTextNode(`Line ${i} on ketamine.`);
    lineOf.set(node, i);
    element.append(node, document.createElement('br'));
    const start = node.data.indexOf('ketamine');
    marks.push({ node, start, end: start + 'ketamine'.length });
  }
  document.body.append(element);
  linesIn.set(element, lines);
  return { element, marks };
}

/** The lines whose marks are registered now, in order. */
const registeredLines = (registered: Set<AbstractRange>) =>
  [...registered].map((range) => lineOf.get(range.startContainer) as number).sort((a, b) => a - b);

/** Lines first to last, as a list. */
const lines = (first: number, last: number) => Array.from({ length: last - first + 1 }, (_, i) => first + i);

let registered: Set<AbstractRange>;
let highlight: TermHighlight;

beforeEach(() => {
  scroll = 0;
  LINE = 20;
  registered = new Set();
  highlight = {
    add: (range) => void registered.add(range),
    delete: (range) => void registered.delete(range),
    setStyle: () => {},
    styleShadowRoot: () => {},
    dispose: () => registered.clear(),
  };
  vi.stubGlobal('IntersectionObserver', ObserverStandIn);
  vi.stubGlobal('innerHeight', HEIGHT);
  vi.spyOn(Range.prototype, 'getBoundingClientRect').mockImplementation(function (this: Range) {
    const top = (lineOf.get(this.startContainer) as number) * LINE - scroll;
    return box(top, top + 16);
  });
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    return box(-scroll, (linesIn.get(this) ?? 0) * LINE - scroll);
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  document.body.innerHTML = '';
  lineOf.clear();
  linesIn.clear();
});

describe('createRangePainter with an element of thousands of marks', () => {
  it('registers only its marks within a viewport of the visible part, and follows the reader through it', async () => {
    const { element, marks } = crowdedElement(1200);
    const painter = createRangePainter(highlight);
    // A scan down the page: each mark after the one before.
    marks.forEach((mark, i) => painter.add(element, mark, i === 0 ? undefined : element));
    await Promise.resolve();
    // The observer's first report, as a browser sends it for each element it starts observing.
    ObserverStandIn.last?.reportAll();
    // Past VIEWPORT_MODE_AFTER marks the painter limits itself to the viewport; the element is
    // on screen from its first line: lines 0 to 80 lie within one viewport below the visible part.
    expect(marks.length).toBeGreaterThan(VIEWPORT_MODE_AFTER);
    expect(registeredLines(registered)).toEqual(lines(0, 80));

    // The reader scrolls to line 600: the lines from a viewport above to a viewport below.
    scroll = 600 * LINE;
    vi.useFakeTimers();
    try {
      document.dispatchEvent(new Event('scroll'));
      vi.advanceTimersByTime(150);
    } finally {
      vi.useRealTimers();
    }
    expect(registeredLines(registered)).toEqual(lines(560, 680));

    // Scrolled far past it: the observer reports it out of range and nothing of it stays.
    scroll = 500_000;
    ObserverStandIn.last?.reportAll();
    expect(registered.size).toBe(0);
    scroll = 100 * LINE;
    ObserverStandIn.last?.reportAll();
    expect(registeredLines(registered)).toEqual(lines(60, 180));
    painter.dispose();
  });

  it('finds the marks near the viewport when they came out of order (a scan that wrapped round)', async () => {
    const { element, marks } = crowdedElement(1000);
    const painter = createRangePainter(highlight);
    // From line 500 to the end, then from the top: the order a scan starting mid-page gives.
    const wrapped = [...marks.slice(500), ...marks.slice(0, 500)];
    wrapped.forEach((mark, i) => painter.add(element, mark, i === 0 || i === 500 ? undefined : element));
    await Promise.resolve();
    expect(registeredLines(registered)).toEqual(lines(0, 80));
    painter.dispose();
  });

  it('keeps up with a scan that paints it slice by slice', async () => {
    // Lines 2 px apart: a viewport below the visible part holds lines 0 to 800.
    LINE = 2;
    const { element, marks } = crowdedElement(1200);
    const painter = createRangePainter(highlight);
    for (const [from, to] of [
      [0, 500],
      [500, 700],
      [700, 1000],
      [1000, 1200],
    ] as const) {
      for (let i = from; i < to; i++) painter.add(element, marks[i] as PaintMark, i === 0 ? undefined : element);
      await Promise.resolve();
      if (from === 0) ObserverStandIn.last?.reportAll();
      expect(registeredLines(registered)).toEqual(lines(0, Math.min(to - 1, 800)));
    }
    painter.dispose();
  });

  it('keeps registering every mark of an element with few of them', async () => {
    // Ten elements of CROWDED_ELEMENT marks each: viewport mode, no crowded element; all on
    // screen (the stand-in puts every element at the top).
    const painter = createRangePainter(highlight);
    let count = 0;
    for (let e = 0; e < 10; e++) {
      const { element, marks } = crowdedElement(CROWDED_ELEMENT);
      marks.forEach((mark) => painter.add(element, mark));
      count += marks.length;
    }
    await Promise.resolve();
    ObserverStandIn.last?.reportAll();
    expect(count).toBeGreaterThan(VIEWPORT_MODE_AFTER);
    expect(registered.size).toBe(count);
    painter.dispose();
  });
});
