import { browser } from 'wxt/browser';
import type { ScriptPublicPath } from 'wxt/utils/inject-script';

/**
 * Where a running content script keeps its "am I still live?" check: a property of the
 * extension's isolated world (never the page's), which an older, cut-off instance of Factlens
 * may share with a newer one in Chrome.
 */
export const LIVE_KEY = '__factlensLive';

type LiveWorld = Record<string, unknown>;

/** Content script: from now on `isValid` answers whether this frame's Factlens is live. */
export function announceLive(isValid: () => boolean): void {
  (globalThis as unknown as LiveWorld)[LIVE_KEY] = isValid;
}

/**
 * Run by the background inside each frame (serialized, so self-contained): true when this
 * version of Factlens already runs there. An older version's instance answers false: its
 * context is invalid once the extension it came from is gone.
 */
export function isLiveInFrame(key: string): boolean {
  try {
    const isValid = (globalThis as unknown as LiveWorld)[key];
    return typeof isValid === 'function' && isValid() === true;
  } catch {
    return false;
  }
}

/** Pages content scripts may run in; the rest (browser pages, stores) refuse injection anyway. */
const OPEN_PAGE_URLS = ['http://*/*', 'https://*/*', 'file:///*'];

/**
 * Chrome runs an installed or updated extension's content scripts only in pages loaded after
 * that: pages already open have none, or the previous version's, cut off. This brings the
 * manifest's content scripts (their CSS, then their JS) into every frame of every open page,
 * except frames where this version already runs (a page that loaded after the install). A tab
 * or frame that refuses (a browser page, a file page without file access, a page closed since)
 * is left as it is. Firefox does all this itself.
 */
export async function injectIntoOpenTabs(): Promise<void> {
  const scripts = browser.runtime.getManifest().content_scripts ?? [];
  const tabs = await browser.tabs.query({ url: OPEN_PAGE_URLS });
  await Promise.all(
    tabs.map(async ({ id: tabId }) => {
      if (tabId === undefined) return;
      try {
        const probes = await browser.scripting.executeScript({
          target: { tabId, allFrames: true },
          func: isLiveInFrame,
          args: [LIVE_KEY],
        });
        const frameIds = probes.filter((probe) => probe.result !== true).map((probe) => probe.frameId);
        if (frameIds.length === 0) return;
        for (const script of scripts) {
          const target = { tabId, frameIds: script.all_frames ? frameIds : frameIds.filter((id) => id === 0) };
          if (target.frameIds.length === 0) continue;
          if (script.css?.length) await browser.scripting.insertCSS({ target, files: script.css });
          // The manifest's own file names: files of this package.
          if (script.js?.length)
            await browser.scripting.executeScript({ target, files: script.js as ScriptPublicPath[] });
        }
      } catch {
        // A page closed to extensions, or one that went away meanwhile.
      }
    }),
  );
}
