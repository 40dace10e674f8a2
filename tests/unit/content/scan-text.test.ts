// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import {
  collectTextNodes,
  createTextCollector,
  isSkipped,
  skipSelector,
  type CollectOptions,
} from '@/entrypoints/content/scan-text';

describe('collectTextNodes', () => {
  it('collects text a reader sees and leaves out code, form fields, editors and hidden text', () => {
    document.body.innerHTML = `
      <p>visible <b>bold</b></p>
      <script>var script = 1;</script><style>.style{}</style>
      <pre>pre text</pre><p>a <code>code</code> span</p>
      <textarea>textarea</textarea>
      <div contenteditable="true"><p>editor</p></div>
      <div contenteditable="false">not editable</div>
      <div hidden>hidden</div><div aria-hidden="true">aria hidden</div>
      <div id="ours">our host</div>`;
    const texts = collectTextNodes(document.body, { exclude: (el) => el.id === 'ours' }).map((n) => n.data.trim());
    expect(texts).toEqual(['visible', 'bold', 'a', 'span', 'not editable']);
  });

  it('includes code blocks when skipping code is switched off', () => {
    document.body.innerHTML = '<p>a</p><pre>pre text</pre><code>code</code>';
    expect(collectTextNodes(document.body, { skipCode: false }).map((n) => n.data)).toEqual(['a', 'pre text', 'code']);
  });

  it('walks into open shadow roots, in document order, and reports them', () => {
    document.body.innerHTML = '<p>before</p><div id="host"></div><p>after</p>';
    const shadow = (document.getElementById('host') as HTMLElement).attachShadow({ mode: 'open' });
    shadow.innerHTML = '<span>inside</span>';
    const found: ShadowRoot[] = [];
    const texts = collectTextNodes(document.body, { onShadowRoot: (root) => found.push(root) }).map((n) => n.data);
    expect(texts).toEqual(['before', 'inside', 'after']);
    expect(found).toEqual([shadow]);
  });

  it('keeps the text it read beside each node, so matching need not read the page again', () => {
    document.body.innerHTML = '<p>one <b>two</b></p><pre>code</pre><p> </p><p>three</p>';
    const collector = createTextCollector(document.body);
    collector.step(Infinity);
    expect(collector.texts).toEqual(['one ', 'two', 'three']);
    expect(collector.nodes.map((node) => node.data)).toEqual(collector.texts);
  });
});

describe.each<[string, CollectOptions]>([
  ['over every element', {}],
  ['over text nodes alone', { textOnlyFrom: 0 }],
])('createTextCollector between slices, walking %s', (_, walk) => {
  beforeEach(() => {
    if (walk.textOnlyFrom === 0) return installCustomElementQuery();
  });

  const page = (count: number) =>
    (document.body.innerHTML = Array.from({ length: count }, (_, i) => `<p id="p${i}">text ${i}</p>`).join(''));

  /**
   * The walk's bookmark between slices is a live Range, which browsers move when the node after
   * it is removed (DOM standard, the live range pre-remove steps); happy-dom leaves ranges where
   * they were, so the ranges the collector makes are kept here and moved as a browser would.
   */
  function liveRanges() {
    const ranges: Range[] = [];
    const make = document.createRange.bind(document);
    const spy = vi.spyOn(document, 'createRange').mockImplementation(() => {
      const range = make();
      ranges.push(range);
      return range;
    });
    const remove = (node: ChildNode) => {
      const parent = node.parentNode as Node;
      const index = Array.prototype.indexOf.call(parent.childNodes, node);
      for (const range of ranges) {
        if (node.contains(range.startContainer)) range.setStart(parent, index);
        else if (range.startContainer === parent && range.startOffset > index)
          range.setStart(parent, range.startOffset - 1);
      }
      node.remove();
    };
    return { ranges, remove, restore: () => spy.mockRestore() };
  }

  /** A walk of the page stopped after its first nodes, and the paragraph it stopped in. */
  function pausedWalk() {
    const collector = createTextCollector(document.body, walk);
    // The first slices of a walk over text alone run its queries.
    while (collector.nodes.length === 0) expect(collector.step(-1)).toBe(false);
    const seen = collector.nodes.length;
    return { collector, seen, last: collector.nodes[seen - 1]?.parentElement as Element };
  }

  it('goes on after the page removed what the walk was about to visit, up to the end of the page', () => {
    page(2000);
    const live = liveRanges();
    try {
      const { collector, seen, last } = pausedWalk();
      expect(seen).toBeGreaterThan(0);
      expect(seen).toBeLessThan(1990);
      // The paragraph the walk stopped in, and the next two, go (a ticker, an ad slot).
      const gone = [last, last.nextElementSibling, last.nextElementSibling?.nextElementSibling] as Element[];
      const goneTexts = gone.map((element) => element.textContent);
      for (const element of gone) live.remove(element);
      expect(collector.step(Infinity)).toBe(true);
      const rest = [...document.querySelectorAll('p')]
        .map((p) => p.textContent)
        .filter((text) => !collector.texts.slice(0, seen).includes(text as string));
      expect(collector.texts.slice(seen)).toEqual(rest);
      expect(rest).toHaveLength(2000 - seen - 2);
      for (const text of goneTexts.slice(1)) expect(collector.texts).not.toContain(text);
    } finally {
      live.restore();
    }
  });

  it('ends cleanly when the page removed everything after the point it stopped at', () => {
    page(2000);
    const live = liveRanges();
    try {
      const { collector, seen, last } = pausedWalk();
      while (last.nextSibling) live.remove(last.nextSibling);
      expect(collector.step(Infinity)).toBe(true);
      expect(collector.nodes).toHaveLength(seen);
    } finally {
      live.restore();
    }
  });

  it('does not take a comment for text where the page removed what the walk was about to visit', () => {
    document.body.innerHTML = Array.from({ length: 2000 }, (_, i) => `<p>text ${i}</p><!--comment ${i}-->`).join('');
    const live = liveRanges();
    try {
      const { collector, last } = pausedWalk();
      // The paragraph the walk stopped in and the next one go: the walk goes on from a comment.
      for (const element of [last.nextElementSibling, last] as Element[]) live.remove(element);
      expect(collector.step(Infinity)).toBe(true);
      expect(collector.nodes.every((node) => node.nodeType === Node.TEXT_NODE)).toBe(true);
      expect(collector.texts.filter((text) => text.startsWith('comment'))).toEqual([]);
      expect(collector.texts).toHaveLength(2000 - 2 + 1);
    } finally {
      live.restore();
    }
  });
});

