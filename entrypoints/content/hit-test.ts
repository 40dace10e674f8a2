import { liveRange, type MatchStore, type PaintedMatch } from './annotate-page';

interface Caret {
  node: Node;
  offset: number;
}

function caretAt(doc: Document, x: number, y: number): Caret | undefined {
  if (typeof doc.caretPositionFromPoint === 'function') {
    const position = doc.caretPositionFromPoint(x, y);
    return position ? { node: position.offsetNode, offset: position.offset } : undefined;
  }
  const range = doc.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : undefined;
}

function rangeContainsPoint(range: Range | undefined, x: number, y: number): boolean {
  for (const rect of range?.getClientRects() ?? []) {
    if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) return true;
  }
  return false;
}

/**
 * The painted match under the viewport point (x, y), if any: the caret position names the
 * text node and offset, an interval lookup finds the match, and the range's client rects
 * confirm the pointer is really over it (the caret snaps to the nearest text otherwise).
 */
export function hitTest(doc: Document, store: MatchStore, x: number, y: number): PaintedMatch | undefined {
  const caret = caretAt(doc, x, y);
  if (!caret || caret.node.nodeType !== Node.TEXT_NODE) return undefined;
  const matches = store.get(caret.node as Text);
  if (!matches) return undefined;
  for (const match of matches) {
    if (caret.offset >= match.start && caret.offset <= match.end && rangeContainsPoint(liveRange(match), x, y)) {
      return match;
    }
  }
  return undefined;
}
