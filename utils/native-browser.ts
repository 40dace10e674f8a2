/**
 * What the Firefox build imports in place of webextension-polyfill (wxt.config.ts). In Firefox
 * the polyfill only hands back the native, promise-based `browser` (it wraps `chrome` only where
 * `browser` is missing), so this is the same object without the polyfill's code: about 2.5 kB
 * gzip in each of the content script's two files and every other entry point.
 */
const native = (globalThis as unknown as { browser: unknown }).browser;
export default native;
