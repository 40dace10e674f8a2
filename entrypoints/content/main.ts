import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { termSummaries } from '@/data/match-data';
import type { TermSummary } from '@/data/types';
import { customPacksItem, readEffectiveSummaries } from '@/utils/pack-store';
import { MATCH_PORT } from '@/utils/match-protocol';
import { onMessage, parseDirection, sendMessage } from '@/utils/messages';
import * as settings from '@/utils/settings';
import { readSetting, watchSetting, writeSetting } from '@/utils/settings';
import { watchActivation } from './activation';
import { CARD_HOST_NAME, createCardHost } from './card-host';
import { HIGHLIGHT_NAMES } from './highlight';
import type { PageMatcher } from './annotate-page';
import { loadExtensionModule, PAGE_MATCHER_KEY } from './extension-module';
import { createPageSession, type PageTerms } from './page-session';

/**
 * What an earlier Factlens in this frame left behind because it could not clean up: Firefox
 * stops the scripts of a disabled, removed or updated extension outright, so their highlights
 * stay registered and an open card's host stays in the page. The new content script removes
 * them before it starts.
 */
function removeLeftovers() {
  for (const name of Object.values(HIGHLIGHT_NAMES)) CSS.highlights.delete(name);
  document.querySelectorAll(CARD_HOST_NAME).forEach((host) => host.remove());
}

/**
 * Factlens on a page, once the page has settled (index.ts waits for that): reads the settings,
 * creates the card's host and the page session, and follows settings and messages until the
 * context is invalidated, which undoes it all. It is not in the content script the manifest
 * injects: entrypoints/content-main.ts loads it with import() after the page's load, so a page
 * does not pay for evaluating it before it is parsed (README, "Performance").
 */
export async function runFactlens(ctx: ContentScriptContext): Promise<void> {
  removeLeftovers();
  // Chrome keeps running the content scripts of an extension that was updated, disabled or
  // removed, cut off from it, and tells them nothing. Reading ctx.isInvalid notices (the
  // runtime id is gone) and invalidates the context, which undoes everything below.
  ctx.setInterval(() => void ctx.isInvalid, 1000);
  const isTop = window === window.top;
  /** The reader's terms; the matcher itself is in the background, and loads here only if that fails. */
  const compile = async (): Promise<PageTerms> => {
    const summaries = await readEffectiveSummaries(termSummaries);
    const started = performance.now();
    const entries = new Map(summaries.map((entry) => [entry.id, entry]));
    performance.measure('factlens:compile', { start: started, end: performance.now() });
    let local: Promise<PageMatcher> | undefined;
    const loadLocal = () =>
      loadExtensionModule<(summaries?: readonly TermSummary[]) => PageMatcher>(
        '/page-matcher.js',
        PAGE_MATCHER_KEY,
      ).then(
        // The bundled set alone comes precompiled with the matcher.
        (create) => create(summaries === termSummaries ? undefined : summaries),
      );
    // A failed load is forgotten, so the next scan that needs it tries again.
    const forget = (error: unknown) => {
      local = undefined;
      throw error;
    };
    return { entries, local: () => (local ??= loadLocal().catch(forget)) };
  };
  const [terms, level, theme, fontSize, fuzzy, context, skipCode, density, highlightStyle, hoverDelayMs, hidden] =
    await Promise.all([
      compile(),
      readSetting(settings.detailLevelSetting),
      readSetting(settings.themeSetting),
      readSetting(settings.fontSizeSetting),
      readSetting(settings.fuzzyMatchingSetting),
      readSetting(settings.contextRuleSetting),
      readSetting(settings.skipCodeSetting),
      readSetting(settings.densitySetting),
      readSetting(settings.highlightStyleSetting),
      readSetting(settings.hoverDelaySetting),
      readSetting(settings.hiddenCategoriesSetting),
    ]);
  const zoom = await sendMessage('getZoom').catch(() => 1);
  const card = await createCardHost(ctx, {
    entries: terms.entries,
    level,
    theme,
    fontSize,
    zoom,
    // The card is created first; these run only once the session below exists.
    onPointerEnter: () => session.hover.enterCard(),
    onPointerLeave: () => session.hover.leaveCard(),
    loadEntry: async (id) => (await sendMessage('getEntry', id)) ?? undefined,
    onLevelChange: (next) => void writeSetting(settings.detailLevelSetting, next),
    onOpenSettings: () => void sendMessage('openOptions').catch(() => {}),
  });
  const session = createPageSession({
    doc: document,
    card,
    config: {
      terms,
      find: { fuzzy, context },
      skipCode,
      density,
      highlightStyle,
      hoverDelayMs,
      hiddenCategories: hidden,
    },
    connectMatcher: () => browser.runtime.connect({ name: MATCH_PORT }),
    onCount: (count) => void (isTop && ctx.isValid && sendMessage('pageTermCount', count).catch(() => {})),
  });

  const stopListening = [
    // A newer Factlens started in this frame while this one was starting (WXT's context stops
    // the older one): it must not mark the page the newer one marks.
    await watchActivation(location.hostname, (active) => ctx.isValid && (active ? session.start() : session.stop())),
    watchSetting(settings.detailLevelSetting, (next) => card.update({ level: next })),
    watchSetting(settings.themeSetting, (next) => card.update({ theme: next })),
    watchSetting(settings.fontSizeSetting, (next) => card.update({ fontSize: next })),
    watchSetting(settings.fuzzyMatchingSetting, (on) => session.update({ find: { fuzzy: on } })),
    watchSetting(settings.contextRuleSetting, (on) => session.update({ find: { context: on } })),
    watchSetting(settings.skipCodeSetting, (on) => session.update({ skipCode: on })),
    watchSetting(settings.densitySetting, (next) => session.update({ density: next })),
    watchSetting(settings.highlightStyleSetting, (next) => session.update({ highlightStyle: next })),
    watchSetting(settings.hoverDelaySetting, (next) => session.update({ hoverDelayMs: next })),
    watchSetting(settings.hiddenCategoriesSetting, (next) => session.update({ hiddenCategories: next })),
    customPacksItem.watch(() => {
      void compile().then((next) => {
        card.update({ entries: next.entries });
        session.update({ terms: next });
      });
    }),
    onMessage('zoomChanged', ({ data }) => {
      if (typeof data === 'number' && data > 0) card.update({ zoom: data });
    }),
  ];
  // Requests from the popup and the keyboard commands go to the top frame only.
  if (isTop) {
    stopListening.push(
      onMessage('moveToTerm', ({ data }) => {
        const direction = parseDirection(data);
        if (direction) session.move(direction);
      }),
      onMessage('getPageInfo', () => ({
        hostname: location.hostname,
        running: session.running,
        terms: session.terms(),
      })),
      onMessage('showTerm', ({ data }) => {
        if (typeof data === 'string') session.showTerm(data);
      }),
    );
  }
  const cleanUp = () => {
    session.stop();
    // Each on its own: cut off from the extension, one may throw, and the rest must still go.
    for (const stop of stopListening) {
      try {
        stop();
      } catch {
        // The listener went with the extension's context.
      }
    }
  };
  // Invalidated while starting (a newer instance took over): no invalidation event will come.
  if (ctx.isInvalid) cleanUp();
  else ctx.onInvalidated(cleanUp);
}
