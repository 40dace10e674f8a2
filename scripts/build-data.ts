// `npm run build:data`: regenerates the files derived from the fact set. Run it after adding or
// changing terms; a unit test fails while either committed file is out of date.
// - data/term-summaries.json: what the content script needs to match terms (no card text),
//   so the fact set's text stays out of the content script and loads from the background.
// - data/fuzzy-exclusions.json: real English words one edit from an alias word, which fuzzy
//   matching leaves alone (from an English word list, a dev dependency).
import { readFileSync, writeFileSync } from 'node:fs';
import wordListPath from 'word-list';
import { bundledEntries } from '@/data';
import { findFuzzyExclusions } from '@/utils/fuzzy-exclusions';
import { summarise } from '@/utils/term-summaries';

const summaries = summarise(bundledEntries);
writeFileSync(new URL('../data/term-summaries.json', import.meta.url), `${JSON.stringify(summaries)}\n`);
const words = readFileSync(wordListPath, 'utf8').split('\n');
const exclusions = findFuzzyExclusions(summaries, words);
writeFileSync(new URL('../data/fuzzy-exclusions.json', import.meta.url), `${JSON.stringify(exclusions, null, 1)}\n`);
console.log(`${summaries.length} term summaries and ${exclusions.length} fuzzy exclusions written to data/`);
