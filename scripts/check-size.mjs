// Checks the gzip size of the built content script against the budget of issue 7 (35 kB):
// it runs in every page, so its parse and compile cost is paid on every page load. What only
// the card (card-view.js) or matching on the page (page-matcher.js, when the background cannot
// match) needs loads lazily. `npm run check:size` builds both extensions first.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET = 35 * 1024;
const files = ['.output/chrome-mv3/content-scripts/content.js', '.output/firefox-mv3/content-scripts/content.js'];
let failed = false;
for (const file of files) {
  let bytes;
  try {
    bytes = gzipSync(readFileSync(file), { level: 9 }).length;
  } catch {
    if (file.includes('firefox')) continue; // check:size builds Chrome only; `npm test` builds both.
    console.error(`${file} is missing: build first (npm run build).`);
    process.exit(1);
  }
  const ok = bytes <= BUDGET;
  failed ||= !ok;
  console.log(`${file}: ${(bytes / 1024).toFixed(1)} kB gzip (budget ${BUDGET / 1024} kB) ${ok ? 'ok' : 'TOO LARGE'}`);
}
process.exit(failed ? 1 : 0);
