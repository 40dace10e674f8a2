/** Relative luminance (0 black - 1 white) of a CSS rgb()/rgba() colour, or undefined when transparent. */
export function luminanceOf(color: string): number | undefined {
  const parts = color.match(/[\d.]+/g)?.map(Number);
  if (!parts || parts.length < 3) return undefined;
  const [r = 0, g = 0, b = 0, alpha = 1] = parts;
  if (alpha < 0.1) return undefined;
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/**
 * Whether the card should be dark on this page: the background behind `element` (the first
 * non-transparent one up the tree, then body and html) decides. With none, the page shows the
 * browser's canvas: dark only when the page allows a dark colour scheme and the system uses one.
 */
export function prefersDarkCard(element: Element | null, win: Window = window): boolean {
  const doc = win.document;
  for (let node: Element | null = element; node; node = node.parentElement) {
    const luminance = luminanceOf(win.getComputedStyle(node).backgroundColor);
    if (luminance !== undefined) return luminance < 0.35;
  }
  for (const node of [doc.body, doc.documentElement]) {
    if (!node) continue;
    const luminance = luminanceOf(win.getComputedStyle(node).backgroundColor);
    if (luminance !== undefined) return luminance < 0.35;
  }
  const pageSchemes = win.getComputedStyle(doc.documentElement).colorScheme;
  return /\bdark\b/.test(pageSchemes) && win.matchMedia('(prefers-color-scheme: dark)').matches;
}
