import { browser } from 'wxt/browser';
import { bundledEntries } from '@/data';
import { fuzzyExclusions, precompiledIndex, termSummaries } from '@/data/match-data';
import { createFuseScorer } from '@/utils/fuse-scorer';
import { MATCH_PORT } from '@/utils/match-protocol';
import { matchStats, serveMatchPort } from '@/utils/match-service';
import { customPacksItem, readEffectiveSummaries } from '@/utils/pack-store';
import { compileTermIndex, loadTermIndex, type TermIndex } from '@/utils/term-index';
import { effectiveEntries, readPacks } from '@/utils/custom-packs';
import { onMessage, sendMessage } from '@/utils/messages';
import { injectIntoOpenTabs } from '@/utils/open-tabs';
import { enabledSetting, readSetting, writeSetting } from '@/utils/settings';

/** Keyboard commands (rebindable in the browser's shortcut settings), by manifest name. */
export async function runCommand(command: string, tabId: number | undefined): Promise<void> {
  if (command === 'toggle-factlens') {
    await writeSetting(enabledSetting, !(await readSetting(enabledSetting)));
    return;
  }
  const direction = command === 'next-term' ? 'next' : command === 'previous-term' ? 'previous' : undefined;
  if (!direction) return;
  const target = tabId ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (target !== undefined) await sendMessage('moveToTerm', direction, { tabId: target, frameId: 0 }).catch(() => {});
}

/** The badge shows how many terms the tab's page has marked, and nothing when none or off. */
export function badgeText(count: number): string {
  if (!Number.isInteger(count) || count <= 0) return '';
  return count > 999 ? '999+' : String(count);
}

/** Session-storage flag: this run of the extension has brought its content scripts into open pages. */
const INJECTED_KEY = 'openPagesInjected';

async function injectOnFirstStart(): Promise<void> {
  const stored = await browser.storage.session.get(INJECTED_KEY).catch(() => ({}) as Record<string, unknown>);
  if (stored[INJECTED_KEY] === true) return;
  await browser.storage.session.set({ [INJECTED_KEY]: true }).catch(() => {});
  await injectIntoOpenTabs();
}

/** The matcher pages send their text to: the bundled terms and the enabled packs, with fuse.js. */
async function buildMatchIndex(): Promise<TermIndex> {
  const summaries = await readEffectiveSummaries(termSummaries);
  const started = performance.now();
  const scorer = createFuseScorer(fuzzyExclusions);
  const index =
    summaries === termSummaries
      ? loadTermIndex(precompiledIndex, termSummaries, { scorer })
      : compileTermIndex(summaries, { scorer });
  matchStats.indexBuilds++;
  matchStats.indexMs += performance.now() - started;
  return index;
}

export default defineBackground(() => {
  // Read by `npm run bench` through the worker (the time pages' matching takes here).
  (globalThis as Record<string, unknown>).factlensMatchStats = matchStats;
  let matchIndex: Promise<TermIndex> | undefined;
  customPacksItem.watch(() => (matchIndex = undefined));
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== MATCH_PORT || port.sender?.id !== browser.runtime.id) return;
    // A failed build is forgotten, so the next request tries again.
    const failed = (error: unknown) => {
      matchIndex = undefined;
      throw error;
    };
    serveMatchPort(port, () => (matchIndex ??= buildMatchIndex().catch(failed)));
  });
  void browser.action.setBadgeBackgroundColor({ color: '#2456c7' });
  browser.commands.onCommand.addListener((command, tab) => void runCommand(command, tab?.id));
  onMessage('openOptions', () => browser.runtime.openOptionsPage());
  // Card text lives here, not in every page's content script: it loads when a card opens.
  onMessage('getEntry', async ({ data }) => {
    const entries = effectiveEntries(bundledEntries, await readPacks(bundledEntries));
    return entries.find((entry) => entry.id === data) ?? null;
  });
  onMessage('getZoom', ({ sender }) => (sender.tab?.id === undefined ? 1 : browser.tabs.getZoom(sender.tab.id)));
  onMessage('pageTermCount', ({ data, sender }) => {
    const tabId = sender.tab?.id;
    if (tabId !== undefined && typeof data === 'number')
      void browser.action.setBadgeText({ tabId, text: badgeText(data) });
  });
  // Chrome leaves pages that were open before an install, an update or enabling without the
  // content scripts. Each of those starts the background afresh with empty session storage
  // (Chrome empties it when an extension is disabled, reloaded or updated, and tells an
  // extension nothing when it is enabled again), so the first start in a session brings them
  // into the open pages; later starts (the worker wakes often) find the flag and do nothing.
  if (!import.meta.env.FIREFOX) void injectOnFirstStart();
  browser.tabs.onZoomChange.addListener(({ tabId, newZoomFactor }) => {
    void sendMessage('zoomChanged', newZoomFactor, { tabId }).catch(() => {});
  });
});
