import highlightCss from '@/public/content-highlights.css?raw';
import type { HighlightStyle } from '@/utils/settings';

/**
 * Highlight name per style; public/content-highlights.css styles each `::highlight(name)`. The
 * default style's is `factlens-term`.
 */
export const HIGHLIGHT_NAMES: Record<HighlightStyle, string> = {
  background: 'factlens-term',
  underline: 'factlens-term-underline',
  none: 'factlens-term-none',
};

export interface TermHighlight {
  add(range: AbstractRange): void;
  delete(range: AbstractRange): void;
  /** Repaints every range in another style, without scanning again. */
  setStyle(style: HighlightStyle): void;
  /** Lets the page's ::highlight rules reach text inside an open shadow root. */
  styleShadowRoot(root: ShadowRoot): void;
  /** Unregisters the highlight and the shadow-root styles. */
  dispose(): void;
}

/**
 * Paints ranges with the CSS Custom Highlight API: the page's DOM is not touched. Uses only
 * has/get/set/delete on `CSS.highlights`, since Firefox content scripts cannot iterate it.
 * Document-level ::highlight rules come from manifest CSS (no <style> element). In Chrome they
 * sit on the root, and highlight inheritance carries them into open shadow roots too. Firefox
 * inherits no highlight styles and its document rules do not reach into shadow roots, so there
 * each shadow root gets the rules as an adopted stylesheet, removed on dispose.
 */
export function createTermHighlight(style: HighlightStyle): TermHighlight {
  const highlight = new Highlight();
  let name = HIGHLIGHT_NAMES[style];
  CSS.highlights.set(name, highlight);
  const styled: ShadowRoot[] = [];
  let sheet: CSSStyleSheet | undefined;
  return {
    add: (range) => void highlight.add(range),
    delete: (range) => void highlight.delete(range),
    setStyle(next) {
      if (CSS.highlights.get(name) === highlight) CSS.highlights.delete(name);
      name = HIGHLIGHT_NAMES[next];
      CSS.highlights.set(name, highlight);
    },
    styleShadowRoot(root) {
      if (!import.meta.env.FIREFOX || styled.includes(root)) return;
      try {
        sheet ??= new CSSStyleSheet();
        if (sheet.cssRules.length === 0) sheet.replaceSync(highlightCss);
        root.adoptedStyleSheets.push(sheet);
        styled.push(root);
      } catch {
        // A page that locks its shadow roots' styles keeps them; its text stays unstyled.
      }
    },
    dispose() {
      highlight.clear();
      if (CSS.highlights.get(name) === highlight) CSS.highlights.delete(name);
      for (const root of styled) {
        const index = sheet ? root.adoptedStyleSheets.indexOf(sheet) : -1;
        if (index !== -1) root.adoptedStyleSheets.splice(index, 1);
      }
      styled.length = 0;
    },
  };
}

/** Ranges a page may have painted at once before only those near the viewport stay registered. */
export const VIEWPORT_MODE_AFTER = 400;

/**
 * A page this large (in text nodes or characters of text) has only the ranges near the viewport
 * registered from its first match: there the frame that first paints 400 ranges cost 55 to 95 ms
 * (Paint and Commit of a page of 75,000 text nodes), against no frame over 50 ms this way.
 */
export const LARGE_PAGE = { nodes: 20_000, characters: 500_000 };

/** A crowded element's registered marks, and its last bisection: marks[first, end) of the `known` first ones, at `scrollY`. */
interface Nearby {
  marks: Set<PaintMark>;
  first: number;
  end: number;
  known: number;
  scrollY: number;
}

/** A crowded element's registered `marks`, with no bisection to go on from (the next is a whole one). */
const unplaced = (marks: Set<PaintMark>): Nearby => ({ marks, first: 0, end: 0, known: 0, scrollY: Number.NaN });

/** Whether a page of `texts` is a LARGE_PAGE. */
export function isLargePage(texts: readonly string[]): boolean {
  return largePageWatch()(texts);
}

/**
 * isLargePage for texts that grow (a walk that goes on while matching): each call reads only
 * the texts added since the last, and once true it stays true.
 */
export function largePageWatch(): (texts: readonly string[]) => boolean {
  let read = 0;
  let characters = 0;
  return (texts) => {
    if (texts.length >= LARGE_PAGE.nodes) return true;
    for (; read < texts.length && characters < LARGE_PAGE.characters; read++)
      characters += (texts[read] as string).length;
    return characters >= LARGE_PAGE.characters;
  };
}

