// What the page's main thread does in each frame while the reader scrolls a page Factlens has
// finished with, from a Chrome trace: node scripts/perf/scroll-frames.mjs [page]
// (a page of artifacts/bench/pages, from `npm run bench`; build first). EXT=dir compares
// another build, such as one that never registers a highlight range. Prints every task over
// 10 ms with its largest parts.
import { resolve } from 'node:path';
import { launchWithExtension } from '../lib/browsers.mjs';
import { serveFolder } from '../lib/serve.mjs';

const page = process.argv[2] ?? 'huge';
const server = await serveFolder(resolve('artifacts/bench/pages'));
const { browser, close } = await launchWithExtension(
  'chromium',
  process.env.EXT ? { extensionDir: process.env.EXT } : {},
);
try {
  const tab = await browser.newPage();
  await tab.setViewport({ width: 1280, height: 800 });
  await tab.goto(`${server.origin}/${page}.html`, { timeout: 120_000 });
  await tab.waitForFunction(() => performance.getEntriesByName('factlens:ready').length > 0, { timeout: 300_000 });
  await new Promise((done) => setTimeout(done, 1500));
  await tab.tracing.start({ categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  // Two short scrolls, a long jump and a short scroll again.
  for (const y of [1200, 2400, 30_000, 30_800]) {
    await tab.evaluate((to) => window.scrollTo(0, to), y);
    await new Promise((done) => setTimeout(done, 700));
  }
  const { traceEvents } = JSON.parse(Buffer.from(await tab.tracing.stop()).toString('utf8'));
  const painting = new Set(traceEvents.filter((e) => e.name === 'Paint').map((e) => `${e.pid}:${e.tid}`));
  const main = traceEvents.find(
    (e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && painting.has(`${e.pid}:${e.tid}`),
  );
  const onMain = (e) => e.pid === main?.pid && e.tid === main?.tid;
  for (const task of traceEvents.filter((e) => e.name === 'RunTask' && e.dur > 10_000 && onMain(e))) {
    const parts = {};
    for (const e of traceEvents) {
      if (!onMain(e) || e === task || !(e.dur > 2_000)) continue;
      if (e.ts < task.ts || e.ts + e.dur > task.ts + task.dur) continue;
      parts[e.name] = Math.max(parts[e.name] ?? 0, e.dur / 1000);
    }
    const largest = Object.entries(parts)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([name, ms]) => `${name} ${ms.toFixed(0)}`);
    console.log(`${(task.dur / 1000).toFixed(0)} ms task: ${largest.join(', ')}`);
  }
} finally {
  await close();
  await server.close();
}
