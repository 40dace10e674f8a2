/** Elements whose text is never marked: form fields, editors, non-rendered content. */
const SKIPPED_TAG_NAMES = [
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'input',
  'select',
  'option',
  'svg',
  'math',
];
const ALWAYS_SKIPPED = [
  ...SKIPPED_TAG_NAMES,
  '[contenteditable]:not([contenteditable="false"])',
  '[hidden]',
  '[aria-hidden="true"]',
];
/** Code, skipped unless the reader turns "skip code blocks" off. */
const CODE = ['code', 'pre', 'kbd', 'samp'];

const SKIPPED_TAGS = new Set(SKIPPED_TAG_NAMES);
const CODE_TAGS = new Set(CODE);

/**
 * element.matches(skipSelector(skipCode)) without the selector engine: the walk asks it of
 * every element, so a page of a million elements needs no querySelectorAll over the whole
 * document in one task (tests/unit/content/scan-text.test.ts checks the two agree).
 */
export function isSkipped(element: Element, skipCode = true): boolean {
  const tag = element.localName;
  if (SKIPPED_TAGS.has(tag) || (skipCode && CODE_TAGS.has(tag))) return true;
  if (!element.hasAttributes()) return false;
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return true;
  const editable = element.getAttribute('contenteditable');
  return editable !== null && editable !== 'false';
}

/** The selector of elements whose text is left alone. */
export function skipSelector(skipCode = true): string {
  return (skipCode ? [...ALWAYS_SKIPPED, ...CODE] : ALWAYS_SKIPPED).join(',');
}

/** NodeFilter constants, spelled out so this also runs in node with a DOM library (the scan command). */
const SHOW_ELEMENT = 0x1;
const SHOW_TEXT = 0x4;
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
/** Text with something other than white space in it. */
const VISIBLE_TEXT = /\S/;

export interface CollectOptions {
  /** Extra elements to leave out, such as our own shadow host. */
  exclude?: (element: Element) => boolean;
  /** Leave text in code and pre blocks alone. Default: true. */
  skipCode?: boolean;
  /** Called with each open shadow root found on the way (its text is collected too). */
  onShadowRoot?: (root: ShadowRoot) => void;
  /** The element count from which a page is walked over its text nodes only. Default: TEXT_ONLY_ELEMENTS. */
  textOnlyFrom?: number;
}

/**
 * From this many elements, a page is walked over its text nodes alone (`textOnlyFrame`). Each
 * node the walk visits gets a wrapper in the content script's world, and an isolated world's
 * wrappers cost more the more of them there are: on the benchmark's page of 200,000 one-word
 * spans (210,000 elements) the walk over every element took 372 ms and the one over text alone
 * 243 ms; on its 6 MB page (41,000 elements) 139 and 128 ms, within the noise
 * (`node scripts/perf/isolated-world.mjs`, 3 loads). Below this count the walk over every
 * element keeps finding shadow roots on any element.
 */
export const TEXT_ONLY_ELEMENTS = 100_000;

/**
 * The text nodes under `root` that a reader can see and that may carry terms, in document
 * order, including those inside open shadow roots. One walker over elements and text with one
 * cached skip decision per parent element; a TreeWalker with a filter callback costs several
 * times more (TOOLCHAIN.md, "Measured here").
 */
export function collectTextNodes(root: Node, options: CollectOptions = {}): Text[] {
  const collector = createTextCollector(root, options);
  collector.step(Infinity);
  return collector.nodes;
}

export interface TextCollector {
  /** The text nodes found so far, in document order. */
  readonly nodes: Text[];
  /**
   * Their text as read by the walk: matching sends it on without reading every node again
   * (each read of a node's text from the content script's world costs a binding call).
   */
  readonly texts: string[];
  /** Walks on until `deadline` (a performance.now() time); true once the whole tree is done. */
  step(deadline: number): boolean;
  /**
   * Whether `node`, collected by this walk, is in text that is left alone (skipSelector). A
   * walk over text nodes alone skips only scripts, styles and the like as it goes; the rest of
   * what it collects is checked by this, which matching asks of the nodes with terms before
   * painting them. Always false after a walk that visited every element.
   */
  leftOut(node: Text): boolean;
  /** Whether it walked over text nodes alone, so that `leftOut` must be asked. */
  readonly textAlone: boolean;
}

interface Frame {
  start: Node;
  walker: TreeWalker;
  /** The next node to visit. */
  node: Node | null;
  /**
   * A live Range that starts inside `node` while the walk waits: if the page removes `node` in
   * between, the DOM moves the range to where it was, and the walk goes on from there (a
   * TreeWalker at a removed node ends the walk, leaving the rest of the page unmarked).
   */
  bookmark?: Range;
  /** Set on a walk over text nodes alone: where it must skip a subtree or enter a shadow root. */
  marks?: Marks;
}

