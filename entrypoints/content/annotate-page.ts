import { decidesAmbiguous, disambiguate, occurrences, type PageText } from '@/utils/disambiguate';
import type { FindOptions } from '@/utils/find-terms';
import type { FuzzyBudget } from '@/utils/fuzzy-match';
import type { matchTerms, TermMatch } from '@/utils/match-terms';
import type { TermIndex } from '@/utils/term-index';
import type { PaintMark, RangePainter } from './highlight';
import type { RemoteMatcher } from './remote-matcher';
import { yieldToPage } from './scan-text';

/** A match painted on the page: where it is and the range that paints it. */
export interface PaintedMatch extends TermMatch, PaintMark {
  node: Text;
  /** The element the range was painted under: the painter's key, kept for when the node has left it. */
  element: Element;
}

/** A live Range over a painted match (hit-testing, placing the card), or undefined once its text changed. */
export function liveRange(match: PaintedMatch): Range | undefined {
  if (!match.node.isConnected || match.end > match.node.length) return undefined;
  const range = match.node.ownerDocument.createRange();
  range.setStart(match.node, match.start);
  range.setEnd(match.node, match.end);
  return range;
}

/** Matches by text node, for hit-testing and for the list of terms on the page. */
export type MatchStore = Map<Text, PaintedMatch[]>;

export interface AnnotateOptions {
  /** The text nodes to scan, in document order. */
  nodes: readonly Text[];
  /**
   * Their text as collected (`TextCollector.texts`), so no node is read again; default: read
   * now. A node edited since is not painted: its mutation batch matches it again.
   */
  texts?: readonly string[];
  /**
   * Whether `node` may have been edited since its text was collected, from the page's mutation
   * records: what the background matched in it is then not painted. Default: its text is read
   * again and compared, which on a page of many terms copies megabytes out of the page.
   */
  editedSinceRead?: (node: Text) => boolean;
  /**
   * Matching on the page, for what the background does not answer (or everything, without
   * `remote`): given, or loaded on first need (the content script does not carry the matcher).
   */
  local: PageMatcher | (() => Promise<PageMatcher>);
  painter: Pick<RangePainter, 'add' | 'delete'>;
  store: MatchStore;
  signal: AbortSignal;
  /** Fuzzy matching and the context rule. Default: both off. */
  find?: FindOptions;
  /** Index of the node to scan first (the top of the viewport); the scan wraps around. */
  startAt?: number;
  /** Terms already marked on the page: evidence for ambiguous aliases in new content; grows. */
  pageEntries?: Set<string>;
  /** Display rule (density): false leaves a match unpainted and out of the store. */
  shouldPaint?: (match: TermMatch) => boolean;
  /** Main-thread budget of the fuzzy pass, shared by every scan of a page. */
  fuzzyBudget?: FuzzyBudget;
  /**
   * Matches in the background instead of on the page (remote-matcher.ts). Nodes it cannot
   * answer for (the extension's worker went away) are matched on the page as before.
   */
  remote?: RemoteMatcher;
  /**
   * The walk goes on while the background matches (with `remote`, from the first node): called
   * until a full batch waits, it walks one slice more into `nodes` and `texts` and resolves
   * true once the walk is done. Nodes without matches are let go once their batch is
   * answered, so a page of 200,000 nodes does not hold 200,000 node wrappers at once.
   */
  collectMore?: () => Promise<boolean>;
  /** Main-thread budget of one slice before yielding to the page. Default: 8 ms. */
  sliceMs?: number;
  /** Record `factlens:ready` when done (the first full annotation of a page). */
  markReady?: boolean;
}

/** The page's own matcher: an index (with its fuzzy scorer) and the function that matches with it. */
export interface PageMatcher {
  index: TermIndex;
  match: typeof matchTerms;
}

/** The element a text node's position follows: its parent, or the host of the shadow root it sits in. */
export function elementOf(node: Text): Element {
  return node.parentElement ?? ((node.getRootNode() as ShadowRoot).host as Element);
}

