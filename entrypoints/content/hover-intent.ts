export interface HoverIntentOptions<T> {
  target: EventTarget;
  signal: AbortSignal;
  /** What is under the viewport point, if anything worth a card. */
  find: (x: number, y: number) => T | undefined;
  /** True when the event happened inside our own card. */
  isInsideCard: (event: PointerEvent) => boolean;
  open: (item: T) => void;
  close: () => void;
  current: () => T | undefined;
  /** Dwell time before a card opens. Default: 200 ms. */
  delayMs?: number;
  /** Time to reach the card or come back before it closes. Default: 300 ms. */
  graceMs?: number;
}

export interface HoverIntent {
  /** Call when the pointer enters the card: keeps it open. */
  enterCard(): void;
  /** Call when the pointer leaves the card: closes it after the grace period. */
  leaveCard(): void;
}

/**
 * Opens a card after the pointer rests on a term for `delayMs`, keeps it while the pointer
 * travels into the card, and closes it `graceMs` after the pointer leaves both. Listeners are
 * passive and never cancel the page's events.
 */
export function watchHoverIntent<T>(options: HoverIntentOptions<T>): HoverIntent {
  const { target, signal, find, open, close, current, delayMs = 200, graceMs = 300 } = options;
  let openTimer: ReturnType<typeof setTimeout> | undefined;
  let closeTimer: ReturnType<typeof setTimeout> | undefined;
  let pending: T | undefined;
  let frame = 0;
  let last: PointerEvent | undefined;

  const cancelOpen = () => {
    clearTimeout(openTimer);
    openTimer = undefined;
    pending = undefined;
  };
  const cancelClose = () => {
    clearTimeout(closeTimer);
    closeTimer = undefined;
  };
  const scheduleClose = () => {
    if (closeTimer !== undefined || current() === undefined) return;
    closeTimer = setTimeout(() => {
      closeTimer = undefined;
      close();
    }, graceMs);
  };

  const evaluate = () => {
    frame = 0;
    const event = last;
    if (!event || signal.aborted) return;
    if (options.isInsideCard(event)) {
      cancelOpen();
      cancelClose();
      return;
    }
    const item = find(event.clientX, event.clientY);
    if (item === undefined) {
      cancelOpen();
      scheduleClose();
      return;
    }
    if (item === current()) {
      cancelOpen();
      cancelClose();
      return;
    }
    if (item === pending) return;
    cancelOpen();
    pending = item;
    openTimer = setTimeout(() => {
      openTimer = undefined;
      pending = undefined;
      cancelClose();
      open(item);
    }, delayMs);
  };

  const onPointerMove = (event: Event) => {
    const pointer = event as PointerEvent;
    if (pointer.pointerType === 'touch') return;
    last = pointer;
    if (frame === 0) frame = requestAnimationFrame(evaluate);
  };

  target.addEventListener('pointermove', onPointerMove, { passive: true, capture: true, signal });
  signal.addEventListener('abort', () => {
    cancelOpen();
    cancelClose();
    if (frame !== 0) cancelAnimationFrame(frame);
  });

  return { enterCard: cancelClose, leaveCard: scheduleClose };
}
