// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installStaticRange, rangeText } from './static-range';
import pageMatcherScript from '@/entrypoints/page-matcher';
import { annotatePage, type MatchStore } from '@/entrypoints/content/annotate-page';
import { rangeOf } from '@/entrypoints/content/highlight';
import { startMatchWorker, workerPort } from '@/entrypoints/content/match-worker';
import { PAGE_MATCHER_KEY } from '@/entrypoints/content/page-matcher-api';
import { createRemoteMatcher } from '@/entrypoints/content/remote-matcher';
import { createTextCollector } from '@/entrypoints/content/scan-text';
import type { MatchResponse } from '@/utils/match-protocol';
import { makeEntry } from '../helpers';

installStaticRange();

type Handler = ((event: MessageEvent<unknown>) => void) | null;

/**
 * A Worker whose script is entrypoints/page-matcher.ts itself, run in this test's global as
 * the real worker runs it (a task away each way); `fail` plays a page whose Content Security
 * Policy refuses the blob: worker (an error event), `silent` a worker that never answers.
 */
class FakeWorker {
  static mode: 'run' | 'fail' | 'silent' = 'run';
  static last: FakeWorker | undefined;
  onmessage: Handler = null;
  onerror: ((event: Event) => void) | null = null;
  onmessageerror: ((event: Event) => void) | null = null;
  terminated = false;
  received: unknown[] = [];
  private scope: { onmessage: Handler; postMessage: (message: unknown) => void } = {
    onmessage: null,
    postMessage: (message) =>
      setTimeout(() => !this.terminated && this.onmessage?.({ data: message } as MessageEvent<unknown>), 0),
  };

  constructor(readonly url: string) {
    FakeWorker.last = this;
    if (FakeWorker.mode === 'fail') {
      setTimeout(() => this.onerror?.(new Event('error', { cancelable: true })), 0);
      return;
    }
    // What page-matcher.js does when it finds itself in a worker's global scope.
    this.inScope(() => {
      void pageMatcherScript.main();
    });
  }

  /** Runs `run` with this worker's global scope standing in for the test's global. */
  private inScope(run: () => void) {
    const global = globalThis as Record<string, unknown>;
    const saved = { onmessage: global.onmessage, postMessage: global.postMessage };
    global.WorkerGlobalScope = class {};
    global.onmessage = this.scope.onmessage;
    global.postMessage = this.scope.postMessage;
    try {
      run();
      this.scope.onmessage = global.onmessage as Handler;
    } finally {
      delete global.WorkerGlobalScope;
      global.onmessage = saved.onmessage;
      global.postMessage = saved.postMessage;
      delete (global as Record<symbol, unknown>)[PAGE_MATCHER_KEY];
    }
  }

  postMessage(message: unknown) {
    this.received.push(message);
    if (FakeWorker.mode !== 'run') return;
    const data = structuredClone(message);
    setTimeout(() => {
      if (!this.terminated) this.inScope(() => this.scope.onmessage?.({ data } as MessageEvent<unknown>));
    }, 0);
  }

  terminate() {
    this.terminated = true;
  }
}

const asWorker = FakeWorker as unknown as new (url: string) => Worker;
const summaries = [makeEntry('ketamine', ['ketamine']), makeEntry('glutamate', ['glutamate'])];

beforeEach(() => {
  FakeWorker.mode = 'run';
  FakeWorker.last = undefined;
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response('/* page-matcher.js */')),
  );
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('startMatchWorker', () => {
  it('starts page-matcher.js in a worker with the reader terms, and matches a page through it', async () => {
    const started = await startMatchWorker('chrome-extension://id/page-matcher.js', summaries, asWorker);
    expect(started).toBeDefined();
    expect(fetch).toHaveBeenCalledWith('chrome-extension://id/page-matcher.js');
    expect(FakeWorker.last?.url).toMatch(/^blob:/);
    expect(FakeWorker.last?.received[0]).toEqual({ summaries });
    expect(started?.indexMs).toBeGreaterThanOrEqual(0);

    document.body.innerHTML = '<p>Ketamine acts on glutamate.</p><p>Nothing here.</p>';
    const collector = createTextCollector(document.body);
    collector.step(Infinity);
    const remote = createRemoteMatcher(
      () => started!.port,
      (id) => summaries.some((entry) => entry.id === id),
    );
    const painted: string[] = [];
    const store: MatchStore = new Map();
    const local = vi.fn(async () => {
      throw new Error('the page matched on its own');
    });
    const count = await annotatePage({
      nodes: collector.nodes,
      texts: collector.texts,
      local,
      remote,
      store,
      signal: new AbortController().signal,
      painter: { add: (_element, mark) => painted.push(rangeText(rangeOf(mark))), delete: () => {} },
    });
    expect(count).toBe(2);
    expect(painted).toEqual(['Ketamine', 'glutamate']);
    expect(local).not.toHaveBeenCalled();
    // The worker reports what matching took there, for the benchmark's account of the work.
    expect(remote.reportedMs).toBeGreaterThan(0);
    remote.dispose();
    expect(FakeWorker.last?.terminated).toBe(true);
  });

  it('gives up, stopping the worker, when the page forbids blob: workers', async () => {
    FakeWorker.mode = 'fail';
    expect(await startMatchWorker('chrome-extension://id/page-matcher.js', undefined, asWorker)).toBeUndefined();
    expect(FakeWorker.last?.terminated).toBe(true);
  });

  it('gives up when the worker does not load in time, or the script cannot be fetched', async () => {
    vi.useFakeTimers();
    FakeWorker.mode = 'silent';
    const waiting = startMatchWorker('chrome-extension://id/page-matcher.js', undefined, asWorker);
    await vi.advanceTimersByTimeAsync(3000);
    expect(await waiting).toBeUndefined();
    expect(FakeWorker.last?.terminated).toBe(true);
    vi.useRealTimers();

    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    FakeWorker.last = undefined;
    expect(await startMatchWorker('chrome-extension://id/page-matcher.js', undefined, asWorker)).toBeUndefined();
    expect(FakeWorker.last).toBeUndefined();
  });
});

describe('workerPort', () => {
  it('passes messages both ways and reports an error in the worker as the port closing', async () => {
    const worker = new FakeWorker('blob:x');
    const port = workerPort(worker as unknown as Worker);
    const answers: unknown[] = [];
    let closed = 0;
    port.onMessage.addListener((message) => answers.push(message));
    port.onDisconnect.addListener(() => closed++);
    port.postMessage({ id: 0, texts: [], fuzzy: false, budgetMs: 0 });
    expect(worker.received).toHaveLength(1);
    worker.onmessage?.({ data: { id: 0, matches: [], terminals: [], spentMs: 0 } } as MessageEvent<unknown>);
    expect(answers).toEqual([{ id: 0, matches: [], terminals: [], spentMs: 0 } satisfies MatchResponse]);
    worker.onerror?.(new Event('error', { cancelable: true }));
    expect(closed).toBe(1);
    expect(worker.terminated).toBe(true);
  });

  it('stops the worker on disconnect without calling its own listeners', () => {
    const worker = new FakeWorker('blob:x');
    const port = workerPort(worker as unknown as Worker);
    let closed = 0;
    port.onDisconnect.addListener(() => closed++);
    port.disconnect();
    expect(worker.terminated).toBe(true);
    expect(closed).toBe(0);
  });
});
