// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installStaticRange, rangeText } from './static-range';
import { rangeOf } from '@/entrypoints/content/highlight';
import { annotatePage, PIECE_LENGTH, type MatchStore } from '@/entrypoints/content/annotate-page';
import { createRemoteMatcher, type ClientPort } from '@/entrypoints/content/remote-matcher';
import { collectTextNodes, createTextCollector } from '@/entrypoints/content/scan-text';
import { createFuseScorer } from '@/utils/fuse-scorer';
import type { MatchRequest } from '@/utils/match-protocol';
import { serveMatchPort } from '@/utils/match-service';
import { matchTerms } from '@/utils/match-terms';
import { compileTermIndex } from '@/utils/term-index';
import { makeEntry } from '../helpers';

installStaticRange();

const entries = [
  makeEntry('ketamine', ['ketamine']),
  makeEntry('glutamate', ['glutamate']),
  makeEntry('nmda-receptor', ['NMDA receptor']),
  makeEntry('tms', [{ text: 'TMS', abbreviation: true, ambiguous: true, cues: ['magnetic'] }]),
];
/** The page's own matcher, with fuse.js, as entrypoints/page-matcher.ts loads it. */
const pageIndex = compileTermIndex(entries, { scorer: createFuseScorer() });
/** How many times a scan loaded the page's own matcher. */
let localLoads = 0;
/** The background's: fuse.js loaded. */
const backgroundIndex = compileTermIndex(entries, { scorer: createFuseScorer() });

interface FakeWire {
  connect: () => ClientPort;
  /** Requests the background received. */
  received: MatchRequest[];
  /** Closes the open port from the background's side (its worker stopped). */
  close(): void;
  connections: number;
}

/** A port pair in memory: the client's side, and the real service on the other, a task away. */
function fakeWire(options: { answer?: (request: MatchRequest) => boolean } = {}): FakeWire {
  const wire: FakeWire = { connect, received: [], close: () => {}, connections: 0 };
  function connect(): ClientPort {
    wire.connections++;
    const toClient: ((message: unknown) => void)[] = [];
    const toService: ((message: unknown) => void)[] = [];
    const clientDisconnect: (() => void)[] = [];
    let open = true;
    const close = () => {
      if (!open) return;
      open = false;
      setTimeout(() => clientDisconnect.forEach((listener) => listener()), 0);
    };
    wire.close = close;
    serveMatchPort(
      {
        postMessage: (message) => open && setTimeout(() => toClient.forEach((listener) => listener(message)), 0),
        onMessage: { addListener: (listener) => toService.push(listener) },
        onDisconnect: { addListener: () => {} },
        disconnect: close,
      },
      () => Promise.resolve(backgroundIndex),
    );
    return {
      postMessage(message) {
        if (!open) throw new Error('Attempting to use a disconnected port object');
        wire.received.push(message);
        if (options.answer && !options.answer(message)) return;
        setTimeout(() => toService.forEach((listener) => listener(structuredClone(message))), 0);
      },
      onMessage: { addListener: (listener) => toClient.push(listener) },
      onDisconnect: { addListener: (listener) => clientDisconnect.push(listener) },
      disconnect: () => (open = false),
    };
  }
  return wire;
}

function annotate(
  wire: FakeWire | undefined,
  fuzzy = true,
  signal = new AbortController().signal,
  collected?: { nodes: Text[]; texts: string[]; editedSinceRead?: (node: Text) => boolean },
) {
  const ranges = new Set<AbstractRange>();
  const store: MatchStore = new Map();
  const remote = wire ? createRemoteMatcher(wire.connect, (id) => pageIndex.entries.has(id)) : undefined;
  const result = annotatePage({
    nodes: collected?.nodes ?? collectTextNodes(document.body),
    texts: collected?.texts,
    editedSinceRead: collected?.editedSinceRead,
    local: () => {
      localLoads++;
      return Promise.resolve({ index: pageIndex, match: matchTerms });
    },
    painter: {
      add: (_element, mark) => void ranges.add(rangeOf(mark)),
      delete: (_element, mark) => void (mark.range && ranges.delete(mark.range)),
    },
    store,
    signal,
    find: { fuzzy, context: true },
    remote,
  });
  return { result, remote, store, texts: () => [...ranges].map(rangeText) };
}

