/**
 * happy-dom has no StaticRange, which the content script paints with: a stand-in with the
 * same constructor and fields, installed for the tests that paint.
 */
class StaticRangeStandIn implements AbstractRange {
  readonly startContainer: Node;
  readonly startOffset: number;
  readonly endContainer: Node;
  readonly endOffset: number;

  constructor(init: StaticRangeInit) {
    this.startContainer = init.startContainer;
    this.startOffset = init.startOffset;
    this.endContainer = init.endContainer;
    this.endOffset = init.endOffset;
  }

  get collapsed(): boolean {
    return this.startContainer === this.endContainer && this.startOffset === this.endOffset;
  }
}

export function installStaticRange(): void {
  if (typeof globalThis.StaticRange !== 'function')
    globalThis.StaticRange = StaticRangeStandIn as unknown as typeof StaticRange;
}

/** The text a range over one text node covers. */
export function rangeText(range: AbstractRange): string {
  return (range.startContainer.textContent ?? '').slice(range.startOffset, range.endOffset);
}
