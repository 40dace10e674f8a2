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
  /** Leave out changes inside our own host. */
  isOurs: (node: Node) => boolean;
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
  const { signal, onBatch, isOurs, onEdit, batchMs = 150 } = options;
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

  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (isOurs(record.target)) continue;
      if (record.type === 'characterData') {
        onEdit?.(record.target);
        changed.add(record.target);
        removedOrEdited = true;
        continue;
      }
      for (const node of record.addedNodes) if (!isOurs(node)) changed.add(node);
      if (record.removedNodes.length > 0) removedOrEdited = true;
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
