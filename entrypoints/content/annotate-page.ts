import { disambiguate } from '@/utils/disambiguate';
import type { FindOptions } from '@/utils/find-terms';
import { matchTerms, type TermMatch } from '@/utils/match-terms';
import type { TermIndex } from '@/utils/term-index';
import type { TermHighlight } from './highlight';
import { collectTextNodes, yieldToPage, type CollectOptions } from './scan-text';

/** A match painted on the page: where it is and the live range that paints it. */
export interface PaintedMatch extends TermMatch {
  node: Text;
  range: Range;
}

/** Matches by text node, for hit-testing and for the list of terms on the page. */
export type MatchStore = Map<Text, PaintedMatch[]>;

export interface AnnotateOptions extends CollectOptions {
  root: Node;
  index: TermIndex;
  highlight: TermHighlight;
  store: MatchStore;
  signal: AbortSignal;
  /** Fuzzy matching and the context rule. Default: both off. */
  find?: FindOptions;
  /** Main-thread budget of one slice before yielding to the page. Default: 8 ms. */
  sliceMs?: number;
  /** Main-thread budget of the fuzzy pass over the whole page. Default: 50 ms. */
  fuzzyBudgetMs?: number;
}

interface Pending {
  node: Text;
  /** Offset of the node's text in the page text (nodes joined by "\n"). */
  base: number;
  match: TermMatch;
}

/**
 * Scans the visible text under `root` in slices, paints every match and records it in `store`.
 * Unambiguous matches are painted as they are found; ambiguous ones (TMS, PCP, ...) wait for
 * the whole page, which is their context. Each slice is a `factlens:scan` User Timing
 * measure; when the page is done it marks `factlens:ready` with the number of matches.
 * Resolves with that number, or with -1 when `signal` aborted the scan.
 */
export async function annotatePage(options: AnnotateOptions): Promise<number> {
  const { root, index, highlight, store, signal, find = {}, sliceMs = 8, fuzzyBudgetMs = 50 } = options;
  const doc = root.ownerDocument ?? (root as Document);
  const collectStart = performance.now();
  const nodes = collectTextNodes(root, options);
  performance.measure('factlens:collect', { start: collectStart, end: performance.now() });

  const matchOptions = { fuzzy: find.fuzzy === true, budget: { remainingMs: fuzzyBudgetMs } };
  const useContext = find.context !== false;
  const all: Pending[] = [];
  let count = 0;
  const paint = (node: Text, match: TermMatch) => {
    const range = doc.createRange();
    range.setStart(node, match.start);
    range.setEnd(node, match.end);
    highlight.add(range);
    const painted = { ...match, node, range };
    const list = store.get(node);
    if (list) list.push(painted);
    else store.set(node, [painted]);
    count++;
  };

  let next = 0;
  let base = 0;
  while (next < nodes.length) {
    if (signal.aborted) return -1;
    const sliceStart = performance.now();
    while (next < nodes.length && performance.now() - sliceStart < sliceMs) {
      const node = nodes[next++] as Text;
      const text = node.data;
      for (const match of matchTerms(text, index, matchOptions)) {
        if (useContext) all.push({ node, base, match });
        if (!useContext || !match.ambiguous) paint(node, match);
      }
      base += text.length + 1;
    }
    performance.measure('factlens:scan', { start: sliceStart, end: performance.now() });
    if (next < nodes.length) await yieldToPage();
  }
  if (signal.aborted) return -1;

  if (all.some((pending) => pending.match.ambiguous)) {
    const contextStart = performance.now();
    const pageText = nodes.map((node) => node.data).join('\n');
    const global = all.map(({ base: offset, match }) => ({
      ...match,
      start: match.start + offset,
      end: match.end + offset,
    }));
    const kept = new Set(disambiguate(global, pageText));
    global.forEach((match, i) => {
      const pending = all[i] as Pending;
      if (match.ambiguous && kept.has(match)) paint(pending.node, pending.match);
    });
    performance.measure('factlens:context', { start: contextStart, end: performance.now() });
  }
  performance.mark('factlens:ready', { detail: { matches: count } });
  return count;
}
