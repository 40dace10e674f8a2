import type { FindOptions } from '@/utils/find-terms';
import type { TermIndex } from '@/utils/term-index';
import { annotatePage, type MatchStore } from './annotate-page';
import type { CardHost } from './card-host';
import { createTermHighlight } from './highlight';
import { hitTest } from './hit-test';
import { watchHoverIntent, type HoverIntent } from './hover-intent';

export interface PageSessionOptions {
  doc: Document;
  index: TermIndex;
  card: CardHost;
  /** Fuzzy matching and the context rule, as the settings say. */
  find: FindOptions;
}

export interface PageSession {
  /** Marks the page and listens for hovers. Does nothing when already on. */
  start(): void;
  /** Removes every highlight and listener and closes the card. */
  stop(): void;
  /** Applies new matching options: marks the page again if it is on. */
  update(find: FindOptions): void;
  /** Forwarded from the card so the pointer can travel into it. */
  readonly hover: HoverIntent;
}

/**
 * Factlens on one page, switched on and off as a whole: each start is one AbortController,
 * and aborting it undoes everything that start did.
 */
export function createPageSession(options: PageSessionOptions): PageSession {
  const { doc, index, card } = options;
  let find = { ...options.find };
  let controller: AbortController | undefined;
  let intent: HoverIntent | undefined;

  const start = () => {
    if (controller) return;
    const current = new AbortController();
    controller = current;
    const { signal } = current;
    const store: MatchStore = new Map();
    const highlight = createTermHighlight();
    signal.addEventListener('abort', () => {
      card.hide();
      highlight.dispose();
      store.clear();
    });
    intent = watchHoverIntent({
      target: doc,
      signal,
      find: (x, y) => hitTest(doc, store, x, y),
      isInsideCard: (event) => event.composedPath().includes(card.hostElement),
      open: (match) => {
        const entry = index.entries.get(match.entryId);
        if (entry) card.show(match, entry);
      },
      close: () => card.hide(),
      current: () => card.current,
    });
    void annotatePage({
      root: doc.body,
      index,
      highlight,
      store,
      signal,
      find,
      exclude: (element) => element === card.hostElement,
    });
  };

  const stop = () => {
    controller?.abort();
    controller = undefined;
    intent = undefined;
  };

  return {
    start,
    stop,
    update(next) {
      find = { ...find, ...next };
      if (controller) {
        stop();
        start();
      }
    },
    hover: {
      enterCard: () => intent?.enterCard(),
      leaveCard: () => intent?.leaveCard(),
    },
  };
}
