const loading = new Map<symbol, Promise<unknown>>();

/**
 * Code the content script loads only when a page needs it: an unlisted script of the extension
 * (web-accessible, see wxt.config.ts) imported into the content script's own world, where it
 * registers what it provides under `key`. A failed load is forgotten, so the next use retries.
 */
export function loadExtensionModule<T>(
  path: '/card-view.js' | '/content-main.js' | '/page-matcher.js',
  key: symbol,
): Promise<T> {
  const registry = globalThis as Record<symbol, T | undefined>;
  const ready = registry[key];
  if (ready !== undefined) return Promise.resolve(ready);
  let promise = loading.get(key) as Promise<T> | undefined;
  if (!promise) {
    promise = import(/* @vite-ignore */ browser.runtime.getURL(path)).then(() => {
      const loaded = registry[key];
      if (loaded === undefined) throw new Error(`Factlens: ${path} did not register`);
      return loaded;
    });
    loading.set(key, promise);
    promise.catch(() => loading.delete(key));
  }
  return promise;
}

/** Where the page's matcher (entrypoints/page-matcher.ts) registers: a factory of PageMatcher. */
export const PAGE_MATCHER_KEY = Symbol.for('factlens.page-matcher');

/** Where Factlens' work on a page (entrypoints/content-main.ts) registers: runFactlens of content/main.ts. */
export const CONTENT_MAIN_KEY = Symbol.for('factlens.content-main');

/** When content-main.js began to be evaluated (entrypoints/content/evaluation-start.ts). */
export const EVALUATION_STARTED = Symbol.for('factlens.evaluation-started');
