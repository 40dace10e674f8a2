// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { collectTextNodes } from '@/entrypoints/content/scan-text';

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
});
