// @vitest-environment happy-dom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { installStaticRange, rangeText } from './static-range';
import { rangeOf } from '@/entrypoints/content/highlight';
import { annotatePage, type MatchStore } from '@/entrypoints/content/annotate-page';
import { collectTextNodes } from '@/entrypoints/content/scan-text';
import { termSummaries, fuzzyExclusions } from '@/data/match-data';
import { matchTerms } from '@/utils/match-terms';
import { compileTermIndex } from '@/utils/term-index';
import { createFuseScorer } from '@/utils/fuse-scorer';
import { findTerms } from '@/utils/find-terms';

installStaticRange();

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
        const ranges = new Set<AbstractRange>();
        const store: MatchStore = new Map();
        await annotatePage({
          nodes: collectTextNodes(document.body),
          local: { index, match: matchTerms },
          painter: {
            add: (_element, mark) => void ranges.add(rangeOf(mark)),
            delete: (_element, mark) => void (mark.range && ranges.delete(mark.range)),
          },
          store,
          signal: new AbortController().signal,
          find: { fuzzy: true, context: true },
        });
        expect(document.body.innerHTML).toBe(before);
        for (const range of ranges) expect(rangeText(range).length).toBeGreaterThan(0);
        ranges.clear();
        store.clear();
        expect(document.body.innerHTML).toBe(before);
      }),
      { numRuns: 100 },
    );
  });

  // The content script decides ambiguous aliases node by node (no page-sized string); the
  // result must be what the context rule gives on the page's text as one string.
  it('marks what findTerms marks on the text of the same nodes joined by line breaks', async () => {
    const words = fc.constantFrom(
      'TMS',
      'TMS coil',
      'a transportation management system',
      'depression',
      'the Great Depression',
      'primary care',
      'PCP',
      'ketamine',
      'psychiatrists',
      // Three more terms: pages that name PAGE_EVIDENCE terms pass the context rule only the
      // evidence that can still decide something.
      'dopamine',
      'lithium',
      'the hippocampus',
      'transcranial magnetic stimulation',
      'phencyclidine',
      'plain words',
      ' ',
    );
    const html = fc.array(
      fc
        .tuple(fc.constantFrom('p', 'em', 'div', 'span'), fc.array(words, { minLength: 1, maxLength: 4 }))
        .map(([tag, parts]) => `<${tag}>${parts.join(' ')}</${tag}>`),
      { maxLength: 8 },
    );
    await fc.assert(
      fc.asyncProperty(html, async (parts) => {
        document.body.innerHTML = parts.join('');
        const nodes = collectTextNodes(document.body);
        const store: MatchStore = new Map();
        await annotatePage({
          nodes,
          local: { index, match: matchTerms },
          painter: { add: () => undefined, delete: () => undefined },
          store,
          signal: new AbortController().signal,
          find: { context: true },
        });
        const bases = new Map<Text, number>();
        let total = 0;
        for (const node of nodes) {
          bases.set(node, total);
          total += node.data.length + 1;
        }
        const painted = [...store.entries()]
          .flatMap(([node, matches]) => matches.map((m) => `${(bases.get(node) ?? 0) + m.start}:${m.entryId}`))
          .sort();
        const text = nodes.map((node) => node.data).join('\n');
        const expected = findTerms(text, index, { context: true })
          .map((m) => `${m.start}:${m.entryId}`)
          .sort();
        expect(painted).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });
});
