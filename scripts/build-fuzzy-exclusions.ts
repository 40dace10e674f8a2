// Regenerates data/fuzzy-exclusions.json from the fact set and an English word list
// (`npm run build:exclusions`). Run it after adding or changing aliases; a unit test fails
// while the committed list is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import wordListPath from 'word-list';
import { bundledEntries } from '@/data';
import { findFuzzyExclusions } from '@/utils/fuzzy-exclusions';

const words = readFileSync(wordListPath, 'utf8').split('\n');
const exclusions = findFuzzyExclusions(bundledEntries, words);
writeFileSync(new URL('../data/fuzzy-exclusions.json', import.meta.url), `${JSON.stringify(exclusions, null, 1)}\n`);
console.log(`${exclusions.length} words one edit from an alias word written to data/fuzzy-exclusions.json`);
