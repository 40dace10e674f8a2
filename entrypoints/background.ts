import { browser } from 'wxt/browser';
import { enabledSetting, readSetting, watchSetting } from '@/utils/settings';

/** The toolbar badge says "off" while Factlens is switched off, so the state is visible at a glance. */
function showEnabled(enabled: boolean): void {
  void browser.action.setBadgeText({ text: enabled ? '' : 'off' });
  void browser.action.setBadgeBackgroundColor({ color: '#5a6275' });
}

export default defineBackground(() => {
  void readSetting(enabledSetting).then(showEnabled);
  watchSetting(enabledSetting, showEnabled);
});
