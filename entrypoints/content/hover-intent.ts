/** A pointer that has not moved for this long is at rest, whatever its last speed. */
const REST_MS = 60;

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
  /** Dwell time before a card opens, read at each hover (a setting). Default: 200 ms. */
  delayMs?: () => number;
  /** Time to reach the card or come back before it closes. Default: 300 ms. */
  graceMs?: number;
  /** Pointer speed (px/ms) over the last two moves above which nothing opens. Default: 0.5. */
  flyOverSpeed?: number;
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
  const {
    target,
    signal,
    find,
    open,
    close,
    current,
    delayMs = () => 200,
    graceMs = 300,
    flyOverSpeed = 0.5,
  } = options;
  let openTimer: ReturnType<typeof setTimeout> | undefined;
  let closeTimer: ReturnType<typeof setTimeout> | undefined;
  let pending: T | undefined;
  let frame = 0;
  let last: PointerEvent | undefined;
  /** The last three pointer samples: x, y, time. */
  const samples: [number, number, number][] = [];
  /** Pointer speed in px/ms; 0 once the pointer has rested for REST_MS. */
  const speed = () => {
    const first = samples[0];
    const latest = samples[samples.length - 1];
    if (!first || !latest || performance.now() - latest[2] > REST_MS) return 0;
    return Math.hypot(latest[0] - first[0], latest[1] - first[1]) / Math.max(latest[2] - first[2], 1);
  };
  let restTimer: ReturnType<typeof setTimeout> | undefined;

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
    // Flying over text on the way elsewhere: no card (UX.md, "fly-over suppression").
    if (speed() >= flyOverSpeed) {
      cancelOpen();
      // Look again once the pointer may have come to rest on this term.
      clearTimeout(restTimer);
      restTimer = setTimeout(() => {
        if (frame === 0 && !signal.aborted) frame = requestAnimationFrame(evaluate);
      }, REST_MS + 10);
      return;
    }
    if (item === pending) return;
    cancelOpen();
    pending = item;
    openTimer = setTimeout(() => {
      openTimer = undefined;
      pending = undefined;
      if (signal.aborted || speed() >= flyOverSpeed) return;
      cancelClose();
      open(item);
    }, delayMs());
  };

  const onPointerMove = (event: Event) => {
    const pointer = event as PointerEvent;
    if (pointer.pointerType === 'touch') return;
    last = pointer;
    samples.push([pointer.clientX, pointer.clientY, pointer.timeStamp]);
    if (samples.length > 3) samples.shift();
    if (frame === 0) frame = requestAnimationFrame(evaluate);
  };

  target.addEventListener('pointermove', onPointerMove, { passive: true, capture: true, signal });
  signal.addEventListener('abort', () => {
    cancelOpen();
    cancelClose();
    clearTimeout(restTimer);
    if (frame !== 0) cancelAnimationFrame(frame);
  });

  return { enterCard: cancelClose, leaveCard: scheduleClose };
}
