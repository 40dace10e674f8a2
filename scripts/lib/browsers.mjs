// Launches real Chromium or Firefox ESR with the built extension installed (puppeteer-core).
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer from 'puppeteer-core';

/** @typedef {'chromium' | 'firefox'} BrowserName */

const CANDIDATES = {
  chromium: [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'],
  firefox: [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'],
};

const INSTALL_HINT = {
  chromium:
    'install it with `sudo apt-get install -y chromium` (Debian) or set CHROMIUM_PATH to a Chromium or Chrome binary',
  firefox:
    'install it with `sudo apt-get install -y firefox-esr` (Debian) or set FIREFOX_PATH to a Firefox 140+ binary',
};

/** Built extension folder for each browser (`npm run build`). */
export const EXTENSION_DIRS = {
  chromium: resolve('.output/chrome-mv3'),
  firefox: resolve('.output/firefox-mv3'),
};

/**
 * Path of the browser binary, or an Error that says how to install it.
 * @param {BrowserName} name
 */
export function findBrowser(name) {
  const found = CANDIDATES[name].find((path) => path && existsSync(path));
  if (!found)
    throw new Error(
      `${name} was not found (looked in ${CANDIDATES[name].filter(Boolean).join(', ')}): ${INSTALL_HINT[name]}.`,
    );
  return found;
}

// Quiet on a closed network, fine as root (TOOLCHAIN.md).
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
  '--no-default-browser-check',
];

/**
 * Starts a browser with the built extension installed.
 * @param {BrowserName} name
 * @param {{ headless?: boolean, extensionDir?: string | false, windowSize?: [number, number], systemAccess?: boolean }} [options]
 *   `extensionDir: false` starts the same browser without the extension (benchmark baselines).
 *   `systemAccess` (Firefox): lets the remote protocol run privileged code, for setAddonEnabled.
 * @returns {Promise<{ browser: import('puppeteer-core').Browser, extensionId: string, close: () => Promise<void> }>}
 */
export async function launchWithExtension(name, options = {}) {
  const {
    headless = true,
    extensionDir = EXTENSION_DIRS[name],
    windowSize = [1280, 800],
    systemAccess = false,
  } = options;
  if (extensionDir !== false && !existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension in ${extensionDir}: run \`npm run build\` first.`);
  }
  const executablePath = findBrowser(name);
  const profile = await mkdtemp(join(tmpdir(), `factlens-${name}-`));
  const browser =
    name === 'chromium'
      ? await puppeteer.launch({
          browser: 'chrome',
          executablePath,
          headless,
          pipe: true,
          enableExtensions: true,
          // Baselines such as mark.js on a 6 MB page run for minutes in one call.
          protocolTimeout: 900_000,
          userDataDir: profile,
          defaultViewport: null,
          args: [...CHROMIUM_ARGS, `--window-size=${windowSize[0]},${windowSize[1]}`],
        })
      : await puppeteer.launch({
          browser: 'firefox',
          executablePath,
          headless,
          userDataDir: profile,
          defaultViewport: null,
          args: [
            `--width=${windowSize[0]}`,
            `--height=${windowSize[1]}`,
            ...(systemAccess ? ['-remote-allow-system-access'] : []),
          ],
          extraPrefsFirefox: {
            // No update checks, telemetry or remote settings on a closed network.
            'app.update.enabled': false,
            'datareporting.policy.dataSubmissionEnabled': false,
            'toolkit.telemetry.enabled': false,
            'extensions.getAddons.cache.enabled': false,
          },
        });
  const extensionId = extensionDir === false ? '' : await browser.installExtension(extensionDir);
  return {
    browser,
    extensionId,
    close: async () => {
      await browser.close().catch(() => {});
      await rm(profile, { recursive: true, force: true }).catch(() => {});
    },
  };
}

/**
 * Disables or enables an add-on in Firefox, as its switch in about:addons does. WebDriver BiDi
 * has no command for it (webExtension.install and uninstall only) and Firefox allows one
 * remote session, so no Marionette session can do it beside puppeteer's; a browser launched
 * with `systemAccess` lets BiDi evaluate in the browser window's privileged scope, where the
 * AddonManager is. Uses puppeteer's BiDi connection (`browser.connection`, not in its types).
 * @param {import('puppeteer-core').Browser} browser
 * @param {string} id the add-on id
 * @param {boolean} enabled
 * @returns {Promise<boolean>} whether the add-on is active now
 */
export async function setAddonEnabled(browser, id, enabled) {
  const connection = /** @type {{ send(method: string, params: object): Promise<{ result: any }> }} */ (
    /** @type {any} */ (browser).connection
  );
  const tree = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const context = tree.result.contexts[0]?.context;
  if (!context) throw new Error('no privileged browser window: launch Firefox with systemAccess');
  const { result } = await connection.send('script.evaluate', {
    expression: `(async () => {
      const { AddonManager } = ChromeUtils.importESModule('resource://gre/modules/AddonManager.sys.mjs');
      const addon = await AddonManager.getAddonByID(${JSON.stringify(id)});
      await (${enabled} ? addon.enable() : addon.disable());
      return addon.isActive;
    })()`,
    target: { context },
    awaitPromise: true,
  });
  if (result.type !== 'success') throw new Error(`could not switch the add-on: ${JSON.stringify(result)}`);
  return result.result.value;
}

