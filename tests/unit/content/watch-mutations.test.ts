// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { watchMutations, type MutationBatch } from '@/entrypoints/content/watch-mutations';

/** Watches document.body with our host `ours` in it; `batches()` flushes and returns what came. */
function watchPage(ours: HTMLElement) {
  const controller = new AbortController();
  const batches: MutationBatch[] = [];
  const edits: Node[] = [];
  watchMutations(document.body, {
    signal: controller.signal,
    ours,
    batchMs: 0,
    onBatch: (batch) => batches.push(batch),
    onEdit: (node) => edits.push(node),
  });
  return {
    edits,
    stop: () => controller.abort(),
    /** Lets the observer's records and the batch timer (and the idle callback after it) run. */
    async batches() {
      await new Promise((resolve) => setTimeout(resolve, 0));
      await new Promise((resolve) => setTimeout(resolve, 20));
      await new Promise((resolve) => setTimeout(resolve, 20));
      return batches;
    },
  };
}

describe('watchMutations', () => {
  let stop = () => {};
  afterEach(() => {
    stop();
    document.body.replaceChildren();
  });

  it('reports added nodes and edited text, and that something was removed or edited', async () => {
    document.body.innerHTML = '<p id="a">first</p><p id="b">second</p>';
    const ours = document.createElement('factlens-card');
    const page = watchPage(ours);
    stop = page.stop;
    const added = document.createElement('p');
    added.textContent = 'new text';
    document.body.append(added);
    const text = document.getElementById('a')?.firstChild as Text;
    text.data = 'edited';
    const batches = await page.batches();
    const changed = batches.flatMap((batch) => batch.changed);
    expect(changed).toContain(added);
    expect(changed).toContain(text);
    expect(page.edits).toEqual([text]);
    expect(batches.some((batch) => batch.removedOrEdited)).toBe(true);
  });

  it('reports a removal alone as removed, with nothing to scan', async () => {
    document.body.innerHTML = '<p id="a">first</p><p id="b">second</p>';
    const page = watchPage(document.createElement('factlens-card'));
    stop = page.stop;
    document.getElementById('b')?.remove();
    const batches = await page.batches();
    expect(batches).toHaveLength(1);
    expect(batches[0]).toEqual({ changed: [], removedOrEdited: true });
  });

  it('reports each of many updates of one element, and only the nodes still in the page', async () => {
    const counter = document.body.appendChild(document.createElement('span'));
    const page = watchPage(document.createElement('factlens-card'));
    stop = page.stop;
    for (let i = 0; i < 50; i++) counter.textContent = `updated ${i} times`;
    const batches = await page.batches();
    const changed = batches.flatMap((batch) => batch.changed);
    // Every update replaced the span's text node; only the last one is still in the page.
    expect(changed).toEqual([counter.firstChild]);
    expect(batches.some((batch) => batch.removedOrEdited)).toBe(true);
  });

  it('leaves out our host and what changes inside it, but not the page around it', async () => {
    document.body.innerHTML = '<p id="a">first</p>';
    const ours = document.createElement('factlens-card');
    const page = watchPage(ours);
    stop = page.stop;
    document.body.append(ours);
    const inside = document.createElement('div');
    inside.textContent = 'card text';
    ours.append(inside);
    (inside.firstChild as Text).data = 'card text, edited';
    // Runs of records on our host and on the page, interleaved.
    const pageText = document.createElement('p');
    pageText.textContent = 'page text';
    document.body.append(pageText);
    inside.append('more card text');
    const batches = await page.batches();
    const changed = batches.flatMap((batch) => batch.changed);
    expect(changed).toEqual([pageText]);
    expect(page.edits).toEqual([]);
  });
});
