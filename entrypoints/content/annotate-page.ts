import { disambiguate } from '@/utils/disambiguate';
import type { FindOptions } from '@/utils/find-terms';
import type { FuzzyBudget } from '@/utils/fuzzy-match';
import { matchTerms, type TermMatch } from '@/utils/match-terms';
import type { TermIndex } from '@/utils/term-index';
import type { RangePainter } from './highlight';
import { yieldToPage } from './scan-text';

/** A match painted on the page: where it is and the live range that paints it. */
export interface PaintedMatch extends TermMatch {
  node: Text;
  range: Range;
}

/** Matches by text node, for hit-testing and for the list of terms on the page. */
export type MatchStore = Map<Text, PaintedMatch[]>;

export interface AnnotateOptions {
  /** The text nodes to scan, in document order. */
  nodes: readonly Text[];
  index: TermIndex;
  painter: Pick<RangePainter, 'add'>;
  store: MatchStore;
  signal: AbortSignal;
  /** Fuzzy matching and the context rule. Default: both off. */
  find?: FindOptions;
  /** Index of the node to scan first (the top of the viewport); the scan wraps around. */
  startAt?: number;
  /** Terms already marked on the page: evidence for ambiguous aliases in new content; grows. */
  pageEntries?: Set<string>;
  /** Display rule (density): false leaves a match unpainted and out of the store. */
  shouldPaint?: (match: TermMatch) => boolean;
  /** Main-thread budget of the fuzzy pass, shared by every scan of a page. */
  fuzzyBudget?: FuzzyBudget;
  /** Main-thread budget of one slice before yielding to the page. Default: 8 ms. */
  sliceMs?: number;
  /** Record `factlens:ready` when done (the first full annotation of a page). */
  markReady?: boolean;
}

/** The element a text node's position follows: its parent, or the host of the shadow root it sits in. */
export function elementOf(node: Text): Element {
  return node.parentElement ?? ((node.getRootNode() as ShadowRoot).host as Element);
}

interface Pending {
  node: Text;
  /** Offset of the node's text in the scanned text (nodes joined by "\n"). */
  base: number;
  match: TermMatch;
}

/**
 * Scans text nodes in idle slices, paints every match and records it in `store`.
 * Unambiguous matches are painted as they are found; ambiguous ones (TMS, PCP, ...) wait for
 * the whole scan, which is their context. Each slice is a `factlens:scan` User Timing
 * measure; with `markReady` the end is a `factlens:ready` mark with the number of matches.
 * Resolves with that number, or with -1 when `signal` aborted the scan.
 */
export async function annotatePage(options: AnnotateOptions): Promise<number> {
  const { nodes, index, painter, store, signal, find = {}, sliceMs = 8 } = options;
  const pageEntries = options.pageEntries ?? new Set<string>();
  const matchOptions = { fuzzy: find.fuzzy === true, budget: options.fuzzyBudget ?? { remainingMs: 50 } };
  const useContext = find.context !== false;
  const bases: number[] = [];
  let total = 0;
  for (const node of nodes) {
    bases.push(total);
    total += node.data.length + 1;
  }
  const all: Pending[] = [];
  let count = 0;
  const paint = (node: Text, match: TermMatch) => {
    if (options.shouldPaint && !options.shouldPaint(match)) return;
    const range = node.ownerDocument.createRange();
    range.setStart(node, match.start);
    range.setEnd(node, match.end);
    painter.add(elementOf(node), range);
    const painted = { ...match, node, range };
    const list = store.get(node);
    if (list) list.push(painted);
    else store.set(node, [painted]);
    if (!match.ambiguous && !match.fuzzy) pageEntries.add(match.entryId);
    count++;
  };

  const start = Math.min(Math.max(options.startAt ?? 0, 0), Math.max(nodes.length - 1, 0));
  let done = 0;
  let markedVisible = false;
  while (done < nodes.length) {
    if (signal.aborted) return -1;
    const sliceStart = performance.now();
    while (done < nodes.length && performance.now() - sliceStart < sliceMs) {
      const at = (start + done++) % nodes.length;
      const node = nodes[at] as Text;
      if (!node.isConnected) continue;
      for (const match of matchTerms(node.data, index, matchOptions)) {
        const deferred = useContext && (match.ambiguous || match.otherMeanings !== undefined);
        if (useContext) all.push({ node, base: bases[at] ?? 0, match });
        if (!deferred) paint(node, match);
      }
    }
    performance.measure('factlens:scan', { start: sliceStart, end: performance.now() });
    // The first slice starts at the top of the viewport: the visible part is marked now.
    if (options.markReady && !markedVisible) {
      markedVisible = true;
      performance.mark('factlens:visible');
    }
    if (done < nodes.length) await yieldToPage();
  }
  if (signal.aborted) return -1;

  const deferred = all.filter(({ match }) => match.ambiguous || match.otherMeanings !== undefined);
  if (deferred.length > 0) {
    const contextStart = performance.now();
    const text = nodes.map((node) => node.data).join('\n');
    all.sort((a, b) => a.base + a.match.start - (b.base + b.match.start));
    const global = all.map(({ base, match }) => ({ ...match, start: match.start + base, end: match.end + base }));
    const kept = new Set(disambiguate(global, text, pageEntries));
    global.forEach((match, i) => {
      const pending = all[i] as Pending;
      const wasDeferred = match.ambiguous || match.otherMeanings !== undefined;
      if (wasDeferred && kept.has(match) && pending.node.isConnected) paint(pending.node, pending.match);
    });
    performance.measure('factlens:context', { start: contextStart, end: performance.now() });
  }
  if (options.markReady) performance.mark('factlens:ready', { detail: { matches: count } });
  return count;
}
