import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { applySettings, exportSettings, parseSettingsFile } from '@/utils/settings-file';
import {
  readSetting,
  resetCorruptSettings,
  detailLevelSetting,
  blockedSitesSetting,
  enabledSetting,
} from '@/utils/settings';

describe('settings files', () => {
  beforeEach(() => fakeBrowser.reset());

  it('round-trips every setting through export and import', async () => {
    await fakeBrowser.storage.sync.set({ detailLevel: 'expert', blockedSites: ['example.com'] });
    const text = await exportSettings();
    fakeBrowser.reset();
    const parsed = parseSettingsFile(text);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) await applySettings(parsed.values);
    expect(await readSetting(detailLevelSetting)).toBe('expert');
    expect(await readSetting(blockedSitesSetting)).toEqual(['example.com']);
  });

  it('rejects a file with any bad value or unknown name, naming each, and changes nothing', () => {
    const text = JSON.stringify({
      format: 'factlens-settings',
      version: 1,
      settings: { detailLevel: 'verbose', enabled: true, colour: 'red' },
    });
    expect(parseSettingsFile(text)).toEqual({
      ok: false,
      errors: ['"detailLevel": "verbose" is not a valid value', 'unknown setting "colour"'],
    });
    expect(parseSettingsFile('{"format":"other"}').ok).toBe(false);
    expect(parseSettingsFile('nope').ok).toBe(false);
  });
});

describe('resetCorruptSettings', () => {
  beforeEach(() => fakeBrowser.reset());

  it('puts back only the corrupt settings, names them, and leaves the others alone', async () => {
    await fakeBrowser.storage.sync.set({ detailLevel: 7, blockedSites: 'example.com', enabled: false });
    expect(await resetCorruptSettings()).toEqual(['detailLevel', 'blockedSites']);
    expect(await readSetting(detailLevelSetting)).toBe('standard');
    expect(await readSetting(blockedSitesSetting)).toEqual([]);
    expect(await readSetting(enabledSetting)).toBe(false);
  });
});
