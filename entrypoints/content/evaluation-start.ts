import { EVALUATION_STARTED } from './extension-module';

/**
 * Imported first by entrypoints/content-main.ts, so that this runs before the rest of that
 * script is evaluated: the content script measures from here to the script's registration
 * (`factlens:load`, the benchmark's "code load" column), leaving out the time the import waited
 * for the file and for the page's own tasks.
 */
(globalThis as Record<symbol, unknown>)[EVALUATION_STARTED] = performance.now();