afterEach(() => {
  document.body.innerHTML = '';
  localLoads = 0;
});

/** Enough text nodes for several batches of the background's matcher. */
function longPage(paragraphs: number) {
  document.body.innerHTML = Array.from(
    { length: paragraphs },
    (_, i) => `<p>Paragraph ${i}: ketamine and glutamate act on the NMDA recpetor.</p>`,
  ).join('');
}

describe('matching in the background', () => {
  it('marks what the page would mark, misspellings included, without loading the page its own matcher', async () => {
    document.body.innerHTML =
      '<p>Ketamine and glutamate; an NMDA recpetor.</p><p>TMS uses a magnetic coil.</p><p>ketamin</p>';
    const wire = fakeWire();
    const { result, texts } = annotate(wire);
    expect(await result).toBe(5);
    expect(texts()).toEqual(['Ketamine', 'glutamate', 'NMDA recpetor', 'ketamin', 'TMS']);
    expect(wire.received.flatMap((request) => request.texts)).toEqual([
      'Ketamine and glutamate; an NMDA recpetor.',
      'TMS uses a magnetic coil.',
      'ketamin',
    ]);
    expect(localLoads).toBe(0);
  });

  it('sends the page in batches and finishes on the page when the background goes away mid-scan', async () => {
    longPage(5000);
    const wire = fakeWire({ answer: () => wire.received.length < 2 });
    const { result, texts } = annotate(wire, false);
    // The first batch answered, the second never: the port closes while the rest waits.
    setTimeout(() => wire.close(), 20);
    expect(await result).toBe(10_000);
    expect(wire.received.length).toBeGreaterThan(1);
    expect(texts().filter((text) => text === 'ketamine')).toHaveLength(5000);
    expect(localLoads).toBe(1);
  });

  it('stops when switched off while the background works, without matching on the page instead', async () => {
    longPage(100);
    const controller = new AbortController();
    // The background never answers; switching off closes the port, as the page session does.
    const { result, remote, texts } = annotate(fakeWire({ answer: () => false }), true, controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    remote?.dispose();
    expect(await result).toBe(-1);
    expect(texts()).toEqual([]);
    expect(localLoads).toBe(0);
  });

  it('does not paint a node edited after it was sent with the old offsets', async () => {
    document.body.innerHTML = '<p>ketamine and glutamate</p>';
    const node = document.querySelector('p')?.firstChild as Text;
    const wire = fakeWire({
      answer: () => {
        node.data = 'now only glutamate';
        return true;
      },
    });
    const { result } = annotate(wire);
    expect(await result).toBe(0);
  });

  it('sends the text as collected, and paints nothing in a node edited since, in the background or on the page', async () => {
    for (const wire of [fakeWire(), undefined]) {
      document.body.innerHTML = '<p>ketamine and glutamate</p><p>Glutamate again</p>';
      const collector = createTextCollector(document.body);
      collector.step(Infinity);
      const edited = document.querySelector('p')?.firstChild as Text;
      edited.data = 'now only glutamate';
      const { result, texts } = annotate(wire, true, undefined, collector);
      expect(await result).toBe(1);
      expect(texts()).toEqual(['Glutamate']);
      if (wire)
        expect(wire.received.flatMap((request) => request.texts)).toEqual([
          'ketamine and glutamate',
          'Glutamate again',
        ]);
    }
  });

  it('leaves a node the mutation records call edited unpainted, reading no text again, in the background or on the page', async () => {
    for (const wire of [fakeWire(), undefined]) {
      document.body.innerHTML = '<p>ketamine and glutamate</p><p>Glutamate again</p>';
      const collector = createTextCollector(document.body);
      collector.step(Infinity);
      const [edited] = collector.nodes;
      const data = vi.spyOn(Text.prototype, 'data', 'get');
      const { result, texts } = annotate(wire, true, undefined, {
        nodes: collector.nodes,
        texts: collector.texts,
        editedSinceRead: (node) => node === edited,
      });
      expect(await result).toBe(1);
      expect(texts()).toEqual(['Glutamate']);
      expect(data).not.toHaveBeenCalled();
      data.mockRestore();
    }
  });
});

/**
 * One text node of about 330,000 characters (six pieces) with terms across each piece's edge
 * (one word, two words, a misspelling) and on either side of it; and its terms as matchTerms
 * finds them in the whole text.
 */
function oneLongText() {
  const filler = (length: number) => 'plain words here '.repeat(Math.ceil(length / 17)).slice(0, length);
  /** Each edge's terms, by where they start relative to the edge. */
  const around: [number, string][][] = [
    [
      [-40, 'glutamate'],
      [-6, 'NMDA receptor'],
      [30, 'ketamine'],
    ],
    [
      [-3, 'ketamine'],
      [20, 'NMDA recpetor'],
    ],
    [
      [-9, 'ketamine'],
      [0, 'glutamate'],
    ],
    [
      [-8, 'NMDA recpetor'],
      [40, 'ketamine'],
    ],
    [[-1, 'glutamate']],
  ];
  let text = '';
  around.forEach((terms, i) => {
    for (const [relative, term] of terms) {
      const at = (i + 1) * PIECE_LENGTH + relative;
      text += `${filler(at - text.length - 1)} ${term} `;
    }
  });
  text += `${filler(3000)} ketamine.`;
  document.body.innerHTML = '<p></p>';
  document.querySelector('p')?.append(document.createTextNode(text));
  const whole = matchTerms(text, pageIndex, { fuzzy: true, budget: { remainingMs: 1000 } }).map(
    (m) => `${m.start}-${m.end} ${m.entryId}`,
  );
  return { text, whole };
}

describe('a long text', () => {
  it('is sent in pieces of at most 64 K characters and a little more, and marked as matched whole', async () => {
    const { text, whole } = oneLongText();
    // Every term is found in the whole text, the ones across an edge too.
    expect(whole).toHaveLength(11);
    const wire = fakeWire();
    const { result, store } = annotate(wire);
    expect(await result).toBe(whole.length);
    const painted = [...store.values()].flat().map((m) => `${m.start}-${m.end} ${m.entryId}`);
    expect(painted).toEqual(whole);
    expect(wire.received.length).toBeGreaterThanOrEqual(Math.ceil(text.length / PIECE_LENGTH));
    for (const request of wire.received)
      for (const sent of request.texts) expect(sent.length).toBeLessThanOrEqual(PIECE_LENGTH + 2048);
    expect(localLoads).toBe(0);
  });

  it('is matched in pieces on the page too, and from the piece where the background stopped', async () => {
    const { whole } = oneLongText();
    // The page alone; then the background answering two pieces and going away.
    const wire = fakeWire({ answer: () => wire.received.length <= 2 });
    for (const used of [undefined, wire]) {
      const { result, store } = annotate(used);
      if (used) setTimeout(() => used.close(), 20);
      expect(await result).toBe(whole.length);
      const painted = [...store.values()].flat().map((m) => `${m.start}-${m.end} ${m.entryId}`);
      expect(painted).toEqual(whole);
    }
    expect(wire.received.length).toBeGreaterThan(2);
    expect(localLoads).toBe(2);
  });
});

describe('painting what the background found', () => {
  afterEach(() => vi.restoreAllMocks());

  it('paints a batch of many terms in short slices, each in a task of its own', async () => {
    longPage(1000);
    // A clock that only painting moves: 1 ms a range. One batch of 1,000 nodes and 3,000
    // ranges painted in one go would be one 3,000 ms slice.
    let clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => clock);
    performance.clearMeasures();
    let tasks = 0;
    let painted = 0;
    const wire = fakeWire();
    const result = annotatePage({
      nodes: collectTextNodes(document.body),
      local: () => Promise.reject(new Error('matched in the background')),
      painter: {
        add: () => {
          clock += 1;
          painted++;
        },
        delete: () => {},
      },
      store: new Map(),
      signal: new AbortController().signal,
      find: { fuzzy: true, context: true },
      remote: createRemoteMatcher(wire.connect, (id) => pageIndex.entries.has(id)),
      sliceMs: 8,
    });
    // Counts the tasks that run while the scan goes on.
    const ticking = setInterval(() => tasks++, 0);
    expect(await result).toBe(3000);
    clearInterval(ticking);
    expect(painted).toBe(3000);
    expect(wire.received).toHaveLength(1);
    const slices = performance.getEntriesByName('factlens:scan').map((entry) => entry.duration);
    // A slice goes over by at most one node's ranges (3 ms here).
    expect(Math.max(...slices)).toBeLessThanOrEqual(8 + 3);
    expect(slices.reduce((sum, ms) => sum + ms, 0)).toBe(3000);
    // The page ran its own tasks in between.
    expect(tasks).toBeGreaterThan(100);
  });
});

