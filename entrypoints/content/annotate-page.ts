import type { TermIndex } from '@/utils/term-index';
import { matchTerms, type TermMatch } from '@/utils/match-terms';
import { collectTextNodes, yieldToPage, type CollectOptions } from './scan-text';
import type { TermHighlight } from './highlight';

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
  /** Main-thread budget of one slice before yielding to the page. Default: 8 ms. */
  sliceMs?: number;
}

/**
 * Scans the visible text under `root` in slices, paints every match and records it in `store`.
 * Each slice is a `factlens:scan` User Timing measure; when the whole page is done it marks
 * `factlens:ready` with the number of matches. Resolves with that number, or with -1 when
 * `signal` aborted the scan.
 */
export async function annotatePage(options: AnnotateOptions): Promise<number> {
  const { root, index, highlight, store, signal, sliceMs = 8 } = options;
  const collectStart = performance.now();
  const nodes = collectTextNodes(root, options);
  const doc = root.ownerDocument ?? (root as Document);
  performance.measure('factlens:collect', { start: collectStart, end: performance.now() });
  let count = 0;
  let next = 0;
  while (next < nodes.length) {
    if (signal.aborted) return -1;
    const sliceStart = performance.now();
    while (next < nodes.length && performance.now() - sliceStart < sliceMs) {
      const node = nodes[next++] as Text;
      const found = matchTerms(node.data, index);
      if (found.length === 0) continue;
      const painted = found.map((match) => {
        const range = doc.createRange();
        range.setStart(node, match.start);
        range.setEnd(node, match.end);
        highlight.add(range);
        return { ...match, node, range };
      });
      store.set(node, painted);
      count += painted.length;
    }
    performance.measure('factlens:scan', { start: sliceStart, end: performance.now() });
    if (next < nodes.length) await yieldToPage();
  }
  if (signal.aborted) return -1;
  performance.mark('factlens:ready', { detail: { matches: count } });
  return count;
}