interface Pending {
  node: Text;
  /** Index of the node in `nodes`. */
  at: number;
  match: TermMatch;
}

/**
 * Scans text nodes in idle slices, paints every match and records it in `store`.
 * Unambiguous matches are painted as they are found; ambiguous ones (TMS, PCP, ...) wait for
 * the whole scan, which is their context. Each slice is a `factlens:scan` User Timing
 * measure; with `markReady` the end is a `factlens:ready` mark with the number of matches and
 * of nodes matched in the background and on the page.
 * Resolves with that number, or with -1 when `signal` aborted the scan.
 */
export async function annotatePage(options: AnnotateOptions): Promise<number> {
  const { nodes, painter, store, signal, find = {}, sliceMs = 8 } = options;
  const texts = options.texts ?? nodes.map((node) => node.data);
  const pageEntries = options.pageEntries ?? new Set<string>();
  const matchOptions = { fuzzy: find.fuzzy === true, budget: options.fuzzyBudget ?? { remainingMs: 50 } };
  const useContext = find.context !== false;
  const all: Pending[] = [];
  let count = 0;
  /** The node index and element of the last match painted, while they come in document order. */
  let previousAt = -1;
  let previousElement: Element | undefined;
  const paint = (node: Text, at: number, match: TermMatch) => {
    if (options.shouldPaint && !options.shouldPaint(match)) return;
    const element = elementOf(node);
    // A literal of one shape, not a spread: pages with tens of thousands of terms make many.
    const painted: PaintedMatch = {
      start: match.start,
      end: match.end,
      entryId: match.entryId,
      alias: match.alias,
      ambiguous: match.ambiguous,
      fuzzy: match.fuzzy,
      otherMeanings: match.otherMeanings,
      cues: match.cues,
      node,
      range: undefined,
      element,
    };
    // Nodes come in document order (but for the wrap round from the end of the page to its
    // top): the painter need not ask the DOM where this match's element is.
    painter.add(element, painted, at >= previousAt ? previousElement : undefined);
    previousAt = at;
    previousElement = element;
    const list = store.get(node);
    if (list) list.push(painted);
    else store.set(node, [painted]);
    if (!match.ambiguous && !match.fuzzy) pageEntries.add(match.entryId);
    count++;
  };

  // A walk that goes on while matching starts at the top; the rest starts at `startAt`.
  const start = options.collectMore ? 0 : Math.min(Math.max(options.startAt ?? 0, 0), Math.max(nodes.length - 1, 0));
  /**
   * Whether `node` left the page or changed since `text` was read from it: its matches are then
   * not painted (a node edited since is matched again with the edit's mutation batch).
   */
  const stale = (node: Text, text: string | undefined) =>
    !node.isConnected || (options.editedSinceRead ? options.editedSinceRead(node) : node.data !== text);
  /** Takes in the matches of the node at `at`: painted now, or held for the context rule. */
  const take = (node: Text, at: number, matches: readonly TermMatch[]) => {
    // An index loop: a page's one scan runs this cold, where for...of goes through an iterator.
    for (let i = 0; i < matches.length; i++) {
      const match = matches[i] as TermMatch;
      const deferred = useContext && (match.ambiguous || match.otherMeanings !== undefined);
      if (useContext) all.push({ node, at, match });
      if (!deferred) paint(node, at, match);
    }
  };
  let markedVisible = false;
  // The first slice starts at the top of the viewport: the visible part is marked after it.
  const sliceDone = (sliceStart: number) => {
    performance.measure('factlens:scan', { start: sliceStart, end: performance.now() });
    if (options.markReady && !markedVisible) {
      markedVisible = true;
      performance.mark('factlens:visible');
    }
  };
  let done = 0;
  /** Where in node `done` matching goes on: a long text's next piece. */
  let resumeAt = 0;
  let walkDone = !options.collectMore || !options.remote;
  if (options.remote && (nodes.length > 0 || !walkDone)) {
    done = await matchRemotely(options.remote);
    if (done < 0) return -1;
  }
  // The background failed while the walk went on: the page matches the rest of it itself.
  while (!walkDone && options.collectMore) {
    walkDone = await options.collectMore();
    if (signal.aborted) return -1;
  }
  /** Nodes the background matched; the rest were matched on the page. */
  const inBackground = done;
  const local = done < nodes.length && !signal.aborted ? await loadLocal(options.local) : undefined;
  while (local && done < nodes.length) {
    if (signal.aborted) return -1;
    const sliceStart = performance.now();
    // The clock is read every 32 nodes or 8,000 characters: reading it for each of 200,000
    // small nodes costs more than some of them take to match.
    let read = 0;
    while (done < nodes.length && (read < 32 || performance.now() - sliceStart < sliceMs)) {
      if (read >= 32) read = 0;
      const at = (start + done) % nodes.length;
      const node = nodes[at] as Text;
      const data = texts[at] as string;
      let matches: readonly TermMatch[];
      if (data.length > PIECE_LENGTH) {
        // A long text in pieces here too, from where the background stopped.
        const piece = pieceOf(data, resumeAt);
        read += 1 + (piece.text.length >> 8);
        matches = local.match(piece.text, local.index, matchOptions);
        if (matches.length > 0) matches = ownMatches(matches, piece);
        if (matches.length > 0 && !stale(node, data)) take(node, at, matches);
        if (piece.to < data.length) resumeAt = piece.to;
        else {
          resumeAt = 0;
          done++;
        }
        continue;
      }
      done++;
      read += 1 + (data.length >> 8);
      matches = local.match(data, local.index, matchOptions);
      // Most nodes have no match: only those with one are checked for having left the page or
      // changed since they were read.
      if (matches.length > 0 && !stale(node, data)) take(node, at, matches);
    }
    sliceDone(sliceStart);
    if (done < nodes.length) await yieldToPage();
  }

  /**
   * The background matches the nodes in batches, a few in flight at once, while the page only
   * reads their text and paints what comes back, in slices. Resolves with how many nodes (in
   * scan order) were handled before the background failed, or -1 when `signal` aborted.
   */
  async function matchRemotely(remote: RemoteMatcher): Promise<number> {
    interface Batch {
      from: number;
      /** The texts of its nodes as read (a piece's batch: its node's whole text). */
      texts: string[];
      /** A batch of one piece of a long text (`from` is its node). */
      piece?: Piece;
      reply: Promise<(readonly TermMatch[])[]>;
      /** Its answer came in while the page was busy: awaiting it continues the same task. */
      settled: boolean;
    }
    const inFlight: Batch[] = [];
    let sent = 0;
    /** Characters of node `sent` already sent, in pieces. */
    let sentOffset = 0;
    let handled = 0;
    /**
     * When the current task began for this scan: answers already in are handled without a task
     * boundary, so a slice is counted from here, not from its own start.
     */
    let taskStart = performance.now();
    /** Characters of the nodes collected and not sent yet, while the walk goes on. */
    let unsentCharacters = 0;
    let counted = nodes.length;
    const fullBatchWaiting = () => nodes.length - sent >= MAX_BATCH_NODES || unsentCharacters >= MAX_BATCH_CHARACTERS;
    while (handled < nodes.length || !walkDone) {
      let sliceStart = performance.now();
      // The walk goes on until a full batch waits (or it is done), so batches are as large as
      // those of a page walked first; meanwhile the background matches the batches in flight.
      let walked = false;
      while (!walkDone && options.collectMore && !fullBatchWaiting()) {
        walkDone = await options.collectMore();
        if (signal.aborted) return -1;
        walked = true;
        for (; counted < nodes.length; counted++) unsentCharacters += (texts[counted] as string).length;
      }
      if (walked) sliceStart = taskStart = performance.now();
      while (sent < nodes.length && inFlight.length < MAX_IN_FLIGHT && (walkDone || fullBatchWaiting())) {
        const from = sent;
        const first = texts[(start + sent) % nodes.length] as string;
        let batch: Batch;
        if (first.length > PIECE_LENGTH) {
          // A long text goes in pieces, one batch each: a megabyte of one node is not sent (or
          // matched, or painted) in one task.
          const piece = pieceOf(first, sentOffset);
          if (piece.to === first.length) {
            sent++;
            sentOffset = 0;
          } else sentOffset = piece.to;
          unsentCharacters -= piece.to - piece.from;
          const reply = remote.match([piece.text], matchOptions.fuzzy, matchOptions.budget);
          batch = { from, texts: [first], piece, reply, settled: false };
        } else {
          const batchTexts: string[] = [];
          let characters = 0;
          while (sent < nodes.length && batchTexts.length < MAX_BATCH_NODES && characters < MAX_BATCH_CHARACTERS) {
            const data = texts[(start + sent) % nodes.length] as string;
            if (data.length > PIECE_LENGTH) break;
            sent++;
            batchTexts.push(data);
            characters += data.length;
          }
          unsentCharacters -= characters;
          const reply = remote.match(batchTexts, matchOptions.fuzzy, matchOptions.budget);
          batch = { from, texts: batchTexts, reply, settled: false };
        }
        const { reply } = batch;
        // Failures are handled where the batch is awaited, in order.
        const settle = () => void (batch.settled = true);
        reply.then(settle, settle);
        inFlight.push(batch);
      }
      performance.measure('factlens:scan', { start: sliceStart, end: performance.now() });
      // Nothing in flight: the walk is done and every batch handled, or the walk goes on.
      if (inFlight.length === 0) continue;
      const batch = inFlight.shift() as Batch;
      const sameTask = batch.settled;
      let results: (readonly TermMatch[])[];
      try {
        results = await batch.reply;
      } catch {
        // Switched off (the session closed the port) or the background failed: the page
        // matches the rest itself, from the piece that failed if it was one.
        resumeAt = batch.piece?.from ?? 0;
        return signal.aborted ? -1 : batch.from;
      }
      if (signal.aborted) return -1;
      sliceStart = performance.now();
      if (!sameTask) taskStart = sliceStart;
      const { piece } = batch;
      /** Whether this batch ends its nodes: all but a long text's pieces before its last. */
      const nodesDone = !piece || piece.to === (batch.texts[0] as string).length;
      for (let k = 0; k < results.length; k++) {
        let matches = results[k] as readonly TermMatch[];
        if (piece && matches.length > 0) matches = ownMatches(matches, piece);
        if (matches.length === 0) {
          // While the walk goes on, a node without matches is let go (the store, and the context
          // rule, hold on to those with matches); a long text once its last piece is in.
          if (options.collectMore && nodesDone)
            (nodes as (Text | undefined)[])[(start + batch.from + k) % nodes.length] = undefined;
          continue;
        }
        // A batch from a page of many terms holds hundreds of them: painted in slices too.
        if (performance.now() - taskStart > sliceMs) {
          performance.measure('factlens:scan', { start: sliceStart, end: performance.now() });
          await yieldToPage();
          if (signal.aborted) return -1;
          sliceStart = taskStart = performance.now();
        }
        const at = (start + batch.from + k) % nodes.length;
        const node = nodes[at] as Text;
        if (!stale(node, batch.texts[k])) take(node, at, matches);
      }
      handled = nodesDone ? batch.from + batch.texts.length : batch.from;
      sliceDone(sliceStart);
      // Sending the next batches (serialising their text) waits for another task once this
      // one has had its slice.
      if ((handled < nodes.length || !walkDone) && (inFlight.length === 0 || performance.now() - taskStart > sliceMs)) {
        await yieldToPage();
        taskStart = performance.now();
      }
    }
    return handled;
  }
  if (signal.aborted) return -1;

  const deferred = all.filter(({ match }) => match.ambiguous || match.otherMeanings !== undefined);
  if (deferred.length > 0) {
    // The context rule reads the whole page: where the other senses' phrases occur (found node
    // by node, in slices) and the text around each ambiguous match. No 6 MB string is built.
    const phrases = new Set<string>();
    for (const { match } of all) for (const phrase of match.otherMeanings ?? []) phrases.add(phrase);
    const read = await nodePageText(texts, phrases, signal, sliceMs);
    if (!read) return -1;
    const { page, bases } = read;
    const contextStart = performance.now();
    // The scan went from node `start` to the end, then wrapped round: its matches are two runs
    // in document order, so the nodes before `start` come first.
    const wrapped = all.findIndex((pending) => pending.at < start);
    const inOrder = wrapped > 0 ? all.slice(wrapped).concat(all.slice(0, wrapped)) : all;
    // Only the matches that can change a decision: on a page of thousands of terms, all of
    // them made a 40 ms task.
    const decides = decidesAmbiguous(
      deferred.map(({ match }) => match),
      pageEntries,
    );
    const ordered = inOrder.filter(({ match }) => decides(match));
    const global = ordered.map(({ match, at }) => {
      const base = bases[at] ?? 0;
      const moved: TermMatch = {
        start: match.start + base,
        end: match.end + base,
        entryId: match.entryId,
        alias: match.alias,
        ambiguous: match.ambiguous,
        fuzzy: match.fuzzy,
      };
      if (match.otherMeanings) moved.otherMeanings = match.otherMeanings;
      if (match.cues) moved.cues = match.cues;
      return moved;
    });
    const kept = new Set(disambiguate(global, page, pageEntries));
    const decided = ordered.filter((pending, i) => {
      const match = global[i] as TermMatch;
      return (match.ambiguous || match.otherMeanings !== undefined) && kept.has(match);
    });
    performance.measure('factlens:context', { start: contextStart, end: performance.now() });
    // A page can have thousands of them ("depression" on a 6 MB page): painted in slices too.
    const finished = await inSlices(decided, 'factlens:context', sliceMs, signal, ({ node, at, match }) => {
      if (node.isConnected) paint(node, at, match);
    });
    if (!finished) return -1;
  }
  if (options.markReady)
    performance.mark('factlens:ready', {
      detail: { matches: count, nodes: { inBackground, onPage: nodes.length - inBackground } },
    });
  return count;
}

