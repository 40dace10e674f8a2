import '@/components/fact-card.css';
import { bundledEntries } from '@/data';
import { detailLevelSetting, enabledSetting, readSetting, watchSetting } from '@/utils/settings';
import { compileTermIndex } from '@/utils/term-index';
import { annotatePage, type MatchStore } from './annotate-page';
import { createCardHost } from './card-host';
import { createTermHighlight } from './highlight';
import { hitTest } from './hit-test';
import { watchHoverIntent } from './hover-intent';

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  cssInjectionMode: 'ui',
  async main(ctx) {
    const index = compileTermIndex(bundledEntries);
    const [enabled, level] = await Promise.all([readSetting(enabledSetting), readSetting(detailLevelSetting)]);
    const hover = { enterCard: () => {}, leaveCard: () => {} };
    const card = await createCardHost(ctx, {
      level,
      onPointerEnter: () => hover.enterCard(),
      onPointerLeave: () => hover.leaveCard(),
    });

    // One "session" per time Factlens is switched on in this tab; aborting it undoes everything.
    let session: AbortController | undefined;
    const start = () => {
      const controller = new AbortController();
      session = controller;
      ctx.signal.addEventListener('abort', () => controller.abort(), { signal: controller.signal });
      const store: MatchStore = new Map();
      const highlight = createTermHighlight();
      controller.signal.addEventListener('abort', () => {
        card.hide();
        highlight.dispose();
        store.clear();
      });
      Object.assign(
        hover,
        watchHoverIntent({
          target: document,
          signal: controller.signal,
          find: (x, y) => hitTest(document, store, x, y),
          isInsideCard: (event) => event.composedPath().includes(card.hostElement),
          open: (match) => {
            const entry = index.entries.get(match.entryId);
            if (entry) card.show(match, entry);
          },
          close: () => card.hide(),
          current: () => card.current,
        }),
      );
      void annotatePage({
        root: document.body,
        index,
        highlight,
        store,
        signal: controller.signal,
        exclude: (element) => element === card.hostElement,
      });
    };
    const stop = () => {
      session?.abort();
      session = undefined;
    };

    if (enabled) start();
    const unwatchEnabled = watchSetting(enabledSetting, (on) => (on ? (session ?? start()) : stop()));
    const unwatchLevel = watchSetting(detailLevelSetting, (next) => card.setLevel(next));
    ctx.onInvalidated(() => {
      stop();
      unwatchEnabled();
      unwatchLevel();
    });
  },
});
