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
