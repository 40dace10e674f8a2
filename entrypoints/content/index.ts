import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { announceLive } from '@/utils/open-tabs';
import { CONTENT_MAIN_KEY, EVALUATION_STARTED, loadExtensionModule } from './extension-module';
import { pageSettled } from './start-time';

export default defineContentScript({
  matches: ['<all_urls>'],
  // Injected at the start and waits itself (start-time.ts): Chrome's injection at document_idle
  // holds a large page's load event back by seconds.
  runAt: 'document_start',
  allFrames: true,
  matchAboutBlank: true,
  // Also frames whose origin is opaque (a sandboxed srcdoc frame, data:, blob:), matched by the
  // URL of the page that made them: Firefox otherwise leaves sandboxed srcdoc frames out.
  matchOriginAsFallback: true,
  // The card's styles come with its code (card-host.ts), not from a file of this script.
  cssInjectionMode: 'manual',
  // This script is evaluated before the page is parsed, on every page: it only waits, then
  // imports the rest (content/main.ts), so the page's own loading does not pay for evaluating it.
  async main(ctx) {
    // This frame's Factlens, for the background's look before it brings Factlens into open
    // pages after an install or update (Chrome): a frame where this version runs is left alone.
    announceLive(() => ctx.isValid);
    await pageSettled(document, window);
    // A newer Factlens may have started in this frame meanwhile (WXT's context stops this one).
    if (ctx.isInvalid) return;
    const run = await loadExtensionModule<(ctx: ContentScriptContext) => Promise<void>>(
      '/content-main.js',
      CONTENT_MAIN_KEY,
    );
    // Evaluating it, for the benchmark (its "code load" column).
    const evaluated = (globalThis as Record<symbol, unknown>)[EVALUATION_STARTED];
    if (typeof evaluated === 'number')
      performance.measure('factlens:load', { start: evaluated, end: performance.now() });
    if (ctx.isInvalid) return;
    await run(ctx);
  },
});
