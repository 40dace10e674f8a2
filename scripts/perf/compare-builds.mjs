// Compares two built extensions on the benchmark pages, interleaved in one session:
//   node scripts/perf/compare-builds.mjs OLD_DIR NEW_DIR [pages] [runs]
// e.g. a build of an earlier commit (git worktree add ../old <commit> && cd ../old && npm ci &&
// npx wxt build) against .output/chrome-mv3. Pages come from `npm run bench` (artifacts/bench/pages).
// Prints the median main-thread time of each `factlens:` measure kind per page and build (the
// total leaves out `load`, fetching and evaluating content-main.js), and the page's load event.
import { resolve } from 'node:path';
import { launchWithExtension } from '../lib/browsers.mjs';
import { serveFolder } from '../lib/serve.mjs';

const [oldDir, newDir, pageList = 'article,noterms', runList = '7'] = process.argv.slice(2);
if (!oldDir || !newDir) {
  console.error('usage: node scripts/perf/compare-builds.mjs OLD_DIR NEW_DIR [pages] [runs]');
  process.exit(2);
}
const builds = { old: resolve(oldDir), new: resolve(newDir) };
const server = await serveFolder(resolve('artifacts/bench/pages'));
const browsers = {};
for (const [name, dir] of Object.entries(builds))
  browsers[name] = await launchWithExtension('chromium', { extensionDir: dir });

async function measure(browser, page) {
  const tab = await browser.newPage();
  await tab.setViewport({ width: 1280, height: 800 });
  await tab.goto(`${server.origin}/${page}.html`, { timeout: 120_000 });
  await tab.waitForFunction(() => performance.getEntriesByName('factlens:ready').length > 0, { timeout: 300_000 });
  const sums = await tab.evaluate(() => {
    const by = {};
    for (const m of performance.getEntriesByType('measure'))
      if (m.name.startsWith('factlens:')) by[m.name.slice(9)] = (by[m.name.slice(9)] ?? 0) + m.duration;
    by.loadEvent = performance.getEntriesByType('navigation')[0]?.loadEventStart ?? 0;
    return by;
  });
  await tab.close();
  return sums;
}

/** Not in the total: the page's load event, and loading content-main.js (its own figure). */
const NOT_COUNTED = ['loadEvent', 'load'];

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
try {
  for (const page of pageList.split(',')) {
    const results = { old: [], new: [] };
    for (let run = 0; run < Number(runList); run++) {
      // Alternate the order so neither build always runs first.
      for (const name of run % 2 ? ['old', 'new'] : ['new', 'old'])
        results[name].push(await measure(browsers[name].browser, page));
    }
    for (const name of ['old', 'new']) {
      const kinds = [...new Set(results[name].flatMap((r) => Object.keys(r)))].filter((kind) => kind !== 'loadEvent');
      const counted = (r) => Object.entries(r).filter(([kind]) => !NOT_COUNTED.includes(kind));
      const total = median(results[name].map((r) => counted(r).reduce((sum, [, ms]) => sum + ms, 0)));
      const parts = kinds.map((kind) => `${kind} ${median(results[name].map((r) => r[kind] ?? 0)).toFixed(1)}`);
      const loadEvent = median(results[name].map((r) => r.loadEvent));
      console.log(
        `${page} ${name}: total ${total.toFixed(1)} ms (${parts.join(', ')}); load event at ${loadEvent.toFixed(1)} ms`,
      );
    }
  }
} finally {
  for (const { close } of Object.values(browsers)) await close();
  await server.close();
}