/**
 * Waits until Factlens finished annotating the page (its `factlens:ready` User Timing mark)
 * and returns the number of matches it recorded.
 * @param {import('puppeteer-core').Page} page
 * @param {number} [count] how many ready marks to wait for (1 after load; more after re-enabling)
 */
export async function waitForReady(page, count = 1) {
  // Polled on a timer: animation frames do not run in a tab behind another (the popup's, say),
  // so polling on them checked once and then waited out the timeout.
  await page.waitForFunction(
    (n) => performance.getEntriesByName('factlens:ready').length >= n,
    { timeout: 20000, polling: 100 },
    count,
  );
  return page.evaluate(() => {
    const marks = performance.getEntriesByName('factlens:ready');
    const last = /** @type {PerformanceMark} */ (marks[marks.length - 1]);
    return /** @type {{ matches: number }} */ (last.detail).matches;
  });
}

/**
 * The text under each range of the Factlens highlight, in document order.
 * @param {import('puppeteer-core').Page} page
 */
export function highlightedTexts(page) {
  return page.evaluate(() => {
    const highlight = CSS.highlights.get('factlens-term');
    if (!highlight) return null;
    // Document order across shadow roots: compare the nodes' hosts where the roots differ.
    const path = (/** @type {Node} */ node) => {
      const nodes = [node];
      for (let root = node.getRootNode(); root instanceof ShadowRoot; root = root.host.getRootNode()) {
        nodes.unshift(root.host);
      }
      return nodes;
    };
    const order = (/** @type {AbstractRange} */ a, /** @type {AbstractRange} */ b) => {
      const pa = path(a.startContainer);
      const pb = path(b.startContainer);
      for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
        const na = /** @type {Node} */ (pa[i]);
        const nb = /** @type {Node} */ (pb[i]);
        if (na !== nb) return na.compareDocumentPosition(nb) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
      }
      return a.startOffset - b.startOffset;
    };
    return [...highlight]
      .sort(order)
      .map((range) => (range.startContainer.textContent ?? '').slice(range.startOffset, range.endOffset));
  });
}

/**
 * Scrolls to the first highlighted range whose text is `word`, moves the mouse onto it and
 * waits until a card is open.
 * @param {import('puppeteer-core').Page} page
 * @param {string} word
 */
export async function hoverTerm(page, word) {
  // Hover intent runs on animation frames, which background tabs do not get.
  await page.bringToFront();
  await closeCard(page);
  const { x, y, height } = await termCentre(page, word);
  // Come from a point off the term, inside the viewport.
  await page.mouse.move(Math.max(x - 30, 1), y + 40 < height ? y + 40 : y - 40);
  await page.mouse.move(x, y, { steps: 4 });
  await page.waitForFunction(
    () => Boolean(document.querySelector('factlens-card')?.shadowRoot?.querySelector('.popover:not([hidden]) .card')),
    { timeout: 10000 },
  );
}

/**
 * Scrolls the first highlighted range whose text is `word` into view and returns its centre
 * in viewport coordinates.
 * @param {import('puppeteer-core').Page} page
 * @param {string} word
 */
export function termCentre(page, word) {
  return page.evaluate((w) => {
    const highlight = CSS.highlights.get('factlens-term');
    const painted = highlight
      ? [...highlight].find((r) => (r.startContainer.textContent ?? '').slice(r.startOffset, r.endOffset) === w)
      : undefined;
    if (!painted) throw new Error(`no highlighted range over "${w}"`);
    painted.startContainer.parentElement?.scrollIntoView({ block: 'center' });
    // Factlens paints with static ranges, which have no geometry: measure a live copy.
    const range = document.createRange();
    range.setStart(painted.startContainer, painted.startOffset);
    range.setEnd(painted.endContainer, painted.endOffset);
    const rect = range.getBoundingClientRect();
    return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2, height: innerHeight };
  }, word);
}

/**
 * The open card in our shadow root (level, entry id, text), or null when none is shown.
 * @param {import('puppeteer-core').Page} page
 */
export function openCard(page) {
  return page.evaluate(() => {
    const popover = document.querySelector('factlens-card')?.shadowRoot?.querySelector('.popover');
    const card = popover?.querySelector('.card');
    if (!(popover instanceof HTMLElement) || popover.hidden || !(card instanceof HTMLElement)) return null;
    return {
      level: card.dataset.level,
      entry: card.dataset.entry,
      title: card.querySelector('.card-title')?.textContent ?? '',
      text: card.querySelector('.card-text')?.textContent ?? '',
    };
  });
}

/**
 * Moves the mouse off every term and card and waits until no card is open.
 * @param {import('puppeteer-core').Page} page
 */
export async function closeCard(page) {
  await page.mouse.move(2, 2);
  await page.waitForFunction(
    () => !document.querySelector('factlens-card')?.shadowRoot?.querySelector('.popover:not([hidden])'),
    { timeout: 10000 },
  );
}

/**
 * The page's DOM now, with our one shadow host left out, next to the snapshot the fixture page
 * took at DOMContentLoaded, before Factlens ran (`window.__domBefore`).
 * @param {import('puppeteer-core').Page} page
 * @returns {Promise<{ before: string, now: string }>}
 */
export function domBeforeAndNow(page) {
  return page.evaluate(() => {
    const clone = /** @type {HTMLElement} */ (document.documentElement.cloneNode(true));
    clone.querySelectorAll('factlens-card').forEach((host) => host.remove());
    return {
      before: /** @type {{ __domBefore: string }} */ (/** @type {unknown} */ (window)).__domBefore,
      now: clone.outerHTML,
    };
  });
}