/**
 * Calls `each` on every item in slices of about `sliceMs`, each a User Timing measure named
 * `measure`, yielding to the page in between. False when `signal` aborted.
 */
async function inSlices<T>(
  items: readonly T[],
  measure: string,
  sliceMs: number,
  signal: AbortSignal,
  each: (item: T) => void,
): Promise<boolean> {
  let i = 0;
  while (i < items.length) {
    const started = performance.now();
    do each(items[i++] as T);
    while (i < items.length && (i % 16 !== 0 || performance.now() - started < sliceMs));
    performance.measure(measure, { start: started, end: performance.now() });
    if (i < items.length) await yieldToPage();
    if (signal.aborted) return false;
  }
  return true;
}

/** The page's matcher, or undefined (and a warning) when it cannot be loaded. */
async function loadLocal(local: AnnotateOptions['local']): Promise<PageMatcher | undefined> {
  try {
    return typeof local === 'function' ? await local() : local;
  } catch (error) {
    console.warn('Factlens: could not load the matcher', error);
    return undefined;
  }
}

/**
 * A text longer than this is matched in pieces: each owns this many characters and carries
 * PIECE_OVERLAP more on both sides, so a match starting in its own part lies whole in it, with
 * the words around it (an alias has at most 80 characters).
 */
export const PIECE_LENGTH = 65_536;
const PIECE_OVERLAP = 1024;