/**
 * What a walk over text nodes alone must know of the elements it does not visit: the skipped
 * subtrees and the shadow hosts, in document order. It reaches a mark when it reaches the
 * first text node at or after it.
 */
interface Marks {
  /** The queries that find them, one run at a time so that no slice runs long. */
  pending: (() => void)[];
  skipped: Element[][];
  hosts: Set<Element>;
  /** Outermost skipped elements and the hosts outside them, in document order. */
  list: Element[];
  next: number;
  /** The first text node at or after list[next]; null if there is none. */
  at: Node | null;
  /** A second walker, to find `at` without moving the walk. */
  probe: TreeWalker;
}

const ORDERED_NODE_SNAPSHOT_TYPE = 7;
const DOCUMENT_POSITION_FOLLOWING = 4;
const DOCUMENT_POSITION_CONTAINS = 8;
/**
 * What a walk over text nodes alone skips as it goes: the elements whose text is not the
 * page's prose and can be long (a page's inline scripts can outweigh its article). Text in the
 * other skipped elements (code, hidden, editors, form fields) is collected and matched, and a
 * node of it with terms is not painted (`leftOut`): finding them all first costs a query per
 * tag and one for the attributes, 60-100 ms on the benchmark's page of 200,000 spans, half of
 * what the walk saves.
 */
const RAW_TEXT_TAGS = ['script', 'style', 'noscript', 'textarea'];
/** Custom elements: no selector finds them, nor shadow hosts, but XPath can test a name. */
const CUSTOM_ELEMENTS = ".//*[contains(local-name(), '-')]";

const follows = (a: Node, b: Node) => (a.compareDocumentPosition(b) & DOCUMENT_POSITION_FOLLOWING) !== 0;

/** Two lists of elements in document order, merged. */
function merge(a: Element[], b: Element[]): Element[] {
  const out: Element[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length)
    out.push(follows(a[i] as Element, b[j] as Element) ? (a[i++] as Element) : (b[j++] as Element));
  while (i < a.length) out.push(a[i++] as Element);
  while (j < b.length) out.push(b[j++] as Element);
  return out;
}

/** Lists of elements each in document order, merged pairwise (about log2(lists) comparisons per element). */
function mergeAll(lists: Element[][]): Element[] {
  let round = lists.filter((list) => list.length > 0);
  while (round.length > 1) {
    const next: Element[][] = [];
    for (let i = 0; i < round.length; i += 2)
      next.push(
        i + 1 < round.length ? merge(round[i] as Element[], round[i + 1] as Element[]) : (round[i] as Element[]),
      );
    round = next;
  }
  return round[0] ?? [];
}

/** `node` itself if `walker` shows it, or else the first node it shows after `node`. */
function shownFrom(walker: TreeWalker, node: Node): Node | null {
  walker.currentNode = node;
  return walker.whatToShow & (1 << (node.nodeType - 1)) ? node : walker.nextNode();
}

/**
 * The first node `walker` shows after the subtree of `node`, within `start`, found by climbing
 * the DOM: TreeWalker.nextSibling() finds it too, but not in every DOM implementation when
 * the walker shows text alone (happy-dom's stays at the first level).
 */
function nodeAfter(walker: TreeWalker, node: Node, start: Node): Node | null {
  let at: Node | null = node;
  while (at && at !== start && !at.nextSibling) at = at.parentNode;
  const next = at && at !== start ? at.nextSibling : null;
  return next ? shownFrom(walker, next) : null;
}

function locate(marks: Marks) {
  const mark = marks.list[marks.next];
  if (!mark) {
    marks.at = null;
    return;
  }
  marks.probe.currentNode = mark;
  marks.at = marks.probe.nextNode();
}

/**
 * Marks where `frame` goes on, before leaving it for a while. A new range at (node, 0): no
 * boundary before `node` (its index), which costs a walk over its earlier siblings, thousands
 * on a flat page, and nothing to compare with a range's earlier position.
 */
function bookmark(frame: Frame) {
  const { node } = frame;
  if (!node) return;
  frame.bookmark = (frame.start.ownerDocument ?? (frame.start as Document)).createRange();
  frame.bookmark.setStart(node, 0);
}

/**
 * The node to visit next in `frame` when its next node left `frame.start` while the walk waited
 * (a text node, in a walk over text nodes alone).
 */
