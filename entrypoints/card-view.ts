import { cardView } from './content/card-view';
import { CARD_VIEW_KEY } from './content/card-view-api';

/**
 * The card's view (Preact, the card component, floating-ui), loaded by the content script with
 * import() on a page's first card. It runs in the content script's world and registers there.
 */
export default defineUnlistedScript(() => {
  (globalThis as Record<symbol, unknown>)[CARD_VIEW_KEY] = cardView;
});