describe('isSkipped', () => {
  it('agrees with the skip selector on every element kind and attribute it names', () => {
    const tags = [
      'p',
      'span',
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
      'div',
    ];
    const attributes = [
      '',
      ' hidden',
      ' hidden="until-found"',
      ' aria-hidden="true"',
      ' aria-hidden="false"',
      ' contenteditable',
      ' contenteditable="true"',
      ' contenteditable="false"',
      ' contenteditable="plaintext-only"',
      ' title="x"',
    ];
    document.body.innerHTML = [
      ...tags.flatMap((tag) => attributes.map((attribute) => `<${tag}${attribute}></${tag}>`)),
      '<svg></svg>',
      '<math></math>',
    ].join('');
    const elements = [...document.body.querySelectorAll('*')];
    expect(elements.length).toBeGreaterThan(150);
    for (const skipCode of [true, false]) {
      for (const element of elements) {
        expect([element.outerHTML, skipCode, isSkipped(element, skipCode)]).toEqual([
          element.outerHTML,
          skipCode,
          element.matches(skipSelector(skipCode)),
        ]);
      }
    }
  });
});

/**
 * happy-dom has no XPath: a stand-in for `document.evaluate` that answers the one query a walk
 * over text nodes alone makes (the custom elements under a node, as an ordered snapshot), the
 * way browsers do, so that walk can run here; the end-to-end tests run it in the browsers.
 */
let customElementQueries = 0;
/** Installs the stand-in; returns what takes it away. */
function installCustomElementQuery() {
  const doc = document as unknown as { evaluate?: (expression: string, context: Element) => unknown };
  const had = Object.prototype.hasOwnProperty.call(doc, 'evaluate');
  doc.evaluate = (expression, context) => {
    expect(expression).toBe(".//*[contains(local-name(), '-')]");
    customElementQueries++;
    const found = [...context.querySelectorAll('*')].filter((element) => element.localName.includes('-'));
    return { snapshotLength: found.length, snapshotItem: (i: number) => found[i] ?? null };
  };
  return () => {
    if (!had) delete doc.evaluate;
  };
}

function withCustomElementQuery(run: () => void) {
  const uninstall = installCustomElementQuery();
  try {
    run();
  } finally {
    uninstall();
  }
}

/** What a walk over text nodes alone keeps: what it collected and did not find left out. */
function textOnlyWalk(root: Node, options: CollectOptions = {}, slices = false) {
  const collector = createTextCollector(root, { ...options, textOnlyFrom: 0 });
  const queries = customElementQueries;
  if (slices) while (!collector.step(-1));
  else collector.step(Infinity);
  // It did walk over text alone (the walk over every element makes no such query).
  if ((root as Element).querySelector('*')) expect(customElementQueries).toBeGreaterThan(queries);
  return collector.nodes.filter((node) => !collector.leftOut(node));
}

