// `npm start`: build Factlens for Chromium, serve the demo article on 127.0.0.1 and open it in
// Chromium with the extension loaded. Without a display (or with --headless) it runs the same
// headlessly, prints the terms it annotated and saves a screenshot of an open card.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  highlightedTexts,
  hoverTerm,
  launchWithExtension,
  openCard,
  waitForReady,
  EXTENSION_DIRS,
} from './lib/browsers.mjs';
import { serveFolder } from './lib/serve.mjs';

const headless = process.argv.includes('--headless') || !(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const screenshotPath = resolve('artifacts/demo-card.png');

console.log('Building Factlens for Chromium...');
execFileSync('npx', ['wxt', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });

const server = await serveFolder(resolve('scripts/demo'));
const url = `${server.origin}/index.html`;
const { browser, close } = await launchWithExtension('chromium', { headless });
const [page = await browser.newPage()] = await browser.pages();
await page.goto(url);
const count = await waitForReady(page);

const texts = (await highlightedTexts(page)) ?? [];
const tally = new Map();
for (const text of texts.map((t) => t.replace(/\s+/g, ' '))) tally.set(text, (tally.get(text) ?? 0) + 1);
console.log(`\nFactlens annotated ${count} terms on ${url}:`);
for (const [text, n] of tally) console.log(`  ${text}${n > 1 ? ` (x${n})` : ''}`);

if (headless) {
  await page.setViewport({ width: 1280, height: 800 });
  await hoverTerm(page, 'ketamine');
  const card = await openCard(page);
  // Let the card's 120 ms appear animation finish.
  await new Promise((done) => setTimeout(done, 250));
  mkdirSync(resolve('artifacts'), { recursive: true });
  await page.screenshot({ path: screenshotPath });
  console.log(`\nOpened the card for "${card?.title}" (${card?.level}) and saved a screenshot: ${screenshotPath}`);
  console.log(
    `No display here, so the browser ran headless. On a desktop, load ${EXTENSION_DIRS.chromium} by hand ` +
      '(chrome://extensions > Developer mode > Load unpacked) and open scripts/demo/index.html ' +
      '(for file:// pages, switch on "Allow access to file URLs" in the extension\'s details), or run `npm start` there.',
  );
  await close();
  await server.close();
} else {
  console.log('\nChromium is open with Factlens loaded on the demo article. Close the browser window to stop.');
  browser.on('disconnected', () => {
    void server.close().then(() => process.exit(0));
  });
}
