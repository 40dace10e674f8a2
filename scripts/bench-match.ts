// `npm run bench:match`: the matching core in node, on a generated article of about 15,000
// words (2% domain terms, some misspelled), against two baselines in the same run:
// a RegExp per alias over the whole text (what mark.js does with a term array) and fuse.js
// asked about every word. Rounds are interleaved; the table shows median, min and max.
import Fuse from 'fuse.js';
import { bundledEntries, fuzzyExclusions } from '@/data';
import { matchTerms } from '@/utils/match-terms';
import { compileTermIndex } from '@/utils/term-index';
import { createFuseScorer } from '@/utils/fuse-scorer';

const ROUNDS = 7;
const FUSE_SAMPLE_WORDS = 2000;

/** Small deterministic PRNG (mulberry32), so every run sees the same text. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FILLER = (
  'the of and to in a is that for it as was with be by on not he this are or his from at which but have an they ' +
  'you were her she there been one all we their has would when if so no will more can out about up what some time ' +
  'people study patients doctors treatment brain results research clinic weeks dose effect trial group report years ' +
  'change evidence higher lower medicine health care number first later early small large often common daily'
).split(' ');

function misspell(word: string, next: () => number): string {
  const i = 1 + Math.floor(next() * (word.length - 2));
  return next() < 0.5
    ? word.slice(0, i) + word.slice(i + 1)
    : word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
}

function generateArticle(words: number): string {
  const next = random(42);
  const terms = bundledEntries.flatMap((entry) => entry.aliases.filter((a) => !a.ambiguous).map((a) => a.text));
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    const roll = next();
    if (roll < 0.02) {
      const term = terms[Math.floor(next() * terms.length)] ?? 'ketamine';
      out.push(roll < 0.002 && term.length >= 7 && !term.includes(' ') ? misspell(term, next) : term);
    } else out.push(FILLER[Math.floor(next() * FILLER.length)] ?? 'the');
    if (next() < 0.07) out[out.length - 1] += next() < 0.5 ? '.' : ',';
    if (next() < 0.01) out.push('\n\n');
  }
  return out.join(' ');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

const article = generateArticle(15_000);
const wordsInArticle = article.split(/\s+/).filter(Boolean);
const sample = wordsInArticle.slice(0, FUSE_SAMPLE_WORDS);
const aliases = bundledEntries.flatMap((entry) => [...entry.aliases.map((a) => a.text), ...entry.forms]);
const regexes = aliases.map((alias) => new RegExp(`\\b${escapeRegExp(alias)}\\b`, 'gi'));
const naiveFuse = new Fuse(aliases, { includeScore: true, threshold: 0.3 });

const runs: Record<string, { times: number[]; found: number; note: string }> = {};
function time(name: string, note: string, fn: () => number): void {
  const started = performance.now();
  const found = fn();
  const elapsed = performance.now() - started;
  const run = (runs[name] ??= { times: [], found, note });
  run.times.push(elapsed);
  run.found = found;
}

// One warm-up round, not counted, so every method is measured with optimised code.
for (const regex of regexes) article.match(regex);
matchTerms(article, compileTermIndex(bundledEntries, { fuzzyExclusions, scorer: createFuseScorer() }), { fuzzy: true });

for (let round = 0; round < ROUNDS; round++) {
  // A fresh index each round: the fuzzy cache starts cold, as on a new page.
  const index = compileTermIndex(bundledEntries, { fuzzyExclusions, scorer: createFuseScorer() });
  time('exact pass', 'one token trie, whole article', () => matchTerms(article, index).length);
  const coldIndex = compileTermIndex(bundledEntries, { fuzzyExclusions, scorer: createFuseScorer() });
  time(
    'exact + fuzzy pass',
    'same, with fuzzy (cold cache)',
    () => matchTerms(article, coldIndex, { fuzzy: true }).length,
  );
  time('RegExp per alias', `${regexes.length} RegExps, whole article (mark.js style)`, () => {
    let n = 0;
    for (const regex of regexes) n += article.match(regex)?.length ?? 0;
    return n;
  });
  if (round < 3) {
    time('fuse.js on every word', `first ${FUSE_SAMPLE_WORDS} words, scaled to the article`, () => {
      let n = 0;
      for (const word of sample) if (naiveFuse.search(word, { limit: 1 }).length > 0) n++;
      return n;
    });
  }
}

const scale = wordsInArticle.length / sample.length;
const fuseRun = runs['fuse.js on every word'];
if (fuseRun) fuseRun.times = fuseRun.times.map((t) => t * scale);
const exactMedian = median(runs['exact pass']?.times ?? []);
const bytes = article.length * 2;
console.log(
  `Article: ${wordsInArticle.length} words, ${(article.length / 1024).toFixed(0)} k characters; ` +
    `${aliases.length} aliases and forms of ${bundledEntries.length} entries; ${ROUNDS} interleaved rounds (fuse.js: 3).\n`,
);
console.log('| method | median ms | min | max | x exact | MB/s | found | notes |');
console.log('|---|---:|---:|---:|---:|---:|---:|---|');
for (const [name, run] of Object.entries(runs)) {
  const m = median(run.times);
  console.log(
    `| ${name} | ${m.toFixed(2)} | ${Math.min(...run.times).toFixed(2)} | ${Math.max(...run.times).toFixed(2)} | ` +
      `${(m / exactMedian).toFixed(1)} | ${(bytes / 1e6 / (m / 1000)).toFixed(1)} | ${run.found} | ${run.note} |`,
  );
}
const fuzzyCost = median(runs['exact + fuzzy pass']?.times ?? []) - exactMedian;
console.log(
  `\nFuzzy pass cost: ${fuzzyCost.toFixed(2)} ms (${((fuzzyCost / exactMedian) * 100).toFixed(0)}% of the exact pass).`,
);
console.log(
  `RegExp per alias / exact: ${(median(runs['RegExp per alias']?.times ?? []) / exactMedian).toFixed(1)}x; ` +
    `fuse.js on every word / exact: ${(median(fuseRun?.times ?? []) / exactMedian).toFixed(0)}x.`,
);
