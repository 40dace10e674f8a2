import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hoverTerm, launchWithExtension, openCard, waitForReady } from '@/scripts/lib/browsers.mjs';
import { serveFolder } from '@/scripts/lib/serve.mjs';

let origin = '';
let closeServer: () => Promise<void> = async () => {};
let browser: Browser;
let extensionId = '';
let close: () => Promise<void> = async () => {};

beforeAll(async () => {
  const server = await serveFolder('tests/fixtures');
  origin = server.origin;
  closeServer = server.close;
  ({ browser, extensionId, close } = await launchWithExtension('chromium'));
});

afterAll(async () => {
  await close();
  await closeServer();
});

describe('privacy', () => {
  it('makes no network request of its own during a session on several pages, its popup and its settings', async () => {
    const requests: string[] = [];
    const worker = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().includes(extensionId));
    const workerSession = await worker.createCDPSession();
    await workerSession.send('Network.enable');
    workerSession.on('Network.requestWillBeSent', (event) => requests.push(`worker: ${event.request.url}`));

    for (const path of ['/article.html', '/reading.html', '/misspelled.html', '/pack-term.html']) {
      const page = await browser.newPage();
      page.on('request', (request) => requests.push(`${path}: ${request.url()}`));
      await page.goto(`${origin}${path}`);
      await waitForReady(page);
      if (path === '/reading.html') {
        await hoverTerm(page, 'ketamine');
        expect((await openCard(page))?.entry).toBe('ketamine');
      }
      await page.close();
    }
    for (const extensionPage of ['popup.html', 'options.html']) {
      const page = await browser.newPage();
      page.on('request', (request) => requests.push(`${extensionPage}: ${request.url()}`));
      await page.goto(`chrome-extension://${extensionId}/${extensionPage}`);
      await page.waitForSelector('h1');
      await page.close();
    }
    await workerSession.detach();

    // The fixture pages load from the local server; everything else must be the extension's own
    // files (the card's stylesheet comes from a chrome-extension:// URL with a per-load id).
    const foreign = requests.filter((entry) => {
      const url = entry.slice(entry.indexOf(': ') + 2);
      return !url.startsWith(`${origin}/`) && !url.startsWith('chrome-extension://') && !url.startsWith('data:');
    });
    expect(requests.length).toBeGreaterThan(4);
    expect(foreign).toEqual([]);
  });
});
