// `npm run screenshots`: the store listing images, captured from the built extension so they
// stay true as the UI changes. Builds Factlens for Chromium (skip with --no-build), serves the
// demo article and writes, at exactly 1280x800:
//   store/screenshots/card-brief.png, card-standard.png, card-expert.png  the card on the demo
//   store/screenshots/popup.png    the real popup page for the demo tab, over that tab
//   store/screenshots/options.png  the settings page
// and the listing artwork drawn from assets/icon.svg:
//   store/images/icon-128.png      Chrome Web Store icon: 96 px artwork, 16 px transparent margin
//   store/images/promo-440x280.png Chrome Web Store small promo tile
/* global chrome */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { closeCard, hoverTerm, launchWithExtension, openCard, waitForReady } from './lib/browsers.mjs';
import { serveFolder } from './lib/serve.mjs';

const WIDTH = 1280;
const HEIGHT = 800;
const LEVELS = ['brief', 'standard', 'expert'];
const screenshotsDir = resolve('store/screenshots');
const imagesDir = resolve('store/images');
const iconSvg = readFileSync(resolve('assets/icon.svg'), 'utf8');
const dataUrl = (type, data) => `data:${type};base64,${Buffer.from(data).toString('base64')}`;

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png) {
  if (png.toString('ascii', 1, 4) !== 'PNG') throw new Error('not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const written = [];
/** Saves a PNG after checking it has exactly the size the store asks for. */
function save(dir, name, png, width, height) {
  const size = pngSize(png);
  if (size.width !== width || size.height !== height) {
    throw new Error(`${name} is ${size.width}x${size.height}, not ${width}x${height}`);
  }
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, png);
  written.push(`${relative(process.cwd(), path)} ${size.width}x${size.height} ${png.length} bytes`);
}

const pause = (ms) => new Promise((done) => setTimeout(done, ms));

if (!process.argv.includes('--no-build')) {
  console.log('Building Factlens for Chromium...');
  execFileSync('npx', ['wxt', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
}

const server = await serveFolder(resolve('scripts/demo'));
const { browser, extensionId, close } = await launchWithExtension('chromium', { windowSize: [WIDTH, HEIGHT] });
try {
  const extensionPage = (path) => `chrome-extension://${extensionId}/${path}`;
  const viewport = { width: WIDTH, height: HEIGHT, deviceScaleFactor: 1 };

  // An extension page to change settings from, as the options page does.
  const settingsPage = await browser.newPage();
  await settingsPage.goto(extensionPage('options.html'));
  const setSettings = (values) => settingsPage.evaluate((v) => chrome.storage.sync.set(v), values);

  const [demo = await browser.newPage()] = await browser.pages();
  await demo.setViewport(viewport);
  // Background tabs get no animation frames; Factlens scans and opens cards in the foreground.
  await demo.bringToFront();
  await demo.goto(`${server.origin}/index.html`);
  await waitForReady(demo);

  for (const level of LEVELS) {
    await setSettings({ detailLevel: level });
    await hoverTerm(demo, 'ketamine');
    await demo.waitForFunction(
      (l) => document.querySelector('factlens-card')?.shadowRoot?.querySelector(`.card[data-level="${l}"]`),
      { timeout: 10000 },
      level,
    );
    // Let the card's 120 ms appear animation finish.
    await pause(300);
    const card = await openCard(demo);
    console.log(`Card "${card?.title}" at ${card?.level}`);
    save(screenshotsDir, `card-${level}.png`, await demo.screenshot({ type: 'png' }), WIDTH, HEIGHT);
  }
  await setSettings({ detailLevel: 'standard' });

  // The popup is the real popup page for the demo tab (`?tab=ID`, as the end-to-end tests open
  // it), placed where the browser shows it: under the toolbar, at the right, over the page.
  await closeCard(demo);
  await demo.evaluate(() => window.scrollTo(0, 0));
  const pageShot = await demo.screenshot({ type: 'png' });
  // Without the tabs permission the extension cannot read tab URLs: the demo is the active tab.
  await demo.bringToFront();
  const tabId = await settingsPage.evaluate(
    async () => (await chrome.tabs.query({ active: true, currentWindow: true }))[0]?.id,
  );
  const popup = await browser.newPage();
  await popup.setViewport({ width: 400, height: HEIGHT, deviceScaleFactor: 1 });
  await popup.goto(extensionPage(`popup.html?tab=${tabId}`));
  await popup.waitForSelector('.term-toggle');
  await popup.click('.term-toggle');
  await popup.waitForSelector('.term-preview');
  const popupBox = await popup.evaluate(() => {
    const rect = document.body.getBoundingClientRect();
    const style = getComputedStyle(document.body);
    return {
      width: Math.ceil(rect.right + parseFloat(style.marginRight)),
      height: Math.ceil(rect.bottom + parseFloat(style.marginBottom)),
    };
  });
  const popupShot = await popup.screenshot({
    type: 'png',
    clip: { x: 0, y: 0, width: popupBox.width, height: Math.min(popupBox.height, HEIGHT - 24) },
  });
  const composite = await browser.newPage();
  await composite.setViewport(viewport);
  await composite.setContent(
    `<body style="margin:0;width:${WIDTH}px;height:${HEIGHT}px;overflow:hidden;background:url(${dataUrl('image/png', pageShot)}) no-repeat">
      <img src="${dataUrl('image/png', popupShot)}" style="position:absolute;top:8px;right:24px;border-radius:8px;box-shadow:0 10px 30px rgba(0,0,0,.35),0 0 0 1px rgba(0,0,0,.12)">
    </body>`,
  );
  await composite.waitForFunction(() => [...document.images].every((image) => image.complete));
  save(screenshotsDir, 'popup.png', await composite.screenshot({ type: 'png' }), WIDTH, HEIGHT);

  const options = await browser.newPage();
  await options.setViewport(viewport);
  await options.goto(extensionPage('options.html'));
  await options.waitForSelector('.preview .card');
  save(screenshotsDir, 'options.png', await options.screenshot({ type: 'png' }), WIDTH, HEIGHT);

  // Listing artwork from the same SVG as the extension's icons.
  const art = await browser.newPage();
  await art.setViewport({ width: 128, height: 128, deviceScaleFactor: 1 });
  await art.setContent(
    `<body style="margin:0;background:transparent"><img src="${dataUrl('image/svg+xml', iconSvg)}" width="96" height="96" style="display:block;margin:16px"></body>`,
  );
  save(imagesDir, 'icon-128.png', await art.screenshot({ type: 'png', omitBackground: true }), 128, 128);

  await art.setViewport({ width: 440, height: 280, deviceScaleFactor: 1 });
  await art.setContent(`<body style="margin:0;width:440px;height:280px;display:flex;align-items:center;gap:24px;
      box-sizing:border-box;padding:0 32px;background:linear-gradient(135deg,#083344,#0c4a6e);color:#fff;
      font-family:system-ui,'DejaVu Sans',sans-serif">
      <img src="${dataUrl('image/svg+xml', iconSvg)}" width="120" height="120" style="flex:none">
      <div><div style="font-size:44px;font-weight:700;letter-spacing:-0.5px">Factlens</div>
      <div style="font-size:19px;line-height:1.35;margin-top:8px;color:#cffafe">Cited facts about health and science terms, on hover. Offline.</div></div>
    </body>`);
  save(imagesDir, 'promo-440x280.png', await art.screenshot({ type: 'png' }), 440, 280);

  console.log(`\nWrote:\n${written.map((line) => `  ${line}`).join('\n')}`);
} finally {
  await close();
  await server.close();
}
