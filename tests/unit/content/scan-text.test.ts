// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { collectTextNodes, createTextCollector, isSkipped, skipSelector } from '@/entrypoints/content/scan-text';

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

describe('createTextCollector between slices', () => {
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

  it('goes on after the page removed what the walk was about to visit, up to the end of the page', () => {
    page(2000);
    const live = liveRanges();
    try {
      const collector = createTextCollector(document.body);
      expect(collector.step(-1)).toBe(false);
      const seen = collector.nodes.length;
      expect(seen).toBeGreaterThan(0);
      expect(seen).toBeLessThan(1990);
      // The paragraph the walk stopped in, and the next two, go (a ticker, an ad slot).
      const last = collector.nodes[seen - 1]?.parentElement as Element;
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
      const collector = createTextCollector(document.body);
      collector.step(-1);
      const seen = collector.nodes.length;
      const last = collector.nodes[seen - 1]?.parentElement as Element;
      while (last.nextSibling) live.remove(last.nextSibling);
      expect(collector.step(Infinity)).toBe(true);
      expect(collector.nodes).toHaveLength(seen);
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
