import type { FactCardProps } from '@/components/FactCard';

/**
 * What draws and positions the card: Preact, the card component and floating-ui, the largest
 * part of the card's code. It is not in the content script: entrypoints/card-view.ts loads it
 * on a page's first card (see loadCardView), so pages where no card opens never parse it.
 */
export interface CardView {
  render(popover: HTMLElement, props: FactCardProps): void;
  clear(popover: HTMLElement): void;
  /** Keeps `floating` below the term (flipped and shifted inside the viewport); returns a stop function. */
  place(range: Range, context: Element | undefined, floating: HTMLElement): () => void;
}

/** Where the loaded view registers itself in the content script's world. */
export const CARD_VIEW_KEY = Symbol.for('factlens.card-view');
