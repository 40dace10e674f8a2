import type { TermSummary } from '@/data/types';
import type { WorkerInit, WorkerReady } from './page-matcher-api';
import type { ClientPort } from './remote-matcher';

/** How long the worker may take to start before the page's text goes to the background instead. */
const READY_TIMEOUT_MS = 3000;

/**
 * Run before page-matcher.js in the worker: WXT's unlisted scripts load webextension-polyfill
 * first, which throws where there is no extension runtime (a worker of the page has none). The
 * matcher uses no extension API; the stand-in only lets the polyfill load.
 */
const WORKER_PRELUDE = "var chrome = { runtime: { id: 'factlens-match-worker' } };\n";

/** A started matching worker: its port, and what loading its index took. */
export interface MatchWorker {
  port: ClientPort;
  indexMs: number;
}

/** The part of the Worker constructor used here (tests give a fake one). */
export type WorkerConstructor = new (url: string) => Worker;

/**
 * Starts the page's matcher (page-matcher.js, fetched from the extension) in a dedicated worker
 * of the page, made from a blob: URL, for a page with a lot of text. Posting text to a worker
 * of the page's own process costs the page a fraction of what the extension's messaging costs
 * (which goes to another process): the 6 MB benchmark page's text took about 35 ms against
 * 140-210 ms. Resolves once the worker has loaded its index, or with undefined when it cannot
 * start: a page whose Content Security Policy forbids blob: workers, a failed fetch, no answer
 * within READY_TIMEOUT_MS. The caller then sends the text to the background.
 */
export async function startMatchWorker(
  scriptUrl: string,
  summaries: readonly TermSummary[] | undefined,
  WorkerClass: WorkerConstructor = Worker,
): Promise<MatchWorker | undefined> {
  let url: string | undefined;
  let worker: Worker | undefined;
  try {
    const code = await (await fetch(scriptUrl)).text();
    url = URL.createObjectURL(new Blob([WORKER_PRELUDE, code], { type: 'text/javascript' }));
    worker = new WorkerClass(url);
  } catch {
    if (url) URL.revokeObjectURL(url);
    return undefined;
  }
  const started = worker;
  const indexMs = await new Promise<number | undefined>((resolve) => {
    const timer = setTimeout(() => resolve(undefined), READY_TIMEOUT_MS);
    started.onmessage = ({ data }: MessageEvent<unknown>) => {
      clearTimeout(timer);
      const ready = data as WorkerReady | null;
      resolve(ready?.ready === true ? ready.indexMs : undefined);
    };
    // A page's CSP that forbids blob: workers shows here, not as an exception.
    started.onerror = (event) => {
      event.preventDefault();
      clearTimeout(timer);
      resolve(undefined);
    };
    const init: WorkerInit = summaries ? { summaries } : {};
    started.postMessage(init);
  });
  URL.revokeObjectURL(url);
  if (indexMs === undefined) {
    started.terminate();
    return undefined;
  }
  return { port: workerPort(started), indexMs };
}

/**
 * A worker as the port the remote matcher talks to. The worker stopping with an error counts as
 * the port closing; disconnecting stops the worker.
 */
export function workerPort(worker: Worker): ClientPort {
  const messageListeners: ((message: unknown) => void)[] = [];
  const disconnectListeners: (() => void)[] = [];
  let open = true;
  const close = (event: Event) => {
    event.preventDefault();
    if (!open) return;
    open = false;
    worker.terminate();
    for (const listener of disconnectListeners) listener();
  };
  worker.onmessage = ({ data }: MessageEvent<unknown>) => {
    for (const listener of messageListeners) listener(data);
  };
  worker.onerror = close;
  worker.onmessageerror = close;
  return {
    postMessage: (message) => worker.postMessage(message),
    onMessage: { addListener: (listener) => void messageListeners.push(listener) },
    onDisconnect: { addListener: (listener) => void disconnectListeners.push(listener) },
    disconnect() {
      // As with a runtime port, the side that disconnects hears no onDisconnect.
      open = false;
      worker.terminate();
    },
  };
}