/** A match to paint: [start, end) in `node`. */
export interface PaintMark {
  node: Text;
  start: number;
  end: number;
  /**
   * Its StaticRange, made the first time it is registered (near the viewport): on a page of
   * thousands of terms most are never near, and making a range for each cost tens of ms.
   */
  range?: AbstractRange;
}

/**
 * The range that paints `mark`, made once. A StaticRange: the page's edits do not move it. The
 * browser updates every live Range on each DOM change, so thousands of them would slow every
 * change the page makes (measured: 5,000 text changes under 20,000 live ranges take about 5 s,
 * 6 ms under static ones). An edited node's marks are dropped as the edit is observed.
 */
export function rangeOf(mark: PaintMark): AbstractRange {
  return (mark.range ??= new StaticRange({
    startContainer: mark.node,
    startOffset: mark.start,
    endContainer: mark.node,
    endOffset: mark.end,
  }));
}

export interface RangePainter {
  /**
   * Paints `mark`, a match in a text node whose parent is `element`. `after`: the element of the
   * caller's previous mark, when the caller knows this mark's text comes after that one's in
   * document order (a scan going down the page), so the painter need not ask the DOM.
   */
  add(element: Element, mark: PaintMark, after?: Element): void;
  /** Stops painting `mark` (its text left the page or changed). */
  delete(element: Element, mark: PaintMark): void;
  /** Keeps only the ranges near the viewport registered from now on, as after VIEWPORT_MODE_AFTER. */
  limitToViewport(): void;
  dispose(): void;
}

/** The text node at viewport point (x, y), if any. */
function caretNode(doc: Document, x: number, y: number): Node | undefined {
  if (typeof doc.caretPositionFromPoint === 'function') return doc.caretPositionFromPoint(x, y)?.offsetNode;
  return doc.caretRangeFromPoint?.(x, y)?.startContainer;
}

/** After a scroll, the walk from the middle of the viewport stops at this many painted elements each way. */
const NEARBY_PAINTED = 8;
/** ...or after this many elements each way. */
const NEARBY_ELEMENTS = 5000;

/** Painted elements per group in viewport mode: one group is two observed elements. */
const GROUP_SIZE = 32;

/**
 * In viewport mode, an element with more marks than this (one long text, or text split by
 * `<br>`s) has only its marks near the viewport registered, not all of them with its group:
 * the 6 MB benchmark page's text in one element made each frame after any change the page
 * made about 70 ms longer (Chromium re-checks every registered range).
 */
export const CROWDED_ELEMENT = 64;

/** At most this many marks of a crowded element are registered at once (a bound, should its boxes say nothing useful). */
const CROWDED_SHOWN = 1000;

/**
 * Sorts one element's marks into document order. Each mark's text node is a child of the
 * element (or of its shadow root): ordered by index among those children, counted once, since
 * compareDocumentPosition between siblings scans the siblings (1.3 s for the marks of one flat
 * element of 12,000 lines).
 */
function sortMarks(marks: PaintMark[]): void {
  const position = new Map<Node, number>();
  let next = 0;
  for (const { node } of marks) {
    const parent = node.parentNode;
    if (!parent || position.has(node)) continue;
    const children = parent.childNodes;
    for (let i = 0; i < children.length; i++) position.set(children[i] as Node, next++);
  }
  marks.sort((a, b) =>
    a.node === b.node ? a.start - b.start : (position.get(a.node) ?? -1) - (position.get(b.node) ?? -1),
  );
}

/**
 * A run of painted elements in document order; only its first and last are observed. The run
 * is near the viewport when the band from its first to its last element meets the band
 * around the viewport.
 */
interface Group {
  elements: Element[];
  near: boolean;
  /** The element observed as the run's last end (it lags behind while the run grows). */
  lastEnd: Element;
}

/**
 * Registers ranges with a highlight. Up to VIEWPORT_MODE_AFTER ranges all stay registered;
 * beyond that only the ranges of elements within a viewport of the visible area are, and
 * more as the reader scrolls. Chromium re-checks every registered range after each DOM change
 * (about 100 ms for 19,000 ranges, TOOLCHAIN.md), so a page with thousands of terms would
 * otherwise stutter on every change. An IntersectionObserver decides, over runs of
 * GROUP_SIZE painted elements in document order of which only the two ends are observed: its
 * work each frame grows with the observed elements, which one per element made a long task
 * on pages of thousands of terms.
 */
