import { browser } from 'wxt/browser';
import { onMessage, sendMessage } from '@/utils/messages';
import { enabledSetting, readSetting, watchSetting, writeSetting } from '@/utils/settings';

/** The toolbar badge says "off" while Factlens is switched off, so the state is visible at a glance. */
function showEnabled(enabled: boolean): void {
  void browser.action.setBadgeText({ text: enabled ? '' : 'off' });
  void browser.action.setBadgeBackgroundColor({ color: '#5a6275' });
}

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

export default defineBackground(() => {
  void readSetting(enabledSetting).then(showEnabled);
  watchSetting(enabledSetting, showEnabled);
  browser.commands.onCommand.addListener((command, tab) => void runCommand(command, tab?.id));
  onMessage('openOptions', () => browser.runtime.openOptionsPage());
  onMessage('getZoom', ({ sender }) => (sender.tab?.id === undefined ? 1 : browser.tabs.getZoom(sender.tab.id)));
  browser.tabs.onZoomChange.addListener(({ tabId, newZoomFactor }) => {
    void sendMessage('zoomChanged', newZoomFactor, { tabId }).catch(() => {});
  });
});