describe('a walk over text nodes alone (pages of many elements)', () => {
  it('keeps what the walk over every element keeps, and never collects scripts, styles or text areas', () => {
    withCustomElementQuery(() => {
      document.body.innerHTML = `
        <p>visible <b>bold</b></p>
        <script>var script = 1;</script><style>.style{}</style><noscript>noscript</noscript>
        <pre>pre text</pre><p>a <code>code</code> span</p>
        <textarea>textarea</textarea>
        <div contenteditable="true"><p>editor</p></div>
        <div contenteditable="false">not editable</div>
        <div hidden>hidden <span>deep</span></div><div aria-hidden="true">aria hidden</div>
        <div id="ours">our host</div><p>last</p>`;
      const options = { exclude: (el: Element) => el.id === 'ours' };
      const everyElement = collectTextNodes(document.body, options);
      expect(everyElement.map((n) => n.data.trim())).toEqual(['visible', 'bold', 'a', 'span', 'not editable', 'last']);
      expect(textOnlyWalk(document.body, options)).toEqual(everyElement);
      expect(textOnlyWalk(document.body, options, true)).toEqual(everyElement);
      const collector = createTextCollector(document.body, { ...options, textOnlyFrom: 0 });
      collector.step(Infinity);
      const collected = collector.texts.map((text) => text.trim());
      for (const raw of ['var script = 1;', '.style{}', 'noscript', 'textarea']) expect(collected).not.toContain(raw);
      // Code, editors and hidden text are collected, and found left out.
      expect(collected).toEqual(
        expect.arrayContaining(['pre text', 'code', 'editor', 'hidden', 'deep', 'aria hidden']),
      );
    });
  });

  it('enters the open shadow roots of custom elements in document order, the last one after all text too', () => {
    withCustomElementQuery(() => {
      document.body.innerHTML =
        '<p>before</p><x-card>light</x-card><div hidden><x-card id="hidden"></x-card></div><p>after</p><x-end></x-end>';
      const shadows = [...document.querySelectorAll('x-card, x-end')].map((host, i) => {
        const shadow = host.attachShadow({ mode: 'open' });
        shadow.innerHTML = `<span>inside ${i}</span>`;
        return shadow;
      });
      const found: ShadowRoot[] = [];
      const options = { onShadowRoot: (root: ShadowRoot) => found.push(root) };
      const everyElement = collectTextNodes(document.body, options).map((n) => n.data);
      expect(everyElement).toEqual(['before', 'inside 0', 'light', 'after', 'inside 2']);
      found.length = 0;
      expect(textOnlyWalk(document.body, options).map((n) => n.data)).toEqual(everyElement);
      // The host in a hidden element is entered, and what is in it is left out.
      expect(found).toEqual(shadows);
      found.length = 0;
      expect(textOnlyWalk(document.body, options, true).map((n) => n.data)).toEqual(everyElement);
    });
  });

  it('goes on skipping after the page removed a skipped element between two slices', () => {
    withCustomElementQuery(() => {
      const rows = Array.from({ length: 1500 }, (_, i) =>
        i % 100 === 50 ? `<script>s${i}</script><p>p${i}</p>` : `<p>p${i}</p>`,
      );
      document.body.innerHTML = rows.join('');
      const collector = createTextCollector(document.body, { textOnlyFrom: 0 });
      while (collector.nodes.length === 0) collector.step(-1);
      const seen = collector.nodes.length;
      expect(seen).toBeLessThan(1000);
      // The next script ahead of the walk goes; the ones after it must still be skipped.
      const scripts = [...document.querySelectorAll('script')];
      const next = scripts.find((script) => collector.nodes[seen - 1]?.compareDocumentPosition(script) === 4);
      next?.remove();
      while (!collector.step(-1));
      expect(collector.texts.filter((text) => text.startsWith('s'))).toEqual([]);
      expect(collector.texts).toHaveLength(1500);
    });
  });
});

describe('the walk over text nodes alone against the walk over every element', () => {
  const leaf = fc.constantFrom('ketamine', 'plain words', ' ', 'more text');
  const tag = fc.constantFrom(
    'p',
    'span',
    'div',
    'b',
    'code',
    'pre',
    'script',
    'style',
    'textarea',
    'noscript',
    'x-box',
    'section',
  );
  const attribute = fc.constantFrom(
    '',
    '',
    '',
    ' hidden',
    ' aria-hidden="true"',
    ' contenteditable',
    ' contenteditable="false"',
  );
  const tree: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      leaf,
      fc.tuple(tag, attribute, fc.array(tie('node'), { maxLength: 4 })).map(([name, attrs, children]) =>
        // Raw-text elements hold text only, as the HTML parser gives them.
        ['script', 'style', 'textarea', 'noscript'].includes(name)
          ? `<${name}${attrs}>${children.join('').replace(/<[^>]*>/g, '')}</${name}>`
          : `<${name}${attrs}>${children.join('')}</${name}>`,
      ),
    ),
  })).node;

  it('keeps the same text nodes in the same order, shadow roots of custom elements included, in one go or in slices', () => {
    fc.assert(
      fc.property(fc.array(tree, { maxLength: 6 }), fc.boolean(), fc.boolean(), (parts, skipCode, slices) => {
        document.body.innerHTML = parts.join('');
        for (const [i, host] of [...document.querySelectorAll('x-box')].entries())
          host.attachShadow({ mode: 'open' }).innerHTML = i % 2 ? '<p>shadow <code>code</code></p>' : 'bare shadow';
        const everyElement = collectTextNodes(document.body, { skipCode });
        withCustomElementQuery(() => {
          expect(textOnlyWalk(document.body, { skipCode }, slices)).toEqual(everyElement);
        });
      }),
      { numRuns: 200 },
    );
  });
});
