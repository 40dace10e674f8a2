// `npm run build:data`: regenerates the files derived from the fact set. Run it after adding or
// changing terms; a unit test fails while either committed file is out of date.
// - data/term-summaries.json: what the content script needs to match terms (no card text),
//   so the fact set's text stays out of the content script and loads from the background.
// - data/fuzzy-exclusions.json: real English words one edit from an alias word, which fuzzy
//   matching leaves alone (from an English word list, a dev dependency).
// - data/match-index.json: the term index compiled from those summaries, which the content
//   script loads instead of compiling it on every page (utils/term-index.ts, PrecompiledIndex).
import { readFileSync, writeFileSync } from 'node:fs';
import { format } from 'prettier';
import wordListPath from 'word-list';
import { bundledEntries } from '@/data';
import { findFuzzyExclusions } from '@/utils/fuzzy-exclusions';
import { precompileTermIndex } from '@/utils/term-index';
import { summarise } from '@/utils/term-summaries';

/** Writes a generated file in the repository's format (Prettier), so a rebuild shows a clean diff. */
async function writeJson(name: string, value: unknown): Promise<void> {
  const text = await format(JSON.stringify(value), { parser: 'json', printWidth: 120 });
  writeFileSync(new URL(`../data/${name}`, import.meta.url), text);
}

const summaries = summarise(bundledEntries);
await writeJson('term-summaries.json', summaries);
const words = readFileSync(wordListPath, 'utf8').split('\n');
const exclusions = findFuzzyExclusions(summaries, words);
await writeJson('fuzzy-exclusions.json', exclusions);
await writeJson('match-index.json', precompileTermIndex(summaries));
console.log(
  `${summaries.length} term summaries, ${exclusions.length} fuzzy exclusions and the precompiled index written to data/`,
);
