import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { announceLive, injectIntoOpenTabs, isLiveInFrame, LIVE_KEY } from '@/utils/open-tabs';

const world = globalThis as unknown as Record<string, unknown>;

describe('isLiveInFrame', () => {
  afterEach(() => {
    delete world[LIVE_KEY];
  });

  it('is false where no Factlens ever ran', () => {
    expect(isLiveInFrame(LIVE_KEY)).toBe(false);
  });

  it('follows the live check of the instance that announced itself', () => {
    let valid = true;
    announceLive(() => valid);
    expect(isLiveInFrame(LIVE_KEY)).toBe(true);
    // An older version, cut off from its extension, is not live.
    valid = false;
    expect(isLiveInFrame(LIVE_KEY)).toBe(false);
  });

  it('is false when the check throws or is not a check', () => {
    world[LIVE_KEY] = () => {
      throw new Error('Extension context invalidated.');
    };
    expect(isLiveInFrame(LIVE_KEY)).toBe(false);
    world[LIVE_KEY] = true;
    expect(isLiveInFrame(LIVE_KEY)).toBe(false);
  });
});

interface Injection {
  target: { tabId: number; allFrames?: boolean; frameIds?: number[] };
  files?: string[];
  func?: unknown;
}

describe('injectIntoOpenTabs', () => {
  /** Every scripting call in order, as "kind tab frames files". */
  let calls: string[];
  /** Per tab: the frames and whether this version is live in each; a tab missing here refuses. */
  let frames: Record<number, Record<number, boolean>>;

  beforeEach(() => {
    fakeBrowser.reset();
    calls = [];
    frames = {};
    vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({
      manifest_version: 3,
      name: 'Factlens',
      version: '0.1.0',
      content_scripts: [
        {
          matches: ['<all_urls>'],
          all_frames: true,
          css: ['content-highlights.css'],
          js: ['content-scripts/content.js'],
        },
      ],
    });
    vi.spyOn(fakeBrowser.tabs, 'query').mockImplementation((async (query: { url?: string[] }) => {
      calls.push(`query ${JSON.stringify(query.url)}`);
      return [1, 2, 3].map((id) => ({ id }));
    }) as never);
    const describeTarget = ({ target }: Injection) =>
      `${target.tabId} ${target.allFrames ? 'all' : (target.frameIds ?? []).join(',')}`;
    vi.spyOn(fakeBrowser.scripting, 'executeScript').mockImplementation((async (injection: Injection) => {
      const tab = frames[injection.target.tabId];
      if (!tab) throw new Error('Cannot access contents of the page.');
      if (injection.func) {
        calls.push(`probe ${describeTarget(injection)}`);
        return Object.entries(tab).map(([frameId, live]) => ({ frameId: Number(frameId), result: live }));
      }
      calls.push(`js ${describeTarget(injection)} ${injection.files?.join()}`);
      return [];
    }) as never);
    vi.spyOn(fakeBrowser.scripting, 'insertCSS').mockImplementation((async (injection: Injection) => {
      calls.push(`css ${describeTarget(injection)} ${injection.files?.join()}`);
    }) as never);
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("injects the manifest's CSS, then its JS, into each frame of open pages where this version does not run", async () => {
    // Tab 1: no Factlens yet (an old version's is not live); tab 2: loaded after the update,
    // the new version runs in its top frame already but not in a frame added before; tab 3
    // refuses (a browser page).
    frames = { 1: { 0: false, 4: false }, 2: { 0: true, 7: false } };
    await injectIntoOpenTabs();
    expect(calls[0]).toBe('query ["http://*/*","https://*/*","file:///*"]');
    const ofTab = (tabId: number) => calls.filter((call) => call.split(' ')[1] === String(tabId));
    expect(ofTab(1)).toEqual([
      'probe 1 all',
      'css 1 0,4 content-highlights.css',
      'js 1 0,4 content-scripts/content.js',
    ]);
    expect(ofTab(2)).toEqual(['probe 2 all', 'css 2 7 content-highlights.css', 'js 2 7 content-scripts/content.js']);
    expect(ofTab(3)).toEqual([]);
  });

  it('leaves a page alone where this version runs in every frame', async () => {
    frames = { 1: { 0: true, 3: true } };
    await injectIntoOpenTabs();
    expect(calls.filter((call) => !call.startsWith('query'))).toEqual(['probe 1 all']);
  });

  it('injects a top-frame-only content script into the top frame only', async () => {
    vi.mocked(fakeBrowser.runtime.getManifest).mockReturnValue({
      manifest_version: 3,
      name: 'Factlens',
      version: '0.1.0',
      content_scripts: [{ matches: ['<all_urls>'], js: ['content-scripts/content.js'] }],
    });
    frames = { 1: { 0: false, 4: false }, 2: { 5: false } };
    await injectIntoOpenTabs();
    expect(calls.filter((call) => call.startsWith('js'))).toEqual(['js 1 0 content-scripts/content.js']);
  });
});
