import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IDLE_AFTER_PARSED_MS, pageSettled } from '@/entrypoints/content/start-time';

/** A document and window whose loading the test moves on, as a browser's parser would. */
function loadingPage(readyState: DocumentReadyState) {
  const doc = Object.assign(new EventTarget(), { readyState });
  const win = new EventTarget();
  return {
    doc,
    win,
    parsed() {
      doc.readyState = 'interactive';
      doc.dispatchEvent(new Event('DOMContentLoaded'));
    },
    loaded() {
      doc.readyState = 'complete';
      win.dispatchEvent(new Event('load'));
    },
  };
}

/** Whether `promise` has settled once pending callbacks have run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await vi.advanceTimersByTimeAsync(0);
  return done;
}

describe('pageSettled: when Factlens, injected at document_start, starts its work', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('waits for the parsing to end, then for the load event', async () => {
    const page = loadingPage('loading');
    const start = pageSettled(page.doc, page.win);
    expect(await settled(start)).toBe(false);
    // Time alone does not start it while the document is still being parsed.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await settled(start)).toBe(false);
    page.parsed();
    expect(await settled(start)).toBe(false);
    page.loaded();
    expect(await settled(start)).toBe(true);
  });

  it('starts a short while after the parsing when the load event is slow to come (an image still loading)', async () => {
    const page = loadingPage('loading');
    const start = pageSettled(page.doc, page.win);
    page.parsed();
    await vi.advanceTimersByTimeAsync(IDLE_AFTER_PARSED_MS - 1);
    expect(await settled(start)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settled(start)).toBe(true);
  });

  it('starts at once in a page that has loaded (brought into an open tab after an install)', async () => {
    const page = loadingPage('complete');
    expect(await settled(pageSettled(page.doc, page.win))).toBe(true);
  });

  it('waits only for the load event or the short while in a parsed page', async () => {
    const page = loadingPage('interactive');
    const start = pageSettled(page.doc, page.win);
    expect(await settled(start)).toBe(false);
    await vi.advanceTimersByTimeAsync(IDLE_AFTER_PARSED_MS);
    expect(await settled(start)).toBe(true);
  });

  it('leaves no listener or timer behind', async () => {
    const page = loadingPage('loading');
    const removed: string[] = [];
    const watch = (target: EventTarget) => {
      const remove = target.removeEventListener.bind(target);
      target.removeEventListener = (type: string, listener: EventListenerOrEventListenerObject | null) => {
        removed.push(type);
        remove(type, listener);
      };
    };
    watch(page.doc);
    watch(page.win);
    const start = pageSettled(page.doc, page.win);
    page.parsed();
    expect(await settled(start)).toBe(false);
    page.loaded();
    await start;
    expect(removed.sort()).toEqual(['DOMContentLoaded', 'load']);
    expect(vi.getTimerCount()).toBe(0);
  });
});
