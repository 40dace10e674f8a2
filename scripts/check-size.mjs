// Checks the gzip size of what the content script loads on every page against the budget of
// issue 7 (35 kB): the script the manifest injects (content-scripts/content.js, which only
// waits for the page to settle) and Factlens' work on the page it then imports
// (content-main.js). Their parse and compile cost is paid on every page load. What only the card
// (card-view.js) or matching on the page (page-matcher.js, when the background cannot match)
// needs loads lazily and is not counted. `npm run check:size` builds the Chrome extension first.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET = 35 * 1024;
/** The injected script alone, evaluated before every page is parsed: it must stay a stub. */
const STUB_BUDGET = 8 * 1024;
const EVERY_PAGE = ['content-scripts/content.js', 'content-main.js'];
let failed = false;
for (const build of ['.output/chrome-mv3', '.output/firefox-mv3']) {
  let sizes;
  try {
    sizes = EVERY_PAGE.map((file) => gzipSync(readFileSync(`${build}/${file}`), { level: 9 }).length);
  } catch {
    if (build.includes('firefox')) continue; // check:size builds Chrome only; `npm test` builds both.
    console.error(`${build} is incomplete: build first (npm run build).`);
    process.exit(1);
  }
  const total = sizes.reduce((sum, bytes) => sum + bytes, 0);
  const stubOk = sizes[0] <= STUB_BUDGET;
  const ok = total <= BUDGET && stubOk;
  failed ||= !ok;
  const parts = EVERY_PAGE.map((file, i) => `${file} ${(sizes[i] / 1024).toFixed(1)}`).join(' + ');
  console.log(
    `${build}: ${parts} = ${(total / 1024).toFixed(1)} kB gzip (budget ${BUDGET / 1024} kB, ${EVERY_PAGE[0]} alone ${STUB_BUDGET / 1024} kB) ${ok ? 'ok' : 'TOO LARGE'}`,
  );
}
process.exit(failed ? 1 : 0);
