/** Name of the CSS highlight; public/content-highlights.css styles `::highlight(factlens-term)`. */
export const HIGHLIGHT_NAME = 'factlens-term';

export interface TermHighlight {
  add(range: Range): void;
  delete(range: Range): void;
  clear(): void;
  /** Unregisters the highlight from the page. */
  dispose(): void;
}

/**
 * Paints ranges with the CSS Custom Highlight API: the page's DOM is not touched. Uses
 * only has/get/set/delete on `CSS.highlights`, since Firefox content scripts cannot iterate it.
 */
export function createTermHighlight(name: string = HIGHLIGHT_NAME): TermHighlight {
  const highlight = new Highlight();
  CSS.highlights.set(name, highlight);
  return {
    add: (range) => void highlight.add(range),
    delete: (range) => void highlight.delete(range),
    clear: () => highlight.clear(),
    dispose: () => {
      highlight.clear();
      if (CSS.highlights.get(name) === highlight) CSS.highlights.delete(name);
    },
  };
}
