// First, so that it runs before the rest is evaluated.
import './content/evaluation-start';
import { CONTENT_MAIN_KEY } from './content/extension-module';
import { runFactlens } from './content/main';

/**
 * Factlens' work on a page (content/main.ts), which the content script imports once the page
 * has settled: the content script injected before the page is parsed stays small, so it costs
 * the page's load next to nothing. It runs in the content script's world and registers there.
 */
export default defineUnlistedScript(() => {
  (globalThis as Record<symbol, unknown>)[CONTENT_MAIN_KEY] = runFactlens;
});
