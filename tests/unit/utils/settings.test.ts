import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { detailLevelSetting, enabledSetting, readSetting, watchSetting, writeSetting } from '@/utils/settings';

describe('settings', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('reads the fallback when nothing is stored', async () => {
    expect(await readSetting(detailLevelSetting)).toBe('standard');
    expect(await readSetting(enabledSetting)).toBe(true);
  });

  it('reads back what was written, from sync storage', async () => {
    await writeSetting(detailLevelSetting, 'expert');
    expect(await readSetting(detailLevelSetting)).toBe('expert');
    expect(await fakeBrowser.storage.sync.get('detailLevel')).toEqual({ detailLevel: 'expert' });
  });

  it('falls back for a corrupt stored value without touching other settings', async () => {
    await fakeBrowser.storage.sync.set({ detailLevel: 'verbose', enabled: false });
    expect(await readSetting(detailLevelSetting)).toBe('standard');
    expect(await readSetting(enabledSetting)).toBe(false);
    await fakeBrowser.storage.sync.set({ enabled: 'yes' });
    expect(await readSetting(enabledSetting)).toBe(true);
  });

  it('tells watchers about changes made elsewhere, parsed', async () => {
    const seen: string[] = [];
    const unwatch = watchSetting(detailLevelSetting, (level) => seen.push(level));
    await fakeBrowser.storage.sync.set({ detailLevel: 'brief' });
    await fakeBrowser.storage.sync.set({ detailLevel: 42 });
    unwatch();
    await fakeBrowser.storage.sync.set({ detailLevel: 'expert' });
    expect(seen).toEqual(['brief', 'standard']);
  });
});
