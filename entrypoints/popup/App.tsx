import { browser } from 'wxt/browser';
import { Switch } from '@/components/Switch';
import { enabledSetting } from '@/utils/settings';
import { useSetting } from '@/utils/use-setting';

/** Toolbar popup: switches Factlens on or off on every open tab, live. */
export function App() {
  const [enabled, setEnabled] = useSetting(enabledSetting);
  return (
    <main>
      <h1>Factlens</h1>
      {enabled === undefined ? null : (
        <Switch
          label="Mark terms on pages"
          description={enabled ? 'On: terms are underlined; hover one for its card.' : 'Off everywhere.'}
          checked={enabled}
          onChange={setEnabled}
        />
      )}
      <footer class="popup-footer">
        <button type="button" class="link-button" onClick={() => void browser.runtime.openOptionsPage()}>
          Settings
        </button>
      </footer>
    </main>
  );
}