export function createRangePainter(highlight: TermHighlight): RangePainter {
  const byElement = new Map<Element, PaintMark[]>();
  const groupOf = new Map<Element, Group>();
  /** Groups by observed end element (an element can end one group and start the next). */
  const ends = new Map<Element, Group[]>();
  let open: Group | undefined;
  let count = 0;
  let observer: IntersectionObserver | undefined;
  let stopScrollCheck: (() => void) | undefined;

  /** Groups near the viewport, once in viewport mode. */
  const nearGroups = new Set<Group>();
  const setNear = (group: Group, near: boolean) => {
    if (near) nearGroups.add(group);
    else nearGroups.delete(group);
    if (group.near === near) return;
    group.near = near;
    for (const element of group.elements) {
      if (shown.has(element)) {
        if (near) showNearby(element);
        else hideAll(element);
        continue;
      }
      for (const mark of byElement.get(element) ?? []) {
        if (near) highlight.add(rangeOf(mark));
        else if (mark.range) highlight.delete(mark.range);
      }
    }
  };

  /**
   * Crowded elements (more than CROWDED_ELEMENT marks, in viewport mode): the marks registered
   * now. Their marks are kept in document order, so the ones near the viewport are a run found
   * by bisection over their boxes.
   */
  const shown = new Map<Element, Nearby>();
  /** Crowded elements whose marks came out of document order (a scan wrapping round, new text). */
  const unsorted = new Set<Element>();
  const hideAll = (element: Element) => {
    for (const mark of shown.get(element)?.marks ?? []) if (mark.range) highlight.delete(mark.range);
    shown.set(element, unplaced(new Set()));
  };
  /**
   * Registers the crowded element's marks within a viewport above and below the visible area,
   * and only those. With `grown`, after marks were added behind the others: when the last
   * bisection's run stopped before the end at the same scroll position, the new marks lie
   * beyond it too, and no box is asked for (each costs about 0.4 ms in a text of megabytes).
   */
  const showNearby = (element: Element, grown = false) => {
    const marks = byElement.get(element);
    const state = shown.get(element);
    if (!marks || !state) return;
    if (unsorted.delete(element)) {
      sortMarks(marks);
      grown = false;
    }
    grown &&= state.scrollY === window.scrollY;
    if (grown && state.end < state.known) {
      state.known = marks.length;
      return;
    }
    const probe = document.createRange();
    const box = (mark: PaintMark): DOMRect | undefined => {
      if (!mark.node.isConnected || mark.end > mark.node.length) return undefined;
      probe.setStart(mark.node, mark.start);
      probe.setEnd(mark.node, mark.end);
      return probe.getBoundingClientRect();
    };
    const height = window.innerHeight;
    // The first mark whose box reaches below the band's top, then the first starting below its
    // bottom; after growth, from where the last bisection left off.
    let low = grown ? (state.first < state.known ? state.first : state.known) : 0;
    let high = grown && state.first < state.known ? low : marks.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((box(marks[mid] as PaintMark)?.bottom ?? 0) < -height) low = mid + 1;
      else high = mid;
    }
    const first = low;
    if (grown) low = Math.max(first, state.end);
    high = marks.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((box(marks[mid] as PaintMark)?.top ?? 0) <= 2 * height) low = mid + 1;
      else high = mid;
    }
    const current = state.marks;
    const next = new Set(marks.slice(first, Math.min(low, first + CROWDED_SHOWN)));
    for (const mark of current) if (!next.has(mark) && mark.range) highlight.delete(mark.range);
    for (const mark of next) if (!current.has(mark)) highlight.add(rangeOf(mark));
    shown.set(element, { marks: next, first, end: low, known: marks.length, scrollY: window.scrollY });
  };
  /** Makes `element` crowded: from now on only its marks near the viewport stay registered. */
  const crowd = (element: Element, marks: readonly PaintMark[]) => {
    // Until now its marks were all registered while its group was near.
    const near = groupOf.get(element)?.near !== false;
    shown.set(element, unplaced(new Set(near ? marks : [])));
    unsorted.add(element);
    if (near) showNearby(element);
  };
  /** Crowded elements with marks added since their last showNearby, done once per slice of painting. */
  const grown = new Set<Element>();
  const showGrown = () => {
    const started = performance.now();
    for (const element of grown) if (groupOf.get(element)?.near !== false) showNearby(element, true);
    grown.clear();
    performance.measure('factlens:paint', { start: started, end: performance.now() });
  };
  /**
   * Counts the adds that continued the caller's run (each naming the one before as `after`):
   * a crowded element's mark added while the count is still the one of its previous mark came
   * after that mark in document order.
   */
  let run = 0;
  const runOf = new Map<Element, number>();
  /** After a scroll or a report of the observer: crowded elements of near groups follow the viewport within them. */
  const followViewport = () => {
    for (const group of nearGroups) for (const element of group.elements) if (shown.has(element)) showNearby(element);
  };
  const watchEnd = (element: Element, group: Group) => {
    const list = ends.get(element);
    if (list) list.push(group);
    else {
      ends.set(element, [group]);
      observer?.observe(element);
    }
  };
  /**
   * Observes the open group's real last element in place of the one observed so far. A growing
   * group moves its end once per slice of painting (a microtask), not once per element: an
   * unobserve and an observe for each painted element cost tens of ms on pages of thousands.
   */
  const settleEnd = (group: Group) => {
    const last = group.elements[group.elements.length - 1];
    if (!last || last === group.lastEnd) return;
    if (group.lastEnd !== group.elements[0]) unwatchEnd(group.lastEnd, group);
    group.lastEnd = last;
    if (!ends.get(last)?.includes(group)) watchEnd(last, group);
  };
  let settling = false;
  /** The element of the last add. */
  let lastAdded: Element | undefined;
  /**
   * Whether the adds since the open group's last element was placed all continued one caller's
   * run down the page (each naming the one before as `after`): a new element's text then comes
   * after that last element's.
   */
  let inRun = false;
  /**
   * Puts a newly painted element into the open group, or starts a group with it. A run's ranges
   * lie between its ends' boxes as long as their text comes in document order, which the
   * caller's run vouches for (`known`); else the DOM is asked (a binding call of about a
   * microsecond, for each of the thousands of elements of a large page).
   */
  const place = (element: Element, known: boolean) => {
    const last = open?.elements[open.elements.length - 1];
    const follows =
      open !== undefined &&
      open.elements.length < GROUP_SIZE &&
      last !== undefined &&
      (known || (last.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0);
    if (open && follows) {
      open.elements.push(element);
      groupOf.set(element, open);
      if (!settling) {
        settling = true;
        queueMicrotask(() => {
          settling = false;
          if (open) settleEnd(open);
        });
      }
      return;
    }
    if (open) settleEnd(open);
    // A new group starts near, as painting does outside viewport mode, until observed.
    open = { elements: [element], near: observer === undefined, lastEnd: element };
    groupOf.set(element, open);
    watchEnd(element, open);
  };

  const unwatchEnd = (element: Element, group: Group) => {
    const list = ends.get(element);
    if (!list) return;
    list.splice(list.indexOf(group), 1);
    if (list.length > 0) return;
    ends.delete(element);
    observer?.unobserve(element);
  };
  /** An element without ranges leaves its group; an end's neighbour becomes the new end. */
  const leave = (element: Element) => {
    inRun = false;
    byElement.delete(element);
    shown.delete(element);
    unsorted.delete(element);
    grown.delete(element);
    runOf.delete(element);
    const group = groupOf.get(element);
    groupOf.delete(element);
    if (!group) return;
    settleEnd(group);
    const { elements } = group;
    const at = elements.indexOf(element);
    const wasEnd = at === 0 || at === elements.length - 1;
    if (wasEnd) unwatchEnd(element, group);
    elements.splice(at, 1);
    if (elements.length === 0) {
      if (open === group) open = undefined;
      nearGroups.delete(group);
      return;
    }
    if (!wasEnd) return;
    // The observer reports the new end as soon as it watches it.
    const end = at === 0 ? (elements[0] as Element) : (elements[elements.length - 1] as Element);
    if (at !== 0) group.lastEnd = end;
    if (!ends.get(end)?.includes(group)) watchEnd(end, group);
  };

  /**
   * Whether the run's span meets the band of one viewport above and below the visible area,
   * from the ends' boxes now: an end can jump from below the band to above it (a long scroll)
   * with no report in between, so stored positions would go stale.
   */
  const isNear = ({ elements }: Group, reported?: Map<Element, DOMRectReadOnly>): boolean => {
    const firstElement = elements[0] as Element;
    const lastElement = elements[elements.length - 1] as Element;
    const first = reported?.get(firstElement) ?? firstElement.getBoundingClientRect();
    const last =
      lastElement === firstElement ? first : (reported?.get(lastElement) ?? lastElement.getBoundingClientRect());
    const height = window.innerHeight;
    return Math.min(first.top, last.top) <= 2 * height && Math.max(first.bottom, last.bottom) >= -height;
  };
  /**
   * After a scroll: a run whose span holds the middle of the viewport while both its ends lie
   * outside the band (a jump into a long run) had no end cross the band, so no report. Its
   * elements are the painted ones nearest the middle: the walk goes out from the middle to the
   * first few painted elements on each side (runs can overlap) and checks their runs. (Sorting
   * runs by document position instead costs a sibling scan per comparison on flat pages.)
   */
  const checkAfterScroll = () => {
    const started = performance.now();
    const middle = caretNode(document, window.innerWidth / 2, window.innerHeight / 2);
    if (middle) {
      const around = new Set<Group>();
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT);
      for (const forward of [true, false]) {
        walker.currentNode = middle;
        let painted = 0;
        for (let steps = 0; steps < NEARBY_ELEMENTS && painted < NEARBY_PAINTED; steps++) {
          const element = (forward ? walker.nextNode() : walker.previousNode()) as Element | null;
          if (!element) break;
          const group = groupOf.get(element);
          if (!group) continue;
          around.add(group);
          painted++;
        }
      }
      for (const group of around) setNear(group, isNear(group));
    }
    for (const group of [...nearGroups]) setNear(group, group.elements.length > 0 && isNear(group));
    followViewport();
    performance.measure('factlens:paint', { start: started, end: performance.now() });
  };
  const watchScrolling = () => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onScroll = () => {
      clearTimeout(timer);
      timer = setTimeout(checkAfterScroll, 100);
    };
    // Scroll events do not bubble; capturing on the document sees those of inner scrollers too.
    document.addEventListener('scroll', onScroll, { capture: true, passive: true });
    stopScrollCheck = () => {
      clearTimeout(timer);
      document.removeEventListener('scroll', onScroll, { capture: true });
    };
  };

  const enterViewportMode = () => {
    observer = new IntersectionObserver(
      (entries) => {
        const started = performance.now();
        // The runs whose ends crossed the band, and those near until now (a run taller than
        // the band has no end in it while the reader is inside it).
        const check = new Set<Group>();
        // The boxes the observer just measured: most runs reported here are new, with both ends
        // observed in the same frame, and need no layout query of their own.
        const reported = new Map<Element, DOMRectReadOnly>();
        for (const entry of entries) {
          reported.set(entry.target, entry.boundingClientRect);
          for (const group of ends.get(entry.target) ?? []) check.add(group);
        }
        for (const group of nearGroups) check.add(group);
        for (const group of check) if (group.elements.length > 0) setNear(group, isNear(group, reported));
        followViewport();
        performance.measure('factlens:paint', { start: started, end: performance.now() });
      },
      { rootMargin: '100% 0px 100% 0px' },
    );
    for (const element of ends.keys()) observer.observe(element);
    for (const [element, marks] of byElement) if (marks.length > CROWDED_ELEMENT) crowd(element, marks);
    watchScrolling();
  };

  return {
    add(element, mark, after) {
      const continues = after !== undefined && after === lastAdded;
      if (!continues) run++;
      inRun &&= continues;
      lastAdded = element;
      let marks = byElement.get(element);
      if (!marks) {
        marks = [];
        byElement.set(element, marks);
        place(element, inRun);
        inRun = true;
      }
      marks.push(mark);
      count++;
      // Only in viewport mode are there crowded elements: no lookup for a page of few terms.
      const crowded = observer && shown.get(element);
      if (crowded) {
        // Put in its place by the next showNearby, once per slice of painting.
        const last = marks[marks.length - 2] as PaintMark;
        if (last.node === mark.node ? mark.start < last.start : runOf.get(element) !== run) unsorted.add(element);
        runOf.set(element, run);
        if (grown.size === 0) queueMicrotask(showGrown);
        grown.add(element);
      } else if (groupOf.get(element)?.near !== false) highlight.add(rangeOf(mark));
      if (!observer && count > VIEWPORT_MODE_AFTER) enterViewportMode();
      else if (observer && !crowded && marks.length > CROWDED_ELEMENT) crowd(element, marks);
    },
    delete(element, mark) {
      if (mark.range) highlight.delete(mark.range);
      const crowded = shown.get(element);
      if (crowded) {
        crowded.marks.delete(mark);
        // The indices of its last bisection no longer hold.
        crowded.scrollY = Number.NaN;
      }
      const marks = byElement.get(element);
      if (!marks) return;
      const at = marks.indexOf(mark);
      if (at !== -1) {
        marks.splice(at, 1);
        count--;
      }
      if (marks.length === 0) leave(element);
    },
    limitToViewport() {
      if (!observer) enterViewportMode();
    },
    dispose() {
      observer?.disconnect();
      stopScrollCheck?.();
      byElement.clear();
      shown.clear();
      unsorted.clear();
      grown.clear();
      runOf.clear();
      groupOf.clear();
      ends.clear();
      nearGroups.clear();
      open = undefined;
      lastAdded = undefined;
      inRun = false;
    },
  };
}
