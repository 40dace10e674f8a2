export interface MutationBatch {
  /** Nodes added to the page (elements or text) and text nodes whose text changed. */
  changed: Node[];
  /** Whether anything was removed or changed, so that stale matches need dropping. */
  removedOrEdited: boolean;
}

export interface WatchMutationsOptions {
  signal: AbortSignal;
  /** Called with each batch, at most every `batchMs`, when the browser is idle. */
  onBatch: (batch: MutationBatch) => void;
  /** Our own host (the card's): changes to it and inside it are left out. */
  ours: Node;
  /**
   * Called with each text node whose text changed, as the change is observed (before the
   * page paints again), so that its matches' ranges, which do not follow edits, go at once.
   */
  onEdit?: (node: Node) => void;
  /** Collect records for at least this long before handling them. Default: 150 ms. */
  batchMs?: number;
}

export interface MutationWatcher {
  /** Watches another root too (an open shadow root found later). */
  observe(root: Node): void;
}

/**
 * Batches MutationObserver records (childList, characterData) so that a page that changes
 * its text thousands of times a second costs one rescan of what changed per batch.
 */
export function watchMutations(root: Node, options: WatchMutationsOptions): MutationWatcher {
  const { signal, onBatch, ours, onEdit, batchMs = 150 } = options;
  const changed = new Set<Node>();
  let removedOrEdited = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = () => {
    timer = undefined;
    if (signal.aborted) return;
    const batch = { changed: [...changed].filter((node) => node.isConnected), removedOrEdited };
    changed.clear();
    removedOrEdited = false;
    if (batch.changed.length > 0 || batch.removedOrEdited) onBatch(batch);
  };
  const schedule = () => {
    timer ??= setTimeout(() => {
      if (typeof requestIdleCallback === 'function') requestIdleCallback(flush, { timeout: 500 });
      else flush();
    }, batchMs);
  };

  // The page's own updates wait for this (a counter updated 5,000 times is 5,000 records in one
  // call), so it reads each record as little as it can: whether a target is ours is decided once
  // for each run of records on it, a node added to a target that is not ours is ours only if it
  // is the host itself, and removals are looked at until one is seen.
  const observer = new MutationObserver((records) => {
    let target: Node | undefined;
    let targetIsOurs = false;
    for (let r = 0; r < records.length; r++) {
      const record = records[r] as MutationRecord;
      if (record.target !== target) {
        target = record.target;
        targetIsOurs = target === ours || ours.contains(target);
      }
      if (targetIsOurs) continue;
      if (record.type === 'characterData') {
        onEdit?.(target);
        changed.add(target);
        removedOrEdited = true;
        continue;
      }
      const added = record.addedNodes;
      for (let i = 0; i < added.length; i++) {
        const node = added[i] as Node;
        if (node !== ours) changed.add(node);
      }
      if (!removedOrEdited && record.removedNodes.length > 0) removedOrEdited = true;
    }
    if (changed.size > 0 || removedOrEdited) schedule();
  });
  const observe = (target: Node) => observer.observe(target, { childList: true, characterData: true, subtree: true });
  observe(root);
  signal.addEventListener('abort', () => {
    observer.disconnect();
    clearTimeout(timer);
  });
  return { observe };
}
