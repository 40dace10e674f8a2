import type { TermSummary } from '@/data/types';

/**
 * Where the page's matcher (entrypoints/page-matcher.ts) registers: a factory of PageMatcher. A
 * module of its own, so that page-matcher.js, which also runs in a worker, imports nothing that
 * needs the extension's APIs.
 */
export const PAGE_MATCHER_KEY = Symbol.for('factlens.page-matcher');

/** page-matcher.js run as a worker -> content script, once its index is loaded. */
export interface WorkerReady {
  ready: true;
  /** What loading the index took in the worker, in ms. */
  indexMs: number;
}

/** Content script -> page-matcher.js run as a worker, first: the reader's terms, or none for the bundled set. */
export interface WorkerInit {
  summaries?: readonly TermSummary[];
}
