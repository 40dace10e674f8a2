import '@/components/fact-card.css';
import { bundledEntries, fuzzyExclusions } from '@/data';
import { onMessage, parseDirection, sendMessage } from '@/utils/messages';
import * as settings from '@/utils/settings';
import { readSetting, watchSetting, writeSetting } from '@/utils/settings';
import { compileTermIndex } from '@/utils/term-index';
import { createCardHost } from './card-host';
import { createPageSession, type SessionConfig } from './page-session';

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  allFrames: true,
  matchAboutBlank: true,
  cssInjectionMode: 'ui',
  async main(ctx) {
    const index = compileTermIndex(bundledEntries, { fuzzyExclusions });
    const [enabled, level, theme, fontSize, fuzzy, context, skipCode, density, highlightStyle, hoverDelayMs] =
      await Promise.all([
        readSetting(settings.enabledSetting),
        readSetting(settings.detailLevelSetting),
        readSetting(settings.themeSetting),
        readSetting(settings.fontSizeSetting),
        readSetting(settings.fuzzyMatchingSetting),
        readSetting(settings.contextRuleSetting),
        readSetting(settings.skipCodeSetting),
        readSetting(settings.densitySetting),
        readSetting(settings.highlightStyleSetting),
        readSetting(settings.hoverDelaySetting),
      ]);
    const zoom = await sendMessage('getZoom').catch(() => 1);
    const card = await createCardHost(ctx, {
      entries: index.entries,
      level,
      theme,
      fontSize,
      zoom,
      // The card is created first; these run only once the session below exists.
      onPointerEnter: () => session.hover.enterCard(),
      onPointerLeave: () => session.hover.leaveCard(),
      onLevelChange: (next) => void writeSetting(settings.detailLevelSetting, next),
      onOpenSettings: () => void sendMessage('openOptions').catch(() => {}),
    });
    const config: SessionConfig = { find: { fuzzy, context }, skipCode, density, highlightStyle, hoverDelayMs };
    const session = createPageSession({ doc: document, index, card, config });
    if (enabled) session.start();

    const stopListening = [
      watchSetting(settings.enabledSetting, (on) => (on ? session.start() : session.stop())),
      watchSetting(settings.detailLevelSetting, (next) => card.update({ level: next })),
      watchSetting(settings.themeSetting, (next) => card.update({ theme: next })),
      watchSetting(settings.fontSizeSetting, (next) => card.update({ fontSize: next })),
      watchSetting(settings.fuzzyMatchingSetting, (on) => session.update({ find: { fuzzy: on } })),
      watchSetting(settings.contextRuleSetting, (on) => session.update({ find: { context: on } })),
      watchSetting(settings.skipCodeSetting, (on) => session.update({ skipCode: on })),
      watchSetting(settings.densitySetting, (next) => session.update({ density: next })),
      watchSetting(settings.highlightStyleSetting, (next) => session.update({ highlightStyle: next })),
      watchSetting(settings.hoverDelaySetting, (next) => session.update({ hoverDelayMs: next })),
      onMessage('moveToTerm', ({ data }) => {
        const direction = parseDirection(data);
        if (direction && window === window.top) session.move(direction);
      }),
      onMessage('zoomChanged', ({ data }) => {
        if (typeof data === 'number' && data > 0) card.update({ zoom: data });
      }),
    ];
    ctx.onInvalidated(() => {
      session.stop();
      stopListening.forEach((stop) => stop());
    });
  },
});
