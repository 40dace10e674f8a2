import type { FindOptions } from '@/utils/find-terms';
import { t } from '@/utils/i18n';
import type { Category } from '@/data/types';
import type { Direction, PageTerm } from '@/utils/messages';
import type { Density, HighlightStyle } from '@/utils/settings';
import type { TermSummary } from '@/data/types';
import { annotatePage, type MatchStore, type PageMatcher, type PaintedMatch } from './annotate-page';
import type { CardHost } from './card-host';
import { compareComposed } from './document-order';
import {
  createRangePainter,
  createTermHighlight,
  isLargePage,
  largePageWatch,
  type RangePainter,
  type TermHighlight,
} from './highlight';
import { hitTest } from './hit-test';
import { watchHoverIntent, type HoverIntent } from './hover-intent';
import { createTextCollector, yieldToPage, type TextCollector } from './scan-text';

import { watchMutations, type MutationBatch } from './watch-mutations';
import { createRemoteMatcher, type ClientPort } from './remote-matcher';

/** Main-thread budget of one slice of work before yielding to the page. */
const SLICE_MS = 8;
/** A page whose walk has collected this many text nodes and is not done is taken for a large one. */
const EARLY_LARGE_NODES = 2048;

/** The terms a page is marked with, and the matcher for matching them on the page. */
export interface PageTerms {
  entries: ReadonlyMap<string, TermSummary>;
  /** Loads the page's own matcher (only when the background cannot match). */
  local: () => Promise<PageMatcher>;
}

/** What the settings say about marking this page. */
export interface SessionConfig {
  /** The terms: the bundled set and enabled custom packs. */
  terms: PageTerms;
  find: FindOptions;
  skipCode: boolean;
  density: Density;
  highlightStyle: HighlightStyle;
  hoverDelayMs: number;
  hiddenCategories: readonly Category[];
}

export interface PageSessionOptions {
  doc: Document;
  card: CardHost;
  config: SessionConfig;
  /** Called with the number of marked terms whenever it changes (the toolbar badge). */
  onCount?: (count: number) => void;
  /**
   * Opens the port to the background's matcher (utils/match-protocol.ts); without it, or when
   * the background cannot answer, the page's text is matched on the page.
   */
  connectMatcher?: () => ClientPort;
}

export interface PageSession {
  /** Marks the page and listens for hovers, taps and changes. Does nothing when already on. */
  start(): void;
  /** Removes every highlight and listener and closes the card. */
  stop(): void;
  /** Applies changed settings: repaints, or marks the page again when matching changed. */
  update(config: Partial<SessionConfig>): void;
  /** Keyboard path: scrolls to the next or previous marked term, opens its card, announces it. */
  move(direction: Direction): void;
  /** Scrolls to the next occurrence of one term and opens its card (the popup's list). */
  showTerm(entryId: string): void;
  /** The marked terms with their counts, in order of first occurrence. */
  terms(): PageTerm[];
  /** Whether the page is being marked now. */
  readonly running: boolean;
  /** Forwarded from the card so the pointer can travel into it. */
  readonly hover: HoverIntent;
}

const isEditable = (element: Element | null): boolean =>
  element instanceof HTMLElement &&
  (element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName));

/** Index of the first node whose parent is at or below the top of the viewport (binary search). */
function firstVisibleIndex(nodes: readonly Text[]): number {
  let low = 0;
  let high = nodes.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    const rect = (nodes[mid] as Text).parentElement?.getBoundingClientRect();
    if (rect && rect.bottom < 0) low = mid + 1;
    else high = mid;
  }
  return low < nodes.length ? low : 0;
}

/** Painted matches in document order. */
function inDocumentOrder(store: MatchStore): PaintedMatch[] {
  const all = [...store.values()].flat();
  return all.sort((a, b) => compareComposed(a.node, a.start, b.node, b.start));
}

/**
 * Factlens on one page, switched on and off as a whole: each start is one AbortController,
 * and aborting it undoes everything that start did (highlights, listeners, observers).
 */
