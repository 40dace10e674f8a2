/**
 * The page-level ::highlight() rules of the Chrome build (see wxt.config.ts): each rule of
 * public/content-highlights.css on the root element only. Chromium styles custom highlights by
 * highlight inheritance, so a rule on the root reaches the text of every element, open shadow
 * roots included; a rule on every element (`::highlight(name)` alone) made each style update
 * of the page dearer: adding it to the node page's 210,000 elements took 850-1,140 ms of style
 * recalculation against 450-475 ms on the root, and the page's load event 2.3 s against 1.9 s
 * (README, "Performance"). Firefox does not inherit highlight styles, so its build keeps the
 * rules as they are.
 */
export function rootHighlightRules(css: string): string {
  // A rule's selector follows the start, the end of a rule or the end of a comment.
  return css.replace(/(^|\}|\*\/)(\s*)::highlight\(/g, '$1$2:root::highlight(');
}
