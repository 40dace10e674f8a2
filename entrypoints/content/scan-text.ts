/** Elements whose text is never marked: code, form fields, editors, non-rendered content. */
export const SKIP_SELECTOR = [
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'input',
  'select',
  'option',
  'code',
  'pre',
  'kbd',
  'samp',
  'svg',
  'math',
  '[contenteditable]:not([contenteditable="false"])',
  '[hidden]',
  '[aria-hidden="true"]',
].join(',');

/** NodeFilter.SHOW_TEXT, as a constant so this also runs in node with a DOM library (the scan command). */
const SHOW_TEXT = 0x4;

export interface CollectOptions {
  /** Extra elements to leave out, such as our own shadow host. */
  exclude?: (element: Element) => boolean;
}

/**
 * The text nodes under `root` that a reader can see and that may carry terms. A plain
 * SHOW_TEXT walker with one cached decision per parent element is several times faster than
 * a TreeWalker with a filter callback (TOOLCHAIN.md, "Measured here").
 */
export function collectTextNodes(root: Node, options: CollectOptions = {}): Text[] {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, SHOW_TEXT);
  const decided = new Map<Element, boolean>();
  const nodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent) continue;
    const value = node.nodeValue;
    if (value === null || value.trim() === '') continue;
    let skipped = decided.get(parent);
    if (skipped === undefined) {
      skipped = parent.closest(SKIP_SELECTOR) !== null || (options.exclude?.(parent) ?? false);
      decided.set(parent, skipped);
    }
    if (!skipped) nodes.push(node as Text);
  }
  return nodes;
}

/** Resolves after the browser had a chance to paint and handle input. */
export function yieldToPage(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
