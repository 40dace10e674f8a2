import { autoUpdate, computePosition, flip, inline, offset, shift, size, type VirtualElement } from '@floating-ui/dom';
import { render } from 'preact';
import { FactCard } from '@/components/FactCard';
import type { CardView } from './card-view-api';

/** Gap between the term and the card, and the card and the viewport edge (UX.md). */
const GAP = 10;
const GUTTER = 5;

export const cardView: CardView = {
  render(popover, props) {
    render(<FactCard {...props} />, popover);
  },
  clear(popover) {
    render(null, popover);
  },
  place(range, context, floating) {
    const reference: VirtualElement = {
      getBoundingClientRect: () => range.getBoundingClientRect(),
      getClientRects: () => range.getClientRects(),
      contextElement: context,
    };
    return autoUpdate(reference, floating, () => {
      void computePosition(reference, floating, {
        strategy: 'fixed',
        placement: 'bottom-start',
        middleware: [
          inline(),
          offset(GAP),
          flip({ padding: GUTTER }),
          shift({ padding: GUTTER }),
          size({
            padding: GUTTER,
            apply: ({ availableHeight }) => {
              floating.style.maxHeight = `${Math.max(120, Math.min(availableHeight, 480))}px`;
            },
          }),
        ],
      }).then(({ x, y, placement }) => {
        floating.dataset.placement = placement;
        // left/top, not transform: the appear animation owns transform.
        floating.style.left = `${Math.round(x)}px`;
        floating.style.top = `${Math.round(y)}px`;
      });
    });
  },
};
