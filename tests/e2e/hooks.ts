import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll } from 'vitest';
import { launchWithExtension } from '@/scripts/lib/browsers.mjs';
import { serveFolder } from '@/scripts/lib/serve.mjs';

/** Serves `folder` from 127.0.0.1 for the enclosing file or describe; `origin` once started. */
export function useFixtureServer(
  folder: string,
  ...rest: Parameters<typeof serveFolder> extends [string, ...infer R] ? R : never
) {
  const served = { origin: '' };
  let close: () => Promise<void> = async () => {};
  beforeAll(async () => {
    const server = await serveFolder(folder, ...rest);
    served.origin = server.origin;
    close = server.close;
  });
  afterAll(async () => {
    await close();
  });
  return served;
}

/** A browser with the built extension for the enclosing describe, closed after it. */
export function useExtensionBrowser(browserName: 'chromium' | 'firefox') {
  const launched = {} as { browser: Browser; extensionId: string };
  let close: () => Promise<void> = async () => {};
  beforeAll(async () => {
    const started = await launchWithExtension(browserName);
    Object.assign(launched, { browser: started.browser, extensionId: started.extensionId });
    close = started.close;
  });
  afterAll(async () => {
    await close();
  });
  return launched;
}

/** Errors the page reports to the browser: its own exceptions and console errors. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}