/** One piece of a long text: its own part [from, to) and the text sent, which starts at `offset`. */
export interface Piece {
  from: number;
  to: number;
  offset: number;
  text: string;
}

/** The piece of `data` whose own part starts at `from`. */
export function pieceOf(data: string, from: number): Piece {
  const to = Math.min(data.length, from + PIECE_LENGTH);
  const offset = Math.max(0, from - PIECE_OVERLAP);
  return { from, to, offset, text: data.slice(offset, Math.min(data.length, to + PIECE_OVERLAP)) };
}

/** The matches of a piece's text that start in its own part, at their offsets in the whole text. */
export function ownMatches(matches: readonly TermMatch[], piece: Piece): TermMatch[] {
  const own: TermMatch[] = [];
  for (const match of matches) {
    const start = match.start + piece.offset;
    if (start >= piece.from && start < piece.to) own.push({ ...match, start, end: match.end + piece.offset });
  }
  return own;
}

/** Batches sent to the background at once, and the size of one. */
const MAX_IN_FLIGHT = 3;
const MAX_BATCH_NODES = 2048;
const MAX_BATCH_CHARACTERS = 65_536;

/** Characters with a meaning in a RegExp. */
const SPECIAL = /[.*+?^${}()|[\]\\]/g;

/**
 * The page text the context rule reads: the scanned nodes' texts joined by "\n", gone through
 * in slices of `sliceMs`: `bases` are the offsets of the nodes in it, the occurrences of
 * `phrases` are found node by node (a phrase never spans two nodes in the joined text either),
 * and windows are joined on demand. Undefined when `signal` aborted.
 */
