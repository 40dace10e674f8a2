// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
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
