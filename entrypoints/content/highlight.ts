import highlightCss from '@/public/content-highlights.css?raw';
import type { HighlightStyle } from '@/utils/settings';

/** Highlight name per style; public/content-highlights.css styles each `::highlight(name)`. */
export const HIGHLIGHT_NAMES: Record<HighlightStyle, string> = {
  underline: 'factlens-term',
  background: 'factlens-term-background',
  none: 'factlens-term-none',
};

export interface TermHighlight {
  add(range: Range): void;
  delete(range: Range): void;
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
 * Document-level ::highlight rules come from manifest CSS (no <style> element); shadow roots
 * do not see those, so they get the same rules as an adopted stylesheet, removed on dispose.
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
      if (styled.includes(root)) return;
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

export interface RangePainter {
  /** Paints `range`, a match in a text node whose parent is `element`. */
  add(element: Element, range: Range): void;
  /** Stops painting `range` (its text left the page or changed). */
  delete(element: Element, range: Range): void;
  dispose(): void;
}

/**
 * Registers ranges with a highlight. Up to VIEWPORT_MODE_AFTER ranges all stay registered;
 * beyond that only the ranges whose element is within a viewport of the visible area are, and
 * more as the reader scrolls (an IntersectionObserver decides). Chromium re-checks every
 * registered range after each DOM change (about 100 ms for 19,000 ranges, TOOLCHAIN.md), so a
 * page with thousands of terms would otherwise stutter on every change.
 */
export function createRangePainter(highlight: TermHighlight): RangePainter {
  const byElement = new Map<Element, Range[]>();
  const near = new Set<Element>();
  let count = 0;
  let observer: IntersectionObserver | undefined;
  const enterViewportMode = () => {
    const watching = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const ranges = byElement.get(entry.target) ?? [];
          if (entry.isIntersecting) {
            near.add(entry.target);
            for (const range of ranges) highlight.add(range);
          } else {
            near.delete(entry.target);
            for (const range of ranges) highlight.delete(range);
          }
        }
      },
      { rootMargin: '100% 0px 100% 0px' },
    );
    for (const element of byElement.keys()) watching.observe(element);
    observer = watching;
  };
  return {
    add(element, range) {
      let ranges = byElement.get(element);
      if (!ranges) {
        ranges = [];
        byElement.set(element, ranges);
        observer?.observe(element);
      }
      ranges.push(range);
      count++;
      if (!observer || near.has(element)) highlight.add(range);
      if (!observer && count > VIEWPORT_MODE_AFTER) enterViewportMode();
    },
    delete(element, range) {
      highlight.delete(range);
      const ranges = byElement.get(element);
      if (!ranges) return;
      const at = ranges.indexOf(range);
      if (at !== -1) {
        ranges.splice(at, 1);
        count--;
      }
      if (ranges.length === 0) {
        byElement.delete(element);
        near.delete(element);
        observer?.unobserve(element);
      }
    },
    dispose() {
      observer?.disconnect();
      byElement.clear();
      near.clear();
    },
  };
}