async function nodePageText(
  texts: readonly string[],
  phrases: ReadonlySet<string>,
  signal: AbortSignal,
  sliceMs: number,
): Promise<{ page: PageText; bases: number[] } | undefined> {
  const found = new Map<string, number[]>([...phrases].map((phrase) => [phrase, []]));
  const anyLowerCase = [...phrases].some((phrase) => phrase === phrase.toLowerCase());
  // One native search per node for any of the phrases, in any casing: most nodes have none,
  // and need no lower-case copy and no search per phrase.
  const anyPhrase =
    phrases.size > 0
      ? new RegExp([...phrases].map((phrase) => phrase.replace(SPECIAL, '\\$&')).join('|'), 'i')
      : undefined;
  const bases: number[] = [];
  let total = 0;
  let i = 0;
  while (i < texts.length) {
    if (signal.aborted) return undefined;
    const sliceStart = performance.now();
    // At least one node per slice; the clock is read every 64 nodes.
    do {
      const data = texts[i] as string;
      const base = total;
      bases.push(base);
      total += data.length + 1;
      i++;
      if (!anyPhrase?.test(data)) continue;
      const lower = anyLowerCase ? data.toLowerCase() : data;
      for (const [phrase, at] of found) {
        const haystack = phrase === phrase.toLowerCase() ? lower : data;
        for (const offset of occurrences(data, haystack, phrase)) at.push(base + offset);
      }
    } while (i < texts.length && (i % 64 !== 0 || performance.now() - sliceStart < sliceMs));
    performance.measure('factlens:context', { start: sliceStart, end: performance.now() });
    if (i < texts.length) await yieldToPage();
  }
  if (signal.aborted) return undefined;
  /** Index of the node that holds offset `at`. */
  const nodeAt = (at: number) => {
    let low = 0;
    let high = texts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((bases[mid] ?? 0) <= at) low = mid;
      else high = mid - 1;
    }
    return low;
  };
  const page: PageText = {
    occurrences: (phrase) => found.get(phrase) ?? [],
    lowerSlice(start, end) {
      const from = Math.max(0, start);
      const parts: string[] = [];
      const first = nodeAt(from);
      for (let k = first; k < texts.length && (bases[k] ?? 0) < end; k++) parts.push(texts[k] as string);
      const offset = bases[first] ?? 0;
      return parts
        .join('\n')
        .slice(from - offset, end - offset)
        .toLowerCase();
    },
  };
  return { page, bases };
}