describe('createRemoteMatcher', () => {
  it('reconnects after the background closed its port, and fails at once when it cannot connect', async () => {
    const wire = fakeWire();
    const matcher = createRemoteMatcher(wire.connect, () => true);
    const budget = { remainingMs: 50 };
    expect((await matcher.match(['ketamine'], false, budget))[0]?.map((m) => m.entryId)).toEqual(['ketamine']);
    wire.close();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await matcher.match(['glutamate'], false, budget))[0]?.map((m) => m.entryId)).toEqual(['glutamate']);
    expect(wire.connections).toBe(2);

    const cutOff = createRemoteMatcher(
      () => {
        throw new Error('Extension context invalidated.');
      },
      () => true,
    );
    await expect(cutOff.match(['ketamine'], false, budget)).rejects.toThrow('invalidated');
  });

  it('walks on while the background matches, sends full batches, and lets go of the nodes without matches', async () => {
    // Every tenth paragraph has a term; each slice of the walk ends at its first look at the clock
    // (512 nodes, elements and text).
    document.body.innerHTML = Array.from({ length: 6000 }, (_, i) =>
      i % 10 === 0 ? `<p>Paragraph ${i} on ketamine.</p>` : `<p>Paragraph ${i}, plain.</p>`,
    ).join('');
    const collector = createTextCollector(document.body);
    let slices = 0;
    let sentBeforeDone = 0;
    const wire = fakeWire();
    const collectMore = async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      slices++;
      const done = collector.step(-Infinity);
      if (!done) sentBeforeDone = wire.received.length;
      return done;
    };
    const store: MatchStore = new Map();
    const painted: string[] = [];
    const result = annotatePage({
      nodes: collector.nodes,
      texts: collector.texts,
      collectMore,
      local: () => Promise.reject(new Error('not needed')),
      painter: { add: (_element, mark) => void painted.push(rangeText(rangeOf(mark))), delete: () => {} },
      store,
      signal: new AbortController().signal,
      find: { fuzzy: false, context: true },
      remote: createRemoteMatcher(wire.connect, (id) => pageIndex.entries.has(id)),
    });
    expect(await result).toBe(600);
    expect(painted).toHaveLength(600);
    expect(painted.every((text) => text === 'ketamine')).toBe(true);
    // Batches went while the page was still being walked, each full (2,048 nodes) but the last.
    expect(slices).toBeGreaterThan(10);
    expect(sentBeforeDone).toBeGreaterThan(0);
    const sizes = wire.received.map((request) => request.texts.length);
    expect(sizes.slice(0, -1).every((size) => size === 2048)).toBe(true);
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(6000);
    // Only the nodes with a match are still held.
    const held = collector.nodes.filter((node) => node !== undefined);
    expect(held).toHaveLength(600);
    expect(held.every((node) => store.has(node))).toBe(true);
  });

  it('rejects what is pending when disposed', async () => {
    const wire = fakeWire({ answer: () => false });
    const matcher = createRemoteMatcher(wire.connect, () => true);
    const pending = matcher.match(['ketamine'], false, { remainingMs: 50 });
    matcher.dispose();
    await expect(pending).rejects.toThrow('stopped');
  });
});
