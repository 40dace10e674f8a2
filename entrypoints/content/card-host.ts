import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
// The card's styles, in its shadow root only (the page's stylesheets do not reach them).
import cardCss from '@/components/fact-card.css?inline';
import type { DetailLevel, FactEntry, TermSummary } from '@/data/types';
import type { Theme } from '@/utils/settings';
import { liveRange, type PaintedMatch } from './annotate-page';
import { CARD_VIEW_KEY, type CardView } from './card-view-api';
import { loadExtensionModule } from './extension-module';
import { prefersDarkCard } from './page-theme';

/** Custom element name of our one shadow host: the only node Factlens adds to a page. */
export const CARD_HOST_NAME = 'factlens-card';

/** The card's view, imported on a page's first card: pages where none opens never load it. */
export const loadCardView = (): Promise<CardView> => loadExtensionModule<CardView>('/card-view.js', CARD_VIEW_KEY);

export interface CardLook {
  /** Every term the card can show, for related links. */
  entries: ReadonlyMap<string, TermSummary>;
  level: DetailLevel;
  theme: Theme;
  /** Card text size in CSS px at 100% zoom. */
  fontSize: number;
  /** Page zoom factor (1 = 100%); the card divides by it so its size stays put. */
  zoom: number;
}

export interface ShowOptions {
  /** Move focus into the card (keyboard path); Escape returns it. */
  focus?: boolean;
}

export interface CardHost {
  /** Opens the card of a match (its text loads on first use, then comes from a cache). */
  show(match: PaintedMatch, options?: ShowOptions): void;
  hide(): void;
  /** Changes how the card looks; an open card follows at once. */
  update(look: Partial<CardLook>): void;
  /** Reads a message to screen readers through the card's live region. */
  announce(message: string): void;
  /** Loads what the card needs ahead of a probable show() (a hover that may become one). */
  prepare(): void;
  /** The match whose card is open, if any. */
  readonly current: PaintedMatch | undefined;
  /** The shadow host element, so scanners and hit tests can leave it out. */
  readonly hostElement: HTMLElement;
}

export interface CardHostOptions extends CardLook {
  /** The whole entry of a term, from the background. */
  loadEntry: (id: string) => Promise<FactEntry | undefined>;
  onPointerEnter: () => void;
  onPointerLeave: () => void;
  /** The reader chose another level in the card: save it as the setting. */
  onLevelChange: (level: DetailLevel) => void;
  onOpenSettings: () => void;
}

const isEditable = (element: Element | null): boolean =>
  element instanceof HTMLElement &&
  (element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName));

/**
 * The popover: Preact inside WXT's shadow root UI (styles isolated both ways), positioned
 * with floating-ui against the match's range: below the term, flipped and shifted inside the
 * viewport. The host joins the page when a card first opens, moves into the fullscreen
 * element while there is one, and is removed when the content script is invalidated.
 */
