import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rootHighlightRules } from '@/utils/highlight-rules';
import { HIGHLIGHT_NAMES } from '@/entrypoints/content/highlight';

const source = readFileSync('public/content-highlights.css', 'utf8');

/** Selector -> declarations of each rule, comments left out. */
function rules(css: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const [, selector, body] of css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}]+)\{([^}]*)\}/g))
    found.set((selector ?? '').trim(), (body ?? '').replace(/\s+/g, ' ').trim());
  return found;
}

describe('rootHighlightRules: the Chrome build styles highlights from the root element', () => {
  it('puts every highlight style of the page-level rules on :root, with the same declarations', () => {
    const before = rules(source);
    const after = rules(rootHighlightRules(source));
    expect(before.size).toBe(Object.keys(HIGHLIGHT_NAMES).length);
    expect([...after.keys()].sort()).toEqual(
      Object.values(HIGHLIGHT_NAMES)
        .map((name) => `:root::highlight(${name})`)
        .sort(),
    );
    for (const [selector, declarations] of before) expect(after.get(`:root${selector}`)).toBe(declarations);
  });

  it('rewrites rules written on one line too, and leaves other text alone', () => {
    expect(rootHighlightRules('::highlight(a){color:red}::highlight(b){color:blue}')).toBe(
      ':root::highlight(a){color:red}:root::highlight(b){color:blue}',
    );
    expect(rootHighlightRules('/* ::highlight(x) in a comment */')).toBe('/* ::highlight(x) in a comment */');
  });
});