export function createPageSession(options: PageSessionOptions): PageSession {
  const { doc, card } = options;
  const config: SessionConfig = { ...options.config, find: { ...options.config.find } };
  let controller: AbortController | undefined;
  let intent: HoverIntent | undefined;
  let highlight: TermHighlight | undefined;
  let store: MatchStore = new Map();

  const start = () => {
    if (controller) return;
    const current = new AbortController();
    controller = current;
    const { signal } = current;
    store = new Map();
    const pageStore = store;
    const paint = createTermHighlight(config.highlightStyle);
    const painter = createRangePainter(paint);
    highlight = paint;
    const pageEntries = new Set<string>();
    const paintedEntries = new Set<string>();
    const fuzzyBudget = { remainingMs: 50 };
    const terms = config.terms;
    const remote = options.connectMatcher
      ? createRemoteMatcher(options.connectMatcher, (entryId) => terms.entries.has(entryId))
      : undefined;
    signal.addEventListener('abort', () => {
      remote?.dispose();
      card.hide();
      painter.dispose();
      paint.dispose();
      pageStore.clear();
    });
    const shouldPaint = (match: { entryId: string }) => {
      const category = terms.entries.get(match.entryId)?.category;
      if (category && config.hiddenCategories.includes(category)) return false;
      if (config.density === 'all') return true;
      if (paintedEntries.has(match.entryId)) return false;
      paintedEntries.add(match.entryId);
      return true;
    };
    const collectOptions = {
      skipCode: config.skipCode,
      exclude: (element: Element) => element === card.hostElement,
      onShadowRoot: (shadow: ShadowRoot) => {
        paint.styleShadowRoot(shadow);
        // Called while collecting, which starts once the watcher below exists.
        watcher.observe(shadow);
      },
    };
    /**
     * Text edits observed so far, and the last one of each edited node: a node whose last edit
     * came after its text was collected is not painted from that text (the edit's mutation
     * batch matches it again), with no second read of its text to tell.
     */
    let editsSeen = 0;
    const lastEdit = new WeakMap<Node, number>();
    const editedAfter = (seen: number) => (node: Text) => (lastEdit.get(node) ?? 0) > seen;
    /**
     * What the first scan does not paint: a node edited since it was read, or one a walk over
     * text nodes alone should have left out (an editor or hidden element the page added or
     * marked while it walked; `TextCollector.leftOut`). Asked only of nodes with terms.
     */
    const unpaintable = (collector: TextCollector, edited: (node: Text) => boolean) => (node: Text) =>
      edited(node) || collector.leftOut(node);
    /** One slice of at most SLICE_MS of the page's walk, so no task runs long; true once it is done. */
    const walkSlice = (collector: TextCollector) => {
      const sliceStart = performance.now();
      const done = collector.step(sliceStart + SLICE_MS);
      performance.measure('factlens:collect', { start: sliceStart, end: performance.now() });
      return done;
    };
    /** The whole page, collected in slices. */
    const collectPage = async (): Promise<
      { nodes: Text[]; texts: string[]; editedSinceRead: (node: Text) => boolean } | undefined
    > => {
      const collector = createTextCollector(doc.body, collectOptions);
      const editedSinceRead = unpaintable(collector, editedAfter(editsSeen));
      while (!walkSlice(collector)) {
        await yieldToPage();
        if (signal.aborted) return undefined;
      }
      return { nodes: collector.nodes, texts: collector.texts, editedSinceRead };
    };
    const scan = (
      nodes: Text[],
      markReady: boolean,
      texts: string[],
      editedSinceRead: (node: Text) => boolean,
      collectMore?: () => Promise<boolean>,
    ) =>
      annotatePage({
        nodes,
        texts,
        editedSinceRead,
        collectMore,
        local: terms.local,
        painter,
        store: pageStore,
        signal,
        find: config.find,
        startAt: markReady && !collectMore ? firstVisibleIndex(nodes) : 0,
        pageEntries,
        shouldPaint,
        fuzzyBudget,
        markReady,
        remote,
      }).then((count) => {
        if (count > 0 || markReady) reportCount();
        return count;
      });

    intent = watchHoverIntent({
      target: doc,
      signal,
      find: (x, y) => {
        const match = hitTest(doc, pageStore, x, y);
        // The pointer is on a term: load the card's view during the hover delay.
        if (match) card.prepare();
        return match;
      },
      isInsideCard: (event) => event.composedPath().includes(card.hostElement),
      open: (match) => open(match),
      close: () => card.hide(),
      current: () => card.current,
      delayMs: () => config.hoverDelayMs,
    });
    watchTaps(signal, pageStore);

    // The page is watched from the start: what changes while the first scan runs (a page that
    // keeps rewriting itself, say) is held and handled as soon as that scan is done.
    let initialDone = false;
    const held = { changed: new Set<Node>(), removedOrEdited: false };
    /** Marks of edited text were dropped as the edits were observed: the next batch reports the count. */
    let editsDropped = false;
    const handle = ({ changed, removedOrEdited }: MutationBatch) => {
      const started = performance.now();
      const dropped = removedOrEdited && dropStale(pageStore, painter);
      // Once per batch, not per edit: the count adds up the whole store and is sent on.
      if (dropped || editsDropped) reportCount();
      editsDropped = false;
      const edited = editedAfter(editsSeen);
      /** One that walked new content of 100,000 elements or more over its text alone, if any. */
      let textAlone: TextCollector | undefined;
      // A text node still in the store was scanned already and has not changed since.
      const nodes: Text[] = [];
      const texts: string[] = [];
      for (const root of changed) {
        const collector = createTextCollector(root, collectOptions);
        collector.step(Infinity);
        if (collector.textAlone) textAlone = collector;
        collector.nodes.forEach((node, i) => {
          if (pageStore.has(node)) return;
          nodes.push(node);
          texts.push(collector.texts[i] as string);
        });
      }
      performance.measure('factlens:collect', { start: started, end: performance.now() });
      if (nodes.length > 0) void scan(nodes, false, texts, textAlone ? unpaintable(textAlone, edited) : edited);
    };
    const watcher = watchMutations(doc.body, {
      signal,
      ours: card.hostElement,
      onEdit: (node) => {
        editsSeen++;
        lastEdit.set(node, editsSeen);
        const matches = pageStore.get(node as Text);
        if (!matches) return;
        dropMatches(pageStore, painter, node as Text, matches);
        editsDropped = true;
      },
      onBatch: (batch) => {
        if (initialDone) return handle(batch);
        for (const node of batch.changed) held.changed.add(node);
        held.removedOrEdited ||= batch.removedOrEdited;
      },
    });
    /**
     * The first scan of a page read from its top: the background matches each batch while the
     * walk goes on, and the nodes without matches are let go as their batches are answered
     * (annotate-page.ts, collectMore). Holding every text node of a page of 200,000 until the
     * whole page is matched made the walk's slices long (README, "Performance"). A page opened
     * further down (a reload, a link to a fragment) is walked whole first, so that the part in
     * view is matched first.
     */
    const scanFromTop = async () => {
      const collector = createTextCollector(doc.body, collectOptions);
      const editedSinceRead = unpaintable(collector, editedAfter(editsSeen));
      const large = largePageWatch();
      let first = true;
      const collectMore = async () => {
        if (!first) await yieldToPage();
        first = false;
        if (signal.aborted) return true;
        const done = walkSlice(collector);
        // Large pages register only the ranges near the viewport from their first match, so one
        // is told apart early: a page of more than a batch of text nodes whose walk takes more
        // than one slice is taken for one, before the LARGE_PAGE counts are reached.
        if ((!done && collector.nodes.length >= EARLY_LARGE_NODES) || large(collector.texts)) painter.limitToViewport();
        return done;
      };
      await scan(collector.nodes, true, collector.texts, editedSinceRead, collectMore);
    };
    const scanWhole = async () => {
      const initial = await collectPage();
      if (!initial || signal.aborted) return;
      if (isLargePage(initial.texts)) painter.limitToViewport();
      await scan(initial.nodes, true, initial.texts, initial.editedSinceRead);
    };
    const atTop = remote !== undefined && (doc.defaultView?.scrollY ?? 0) <= 0;
    void (atTop ? scanFromTop() : scanWhole()).then(async () => {
      if (signal.aborted) return;
      initialDone = true;
      if (held.changed.size > 0 || held.removedOrEdited)
        handle({
          changed: [...held.changed].filter((node) => node.isConnected),
          removedOrEdited: held.removedOrEdited,
        });
      held.changed.clear();
    });
  };

  function reportCount() {
    options.onCount?.([...store.values()].reduce((sum, list) => sum + list.length, 0));
  }

  /** Drops the matches of text nodes that left the page; true if any. (Edited ones went as observed.) */
  function dropStale(pageStore: MatchStore, painter: RangePainter): boolean {
    let dropped = false;
    for (const [node, matches] of pageStore) {
      if (node.isConnected) continue;
      dropMatches(pageStore, painter, node, matches);
      dropped = true;
    }
    return dropped;
  }

  function dropMatches(pageStore: MatchStore, painter: RangePainter, node: Text, matches: readonly PaintedMatch[]) {
    // The painter keys ranges by the element they were painted under, which a removed node has left.
    for (const match of matches) painter.delete(match.element, match);
    pageStore.delete(node);
    if (matches.some((m) => m === card.current)) card.hide();
  }

  function open(match: PaintedMatch, focus = false) {
    card.show(match, { focus });
  }

  /**
   * Touch: a tap on a marked term opens its card; inside a link the first tap opens the card
   * and the next tap on the same term follows the link. A tap elsewhere closes the card.
   */
  function watchTaps(signal: AbortSignal, pageStore: MatchStore) {
    let lastPointer = '';
    doc.addEventListener('pointerdown', (event) => (lastPointer = event.pointerType), {
      capture: true,
      passive: true,
      signal,
    });
    doc.addEventListener(
      'click',
      (event) => {
        if (lastPointer !== 'touch') return;
        if (event.composedPath().includes(card.hostElement)) return;
        const match = hitTest(doc, pageStore, event.clientX, event.clientY);
        if (!match) {
          card.hide();
          return;
        }
        if (match === card.current) return;
        const link = match.node.parentElement?.closest('a[href]');
        // The tap landed on our marked term: showing its card first is the one thing we change.
        if (link) event.preventDefault();
        open(match);
      },
      { capture: true, signal },
    );
  }

  const stop = () => {
    const wasRunning = controller !== undefined;
    controller?.abort();
    controller = undefined;
    intent = undefined;
    highlight = undefined;
    store = new Map();
    if (wasRunning) options.onCount?.(0);
  };

  /** Scrolls `match` into view, opens its card with the focus in it and announces it. */
  function goTo(match: PaintedMatch, position: number, total: number) {
    const reduceMotion = doc.defaultView?.matchMedia('(prefers-reduced-motion: reduce)').matches;
    match.node.parentElement?.scrollIntoView({ block: 'center', behavior: reduceMotion ? 'auto' : 'smooth' });
    open(match, true);
    const title = config.terms.entries.get(match.entryId)?.title ?? match.entryId;
    card.announce(t('announceTerm', [title, position + 1, total]));
  }

  return {
    start,
    stop,
    update(next) {
      const rescan =
        (next.find !== undefined && JSON.stringify(next.find) !== JSON.stringify(config.find)) ||
        (next.skipCode !== undefined && next.skipCode !== config.skipCode) ||
        (next.density !== undefined && next.density !== config.density) ||
        (next.terms !== undefined && next.terms !== config.terms) ||
        (next.hiddenCategories !== undefined && next.hiddenCategories.join() !== config.hiddenCategories.join());
      if (next.find) config.find = { ...config.find, ...next.find };
      Object.assign(config, { ...next, find: config.find });
      if (next.highlightStyle) highlight?.setStyle(next.highlightStyle);
      if (rescan && controller) {
        stop();
        start();
      }
    },
    move(direction) {
      if (!controller || isEditable(doc.activeElement)) return;
      const ordered = inDocumentOrder(store);
      if (ordered.length === 0) {
        card.announce(t('announceNoTerms'));
        return;
      }
      const at = card.current ? ordered.indexOf(card.current) : -1;
      const next =
        direction === 'next'
          ? (at + 1) % ordered.length
          : at <= 0
            ? ordered.length - 1
            : (at - 1 + ordered.length) % ordered.length;
      goTo(ordered[next] as PaintedMatch, next, ordered.length);
    },
    showTerm(entryId) {
      const ordered = inDocumentOrder(store);
      const ofTerm = ordered.filter((match) => match.entryId === entryId);
      if (ofTerm.length === 0) return;
      const current = card.current ? ofTerm.indexOf(card.current) : -1;
      const next = (current + 1) % ofTerm.length;
      goTo(ofTerm[next] as PaintedMatch, next, ofTerm.length);
    },
    terms() {
      const byEntry = new Map<string, PageTerm>();
      for (const match of inDocumentOrder(store)) {
        const known = byEntry.get(match.entryId);
        if (known) {
          known.count++;
          continue;
        }
        const entry = config.terms.entries.get(match.entryId);
        byEntry.set(match.entryId, { entryId: match.entryId, title: entry?.title ?? match.entryId, count: 1 });
      }
      return [...byEntry.values()];
    },
    get running() {
      return controller !== undefined;
    },
    hover: {
      enterCard: () => intent?.enterCard(),
      leaveCard: () => intent?.leaveCard(),
    },
  };
}
