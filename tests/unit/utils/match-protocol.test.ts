import { describe, expect, it } from 'vitest';
import { bundledEntries, fuzzyExclusions } from '@/data';
import { decodeMatches, encodeMatches, parseRequest, type MatchResponse } from '@/utils/match-protocol';
import { answerMatchRequest, serveMatchPort, type MatchPort } from '@/utils/match-service';
import { matchTerms } from '@/utils/match-terms';
import { createFuseScorer } from '@/utils/fuse-scorer';
import { compileTermIndex } from '@/utils/term-index';

const index = compileTermIndex(bundledEntries, { scorer: createFuseScorer(fuzzyExclusions) });

const texts = [
  'Ketamine blocks the NMDA receptor; glutamate surges follow.',
  'Nothing to see here.',
  '',
  'A ketamin infusion and an NMDA recpetor, misspelled.',
  'TMS and ECT are options, the PCP said.',
  'Électroconvulsive therapy (ECT) and the patient’s esketamine.',
];

describe('the matching protocol (page <-> background)', () => {
  it('gives the page exactly the matches it would have found itself, exact and fuzzy', () => {
    for (const fuzzy of [false, true]) {
      const response = answerMatchRequest({ id: 7, texts, fuzzy, budgetMs: 50 }, index);
      expect(response?.id).toBe(7);
      const decoded = decodeMatches(response as MatchResponse, texts, () => true);
      const local = texts.map((text) => matchTerms(text, index, { fuzzy, budget: { remainingMs: 50 } }));
      expect(decoded).toEqual(local);
      // The fixture must hold what the comparison is about: misspellings and ambiguous aliases.
      expect(local.flat().some((m) => m.fuzzy)).toBe(fuzzy);
      expect(local.flat().some((m) => m.ambiguous && m.cues)).toBe(true);
    }
  });

  it('drops matches outside their text and of terms the page does not know', () => {
    const results = [matchTerms('ketamine and glutamate', index)];
    const response = encodeMatches(1, results, 0);
    expect(
      decodeMatches(response, ['ketamine and glutamate'], (id) => id !== 'glutamate')?.[0]?.map((m) => m.entryId),
    ).toEqual(['ketamine']);
    // The page's text is shorter than the one matched: the match past its end is dropped.
    expect(decodeMatches(response, ['ketamine and glu'], () => true)?.[0]?.map((m) => m.entryId)).toEqual(['ketamine']);
    expect(decodeMatches({ ...response, matches: [0, 0, 8, 5, 0] }, ['ketamine'], () => true)).toEqual([[]]);
  });

  it('rejects malformed requests and answers', () => {
    expect(parseRequest(null)).toBeUndefined();
    expect(parseRequest({ id: 1, texts: 'ketamine', fuzzy: true })).toBeUndefined();
    expect(parseRequest({ id: 1, texts: ['ketamine', 3], fuzzy: true })).toBeUndefined();
    expect(parseRequest({ id: 1.5, texts: [], fuzzy: false })).toBeUndefined();
    expect(parseRequest({ id: 1, texts: [], fuzzy: false, budgetMs: -4 })?.budgetMs).toBe(0);
    const good = encodeMatches(1, [matchTerms('ketamine', index)], 0);
    expect(decodeMatches({ ...good, matches: [0, 0, 8] }, ['ketamine'], () => true)).toBeUndefined();
    expect(decodeMatches({ ...good, terminals: [['ketamine', 3]] as never }, ['ketamine'], () => true)).toBeUndefined();
    expect(decodeMatches({ ...good, matches: 'x' as never }, ['ketamine'], () => true)).toBeUndefined();
  });

  it('serves a port in order, answers a malformed request with nothing, and closes the port when it fails', async () => {
    const posted: unknown[] = [];
    let listener: (message: unknown) => void = () => {};
    let disconnected = false;
    const port: MatchPort = {
      postMessage: (message) => posted.push(message),
      onMessage: { addListener: (l) => (listener = l) },
      onDisconnect: { addListener: () => {} },
      disconnect: () => (disconnected = true),
    };
    let calls = 0;
    serveMatchPort(port, () => (calls++ === 2 ? Promise.reject(new Error('storage gone')) : Promise.resolve(index)));
    listener({ id: 0, texts: ['ketamine'], fuzzy: false, budgetMs: 0 });
    listener({ id: 1, texts: 'not a list', fuzzy: false });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(posted.map((m) => (m as MatchResponse).id)).toEqual([0, 1]);
    expect((posted[0] as MatchResponse).matches).toHaveLength(5);
    expect((posted[1] as MatchResponse).matches).toEqual([]);
    const errors = console.error;
    console.error = () => {};
    try {
      listener({ id: 2, texts: ['ketamine'], fuzzy: false, budgetMs: 0 });
      await new Promise((resolve) => setTimeout(resolve, 0));
    } finally {
      console.error = errors;
    }
    expect(disconnected).toBe(true);
    expect(posted).toHaveLength(2);
  });
});
