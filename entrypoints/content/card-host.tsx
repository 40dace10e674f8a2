import { autoUpdate, computePosition, flip, inline, offset, shift, type VirtualElement } from '@floating-ui/dom';
import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { FactCard } from '@/components/FactCard';
import type { DetailLevel, FactEntry } from '@/data/types';
import type { PaintedMatch } from './annotate-page';

/** Custom element name of our one shadow host: the only node Factlens adds to a page. */
export const CARD_HOST_NAME = 'factlens-card';

export interface CardHost {
  show(match: PaintedMatch, entry: FactEntry): void;
  hide(): void;
  setLevel(level: DetailLevel): void;
  /** The match whose card is open, if any. */
  readonly current: PaintedMatch | undefined;
  /** The shadow host element, so scanners and hit tests can leave it out. */
  readonly hostElement: HTMLElement;
}

export interface CardHostOptions {
  level: DetailLevel;
  onPointerEnter: () => void;
  onPointerLeave: () => void;
}

/**
 * The popover: Preact inside WXT's shadow root UI (styles isolated both ways), positioned
 * with floating-ui against the match's range. The host joins the page only when a card first
 * opens and is removed when the content script is invalidated.
 */
export async function createCardHost(ctx: ContentScriptContext, options: CardHostOptions): Promise<CardHost> {
  let level = options.level;
  let current: { match: PaintedMatch; entry: FactEntry } | undefined;
  let stopAutoUpdate: (() => void) | undefined;
  let popover: HTMLElement | undefined;

  const ui = await createShadowRootUi(ctx, {
    name: CARD_HOST_NAME,
    position: 'inline',
    anchor: 'body',
    append: 'last',
    onMount: (container) => {
      popover = document.createElement('div');
      popover.className = 'popover';
      popover.setAttribute('role', 'dialog');
      popover.setAttribute('aria-labelledby', 'factlens-card-title');
      popover.hidden = true;
      popover.addEventListener('pointerenter', options.onPointerEnter);
      popover.addEventListener('pointerleave', options.onPointerLeave);
      container.append(popover);
      return popover;
    },
    onRemove: (element) => {
      stopAutoUpdate?.();
      if (element) render(null, element);
      popover = undefined;
    },
  });

  const paint = () => {
    if (!popover || !current) return;
    render(<FactCard entry={current.entry} level={level} />, popover);
  };

  const place = (match: PaintedMatch, floating: HTMLElement) => {
    const reference: VirtualElement = {
      getBoundingClientRect: () => match.range.getBoundingClientRect(),
      getClientRects: () => match.range.getClientRects(),
      contextElement: match.node.parentElement ?? undefined,
    };
    stopAutoUpdate?.();
    stopAutoUpdate = autoUpdate(reference, floating, () => {
      void computePosition(reference, floating, {
        strategy: 'fixed',
        placement: 'bottom-start',
        middleware: [inline(), offset(10), flip({ padding: 5 }), shift({ padding: 5 })],
      }).then(({ x, y }) => {
        floating.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
      });
    });
  };

  return {
    show(match, entry) {
      if (!ui.mounted) ui.mount();
      if (!popover) return;
      current = { match, entry };
      paint();
      popover.hidden = false;
      place(match, popover);
    },
    hide() {
      stopAutoUpdate?.();
      stopAutoUpdate = undefined;
      current = undefined;
      if (popover) {
        popover.hidden = true;
        render(null, popover);
      }
    },
    setLevel(next) {
      level = next;
      paint();
    },
    get current() {
      return current?.match;
    },
    hostElement: ui.shadowHost,
  };
}
