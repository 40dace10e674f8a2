/** Elements whose text is never marked: form fields, editors, non-rendered content. */
const ALWAYS_SKIPPED = [
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
  '[contenteditable]:not([contenteditable="false"])',
  '[hidden]',
  '[aria-hidden="true"]',
];
/** Code, skipped unless the reader turns "skip code blocks" off. */
const CODE = ['code', 'pre', 'kbd', 'samp'];

/** The selector of elements whose text is left alone. */
export function skipSelector(skipCode = true): string {
  return (skipCode ? [...ALWAYS_SKIPPED, ...CODE] : ALWAYS_SKIPPED).join(',');
}

/** NodeFilter constants, spelled out so this also runs in node with a DOM library (the scan command). */
const SHOW_ELEMENT = 0x1;
const SHOW_TEXT = 0x4;
const ELEMENT_NODE = 1;

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
  const selector = skipSelector(options.skipCode);
  const nodes: Text[] = [];
  const visit = (start: Node) => {
    const doc = start.ownerDocument ?? (start as Document);
    const walker = doc.createTreeWalker(start, SHOW_TEXT | SHOW_ELEMENT);
    const decided = new Map<Element, boolean>();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === ELEMENT_NODE) {
        const shadow = (node as Element).shadowRoot;
        if (shadow && !skipped(node as Element, decided)) {
          options.onShadowRoot?.(shadow);
          visit(shadow);
        }
        continue;
      }
      const parent = node.parentElement;
      const value = node.nodeValue;
      if (!parent || value === null || value.trim() === '') continue;
      if (!skipped(parent, decided)) nodes.push(node as Text);
    }
  };
  const skipped = (element: Element, decided: Map<Element, boolean>): boolean => {
    let result = decided.get(element);
    if (result === undefined) {
      result = element.closest(selector) !== null || (options.exclude?.(element) ?? false);
      decided.set(element, result);
    }
    return result;
  };
  if (root.nodeType === 3) {
    const parent = root.parentElement;
    if (parent && !skipped(parent, new Map()) && (root.nodeValue ?? '').trim() !== '') nodes.push(root as Text);
    return nodes;
  }
  visit(root);
  return nodes;
}

/** Resolves when the browser is idle (or after a short wait where idle callbacks do not exist). */
export function yieldToPage(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 100 });
    else setTimeout(resolve, 0);
  });
}
