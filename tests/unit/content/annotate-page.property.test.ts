// @vitest-environment happy-dom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { annotatePage, type MatchStore } from '@/entrypoints/content/annotate-page';
import { collectTextNodes } from '@/entrypoints/content/scan-text';
import { termSummaries, fuzzyExclusions } from '@/data/match-data';
import { compileTermIndex } from '@/utils/term-index';
import { createFuseScorer } from '@/utils/fuse-scorer';

const index = compileTermIndex(termSummaries, { fuzzyExclusions, scorer: createFuseScorer() });

/** Arbitrary small DOM trees as HTML: nested elements (some skipped kinds), text with terms. */
const tree: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom('ketamine', 'TMS therapy', 'glutamate and NMDA receptors', 'plain words', ' ', 'ketamin'),
    fc
      .tuple(
        fc.constantFrom('p', 'em', 'div', 'code', 'span', 'textarea', 'a'),
        fc.array(tie('node'), { maxLength: 4 }),
      )
      .map(([tag, children]) => `<${tag}>${children.join('')}</${tag}>`),
  ),
})).node;

describe('annotatePage on arbitrary DOM trees (property)', () => {
  it('paints without changing the tree, and clearing leaves it as it was', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(tree, { maxLength: 5 }), async (parts) => {
        document.body.innerHTML = parts.join('');
        const before = document.body.innerHTML;
        const ranges = new Set<Range>();
        const store: MatchStore = new Map();
        await annotatePage({
          nodes: collectTextNodes(document.body),
          index,
          painter: {
            add: (_element, range) => void ranges.add(range),
            delete: (_element, range) => void ranges.delete(range),
          },
          store,
          signal: new AbortController().signal,
          find: { fuzzy: true, context: true },
        });
        expect(document.body.innerHTML).toBe(before);
        for (const range of ranges) expect(range.toString().length).toBeGreaterThan(0);
        ranges.clear();
        store.clear();
        expect(document.body.innerHTML).toBe(before);
      }),
      { numRuns: 100 },
    );
  });
});
