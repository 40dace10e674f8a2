import '@/components/fact-card.css';
import { bundledEntries, fuzzyExclusions } from '@/data';
import {
  contextRuleSetting,
  detailLevelSetting,
  enabledSetting,
  fuzzyMatchingSetting,
  readSetting,
  watchSetting,
} from '@/utils/settings';
import { compileTermIndex } from '@/utils/term-index';
import { createCardHost } from './card-host';
import { createPageSession } from './page-session';

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  cssInjectionMode: 'ui',
  async main(ctx) {
    const index = compileTermIndex(bundledEntries, { fuzzyExclusions });
    const [enabled, level, fuzzy, context] = await Promise.all([
      readSetting(enabledSetting),
      readSetting(detailLevelSetting),
      readSetting(fuzzyMatchingSetting),
      readSetting(contextRuleSetting),
    ]);
    const card = await createCardHost(ctx, {
      level,
      // The card is created first; these run only once the session below exists.
      onPointerEnter: () => session.hover.enterCard(),
      onPointerLeave: () => session.hover.leaveCard(),
    });
    const session = createPageSession({ doc: document, index, card, find: { fuzzy, context } });
    if (enabled) session.start();

    const unwatch = [
      watchSetting(enabledSetting, (on) => (on ? session.start() : session.stop())),
      watchSetting(detailLevelSetting, (next) => card.setLevel(next)),
      watchSetting(fuzzyMatchingSetting, (on) => session.update({ fuzzy: on })),
      watchSetting(contextRuleSetting, (on) => session.update({ context: on })),
    ];
    ctx.onInvalidated(() => {
      session.stop();
      unwatch.forEach((stopWatching) => stopWatching());
    });
  },
});
