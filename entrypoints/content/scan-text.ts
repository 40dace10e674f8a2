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
}

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

/** The first node after the subtree of the walker's current node, within `frame.start`. */
function afterSubtree({ walker, start }: Frame): Node | null {
  for (let node: Node | null = walker.currentNode; node && node !== start; node = walker.parentNode()) {
    const sibling = walker.nextSibling();
    if (sibling) return sibling;
  }
  return null;
}

/** The node to visit next in `frame` when its next node left `frame.start` while the walk waited. */
function afterRemoval(frame: Frame, bookmark: Range): Node | null {
  const { walker, start } = frame;
  const { startContainer: container, startOffset } = bookmark;
  if (!start.contains(container)) return null;
  const child = container.childNodes[startOffset];
  if (child) {
    walker.currentNode = child;
    return child;
  }
  // It was the last child: what follows the container.
  walker.currentNode = container;
  return container === start ? null : afterSubtree(frame);
}

/**
 * The resumable walk behind collectTextNodes, so that a page of a million nodes is collected
 * in slices that leave the main thread free in between.
 */
export function createTextCollector(root: Node, options: CollectOptions = {}): TextCollector {
  const skipCode = options.skipCode !== false;
  const selector = skipSelector(skipCode);
  const nodes: Text[] = [];
  const texts: string[] = [];
  const stack: Frame[] = [];
  const enter = (start: Node) => {
    const doc = start.ownerDocument ?? (start as Document);
    // Each element is tested as the walk reaches it and skipped subtrees are jumped over, so no
    // text node needs an ancestor check (closest() per parent is far slower on pages of many
    // small elements) and no query over the whole page runs in one task.
    const walker = doc.createTreeWalker(start, SHOW_TEXT | SHOW_ELEMENT);
    stack.push({ start, walker, node: walker.nextNode() });
  };

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

  let checks = 0;
  return {
    nodes,
    texts,
    step(deadline) {
      while (stack.length > 0) {
        const frame = stack[stack.length - 1] as Frame;
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
              node = afterSubtree(frame);
              continue;
            }
            const shadow = element.shadowRoot;
            if (shadow) {
              options.onShadowRoot?.(shadow);
              frame.node = frame.walker.nextNode();
              bookmark(frame);
              enter(shadow);
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
  };
}

/** Resolves when the browser is idle (or after a short wait where idle callbacks do not exist). */
export function yieldToPage(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 100 });
    else setTimeout(resolve, 0);
  });
}