export async function createCardHost(ctx: ContentScriptContext, options: CardHostOptions): Promise<CardHost> {
  const look: CardLook = {
    entries: options.entries,
    level: options.level,
    theme: options.theme,
    fontSize: options.fontSize,
    zoom: options.zoom,
  };
  let current: { match: PaintedMatch; history: FactEntry[] } | undefined;
  let stopAutoUpdate: (() => void) | undefined;
  let popover: HTMLElement | undefined;
  let liveRegion: HTMLElement | undefined;
  let returnFocusTo: Element | null = null;
  let titled: { element: Element; title: string } | undefined;
  let view: CardView | undefined;
  const loaded = new Map<string, Promise<FactEntry | undefined>>();
  const load = (id: string) => {
    let entry = loaded.get(id);
    if (!entry) {
      entry = options.loadEntry(id).catch(() => undefined);
      loaded.set(id, entry);
      // A failed load is not cached, so the next hover tries again.
      void entry.then((value) => value === undefined && loaded.delete(id));
    }
    return entry;
  };

  const ui = await createShadowRootUi(ctx, {
    name: CARD_HOST_NAME,
    css: cardCss,
    position: 'inline',
    anchor: 'body',
    append: 'last',
    onMount: (container) => {
      popover = document.createElement('div');
      popover.className = 'popover';
      popover.setAttribute('role', 'dialog');
      popover.setAttribute('aria-labelledby', 'factlens-card-title');
      popover.tabIndex = -1;
      popover.hidden = true;
      popover.addEventListener('pointerenter', options.onPointerEnter);
      popover.addEventListener('pointerleave', options.onPointerLeave);
      liveRegion = document.createElement('div');
      liveRegion.className = 'live-region';
      liveRegion.setAttribute('role', 'status');
      liveRegion.setAttribute('aria-live', 'polite');
      container.append(popover, liveRegion);
      return popover;
    },
    onRemove: (element) => {
      stopAutoUpdate?.();
      if (element) view?.clear(element);
      restoreTitle();
      popover = undefined;
      liveRegion = undefined;
    },
  });
  const host = ui.shadowHost;

  const ensureMounted = () => {
    if (!ui.mounted) ui.mount();
    const fullscreen = document.fullscreenElement;
    const parent = fullscreen ?? document.body;
    if (host.parentNode !== parent) parent.append(host);
  };

  // The page's own title tooltip would show on top of the card: hide it while the card is open.
  const suppressTitle = (match: PaintedMatch) => {
    const element = match.node.parentElement?.closest('[title]');
    if (!element) return;
    titled = { element, title: element.getAttribute('title') ?? '' };
    element.removeAttribute('title');
  };
  function restoreTitle() {
    if (titled && !titled.element.hasAttribute('title')) titled.element.setAttribute('title', titled.title);
    titled = undefined;
  }

  const paint = () => {
    if (!popover || !current || !view) return;
    const entry = current.history[current.history.length - 1] as FactEntry;
    const dark = look.theme === 'dark' || (look.theme === 'auto' && prefersDarkCard(current.match.node.parentElement));
    popover.dataset.theme = dark ? 'dark' : 'light';
    host.style.setProperty('--fl-font-size', `${look.fontSize / (look.zoom || 1)}px`);
    const related = entry.related.flatMap((id) => {
      const target = look.entries.get(id);
      return target ? [{ id, title: target.title }] : [];
    });
    view.render(popover, {
      entry,
      level: look.level,
      related,
      onOpenRelated: (id) => {
        const showing = current;
        void load(id).then((target) => {
          if (!target || current !== showing || !showing) return;
          showing.history.push(target);
          paint();
          popover?.focus({ preventScroll: true });
        });
      },
      onBack:
        current.history.length > 1
          ? () => {
              current?.history.pop();
              paint();
              popover?.focus({ preventScroll: true });
            }
          : undefined,
      onLevelChange: (level) => {
        look.level = level;
        paint();
        options.onLevelChange(level);
      },
      onOpenSettings: options.onOpenSettings,
    });
  };

  const place = (match: PaintedMatch, floating: HTMLElement) => {
    stopAutoUpdate?.();
    const range = liveRange(match);
    stopAutoUpdate = range && view?.place(range, match.node.parentElement ?? undefined, floating);
  };

  let pending: PaintedMatch | undefined;
  const hide = () => {
    pending = undefined;
    stopAutoUpdate?.();
    stopAutoUpdate = undefined;
    const hadFocus = popover !== undefined && (popover.matches(':focus-within') || host.matches(':focus-within'));
    current = undefined;
    restoreTitle();
    if (popover) {
      popover.hidden = true;
      view?.clear(popover);
    }
    if (hadFocus && returnFocusTo instanceof HTMLElement) returnFocusTo.focus({ preventScroll: true });
    returnFocusTo = null;
  };

  const onFullscreenChange = () => {
    if (ui.mounted) ensureMounted();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !current) return;
    // Never act on keys typed into the page's own fields; inside our card, Escape is ours.
    const inCard = event.composedPath().includes(host);
    if (!inCard && isEditable(document.activeElement)) return;
    hide();
  };
  document.addEventListener('fullscreenchange', onFullscreenChange, { signal: ctx.signal });
  document.addEventListener('keydown', onKeyDown, { capture: true, signal: ctx.signal });

  return {
    show(match, showOptions = {}) {
      pending = match;
      void Promise.all([load(match.entryId), loadCardView()]).then(
        ([entry, loadedView]) => {
          view = loadedView;
          if (entry && pending === match && !ctx.isInvalid) open(match, entry, showOptions);
        },
        (error: unknown) => console.warn('Factlens could not open the card:', error),
      );
    },
    prepare() {
      void loadCardView().then(
        (loadedView) => (view = loadedView),
        () => {},
      );
    },
    hide,
    update(next) {
      Object.assign(look, next);
      if (next.entries) loaded.clear();
      paint();
    },
    announce(message) {
      ensureMounted();
      if (liveRegion) liveRegion.textContent = message;
    },
    get current() {
      return current?.match;
    },
    hostElement: host,
  };

  function open(match: PaintedMatch, entry: FactEntry, showOptions: ShowOptions) {
    ensureMounted();
    if (!popover) return;
    if (current?.match !== match) restoreTitle();
    current = { match, history: [entry] };
    suppressTitle(match);
    paint();
    popover.hidden = false;
    place(match, popover);
    if (showOptions.focus) {
      if (!host.matches(':focus-within')) returnFocusTo = document.activeElement;
      popover.focus({ preventScroll: true });
    }
  }
}