function afterRemoval(frame: Frame, bookmark: Range): Node | null {
  const { walker, start } = frame;
  const { startContainer: container, startOffset } = bookmark;
  if (!start.contains(container)) return null;
  const child = container.childNodes[startOffset];
  if (child) return shownFrom(walker, child);
  // It was the last child: what follows the container.
  return container === start ? null : nodeAfter(walker, container, start);
}

/**
 * The resumable walk behind collectTextNodes, so that a page of a million nodes is collected
 * in slices that leave the main thread free in between.
 */
export function createTextCollector(root: Node, options: CollectOptions = {}): TextCollector {
  const skipCode = options.skipCode !== false;
  const selector = skipSelector(skipCode);
  const textOnlyFrom = options.textOnlyFrom ?? TEXT_ONLY_ELEMENTS;
  const nodes: Text[] = [];
  const texts: string[] = [];
  const stack: Frame[] = [];
  let textOnly = false;
  const enter = (start: Node) => {
    const doc = start.ownerDocument ?? (start as Document);
    const elements = (start as Partial<ParentNode & Element>).getElementsByTagName?.('*').length ?? 0;
    if (elements > 0 && elements >= textOnlyFrom && typeof doc.evaluate === 'function') {
      textOnly = true;
      stack.push(textOnlyFrame(doc, start as Element | Document));
      return;
    }
    // Each element is tested as the walk reaches it and skipped subtrees are jumped over, so no
    // text node needs an ancestor check (closest() per parent is far slower on pages of many
    // small elements) and no query over the whole page runs in one task.
    const walker = doc.createTreeWalker(start, SHOW_TEXT | SHOW_ELEMENT);
    stack.push({ start, walker, node: walker.nextNode() });
  };

  /**
   * A walk over the text nodes of `start` alone: first the queries for what it must not walk
   * into (RAW_TEXT_TAGS) and for the shadow hosts among custom elements, then one TreeWalker
   * that shows text only, jumping over each of those subtrees as it reaches it. A shadow root on
   * a built-in element (a div, say) is not found this way: on pages of this many elements that
   * is the price of not visiting each one.
   */
  const textOnlyFrame = (doc: Document, start: Element | Document): Frame => {
    const probe = doc.createTreeWalker(start, SHOW_TEXT);
    const marks: Marks = { pending: [], skipped: [], hosts: new Set(), list: [], next: 0, at: null, probe };
    for (const tag of RAW_TEXT_TAGS)
      marks.pending.push(() => {
        const found = start.getElementsByTagName(tag);
        if (found.length > 0) marks.skipped.push(Array.from(found));
      });
    marks.pending.push(() => {
      let found: XPathResult;
      try {
        found = doc.evaluate(CUSTOM_ELEMENTS, start, null, ORDERED_NODE_SNAPSHOT_TYPE, null);
      } catch {
        return; // A document XPath cannot query: its text is walked all the same.
      }
      for (let i = 0; i < found.snapshotLength; i++) {
        const element = found.snapshotItem(i) as Element;
        if (element.shadowRoot && !options.exclude?.(element)) marks.hosts.add(element);
      }
    });
    marks.pending.push(() => {
      const skipped = mergeAll(marks.skipped);
      const skippedSet = new Set(skipped);
      for (const host of marks.hosts) if (skippedSet.has(host)) marks.hosts.delete(host);
      let outer: Element | undefined;
      for (const element of mergeAll([skipped, [...marks.hosts]])) {
        // In document order an element inside a skipped one comes right after it or inside
        // another such element, so comparing with the last kept one is enough.
        if (element === marks.list[marks.list.length - 1] || outer?.contains(element)) continue;
        marks.list.push(element);
        if (!marks.hosts.has(element)) outer = element;
      }
      marks.skipped = [];
      locate(marks);
    });
    return { start, walker: doc.createTreeWalker(start, SHOW_TEXT), node: null, marks };
  };

  /**
   * After a pause: the marks the page removed or moved behind the walk in the meantime are
   * passed (a host behind it is entered now), and the next one is located again.
   */
  const settle = (marks: Marks, node: Node | null) => {
    for (let mark = marks.list[marks.next]; mark; mark = marks.list[marks.next]) {
      if (!mark.isConnected) {
        marks.next++;
        continue;
      }
      if (!node) break;
      const position = node.compareDocumentPosition(mark);
      if (position & DOCUMENT_POSITION_FOLLOWING) break;
      // The walk is inside it, or past it: a skipped one is left behind, a host is entered now.
      if (marks.hosts.has(mark) || position & DOCUMENT_POSITION_CONTAINS) {
        marks.at = node;
        return;
      }
      marks.next++;
    }
    locate(marks);
  };

  /** Enters the open shadow root of `host`, coming back to `frame` at `node`. */
  const enterShadow = (frame: Frame, host: Element, node: Node | null) => {
    const shadow = host.shadowRoot as ShadowRoot;
    options.onShadowRoot?.(shadow);
    frame.node = node;
    bookmark(frame);
    enter(shadow);
  };

  let checks = 0;
  /** Walks `frame`, a walk over text nodes alone, until `deadline`: false when it paused. */
  const stepText = (frame: Frame, marks: Marks, deadline: number): boolean => {
    const { walker } = frame;
    while (marks.pending.length > 0) {
      (marks.pending.shift() as () => void)();
      if (marks.pending.length === 0) frame.node = walker.nextNode();
      else if (performance.now() > deadline) return false;
    }
    let node = frame.node;
    if (frame.bookmark) {
      if (node && !frame.start.contains(node)) node = afterRemoval(frame, frame.bookmark);
      frame.bookmark = undefined;
      settle(marks, node);
    }
    while (node) {
      if (++checks % 512 === 0 && performance.now() > deadline) {
        frame.node = node;
        bookmark(frame);
        return false;
      }
      if (node === marks.at) {
        const mark = marks.list[marks.next] as Element;
        marks.next++;
        locate(marks);
        if (marks.hosts.has(mark)) {
          enterShadow(frame, mark, node);
          return true;
        }
        node = nodeAfter(walker, mark, frame.start);
        continue;
      }
      const data = (node as Text).data;
      if (VISIBLE_TEXT.test(data)) {
        nodes.push(node as Text);
        texts.push(data);
      }
      node = walker.nextNode();
    }
    // The end: hosts after the last text node still have their shadow roots to walk.
    frame.node = null;
    while (marks.next < marks.list.length) {
      const mark = marks.list[marks.next++] as Element;
      if (marks.hosts.has(mark) && mark.isConnected) {
        enterShadow(frame, mark, null);
        return true;
      }
    }
    if (stack[stack.length - 1] === frame) stack.pop();
    return true;
  };

  let started = false;
  /** Where the walk starts, on its first step (so that the queries run inside a measured slice). */
  const begin = () => {
    started = true;
    // A root inside a skipped element (new content in a <pre>, say) holds nothing to mark.
    const container = root.nodeType === ELEMENT_NODE ? (root as Element) : root.parentElement;
    const outside = Boolean(container?.closest(selector) || (container && options.exclude?.(container)));
    if (!outside && root.nodeType === TEXT_NODE) {
      const data = (root as Text).data;
      if (VISIBLE_TEXT.test(data)) {
        nodes.push(root as Text);
        texts.push(data);
      }
    } else if (!outside) {
      enter(root);
    }
  };

  return {
    nodes,
    texts,
    step(deadline) {
      if (!started) begin();
      while (stack.length > 0) {
        const frame = stack[stack.length - 1] as Frame;
        if (frame.marks) {
          if (!stepText(frame, frame.marks, deadline)) return false;
          continue;
        }
        let node = frame.node;
        if (node && frame.bookmark && !frame.start.contains(node)) node = afterRemoval(frame, frame.bookmark);
        while (node) {
          if (++checks % 512 === 0 && performance.now() > deadline) {
            frame.node = node;
            bookmark(frame);
            return false;
          }
          if (node.nodeType === ELEMENT_NODE) {
            const element = node as Element;
            if (isSkipped(element, skipCode) || options.exclude?.(element)) {
              node = nodeAfter(frame.walker, element, frame.start);
              continue;
            }
            if (element.shadowRoot) {
              enterShadow(frame, element, frame.walker.nextNode());
              break;
            }
          } else {
            const data = (node as Text).data;
            if (VISIBLE_TEXT.test(data)) {
              nodes.push(node as Text);
              texts.push(data);
            }
          }
          node = frame.walker.nextNode();
        }
        if (!node && stack[stack.length - 1] === frame) stack.pop();
      }
      return true;
    },
    get textAlone() {
      return textOnly;
    },
    leftOut(node) {
      if (!textOnly) return false;
      // Up through shadow hosts too: a host in a hidden element was entered all the same.
      const up = (child: Node) => child.parentElement ?? (child.parentNode as ShadowRoot | null)?.host ?? null;
      for (let element = up(node); element; element = up(element))
        if (isSkipped(element, skipCode) || options.exclude?.(element)) return true;
      return false;
    },
  };
}

/** Resolves when the browser is idle (or after a short wait where idle callbacks do not exist). */
export function yieldToPage(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 100 });
    else setTimeout(resolve, 0);
  });
}
