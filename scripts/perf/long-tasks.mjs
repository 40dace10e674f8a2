// What the page's main thread did in each task over 50 ms after Factlens started, from a
// Chrome trace: node scripts/perf/long-tasks.mjs [page] [--scroll] (a page of
// artifacts/bench/pages, from `npm run bench`; build first). Prints each long task with its
// largest parts. With --scroll it traces the reader scrolling the page once Factlens is done
// instead (two short scrolls, a long jump, a short one) and prints every task over 10 ms; with
// --append (the append page) it traces the page appending its paragraphs once Factlens is done.
// EXT=dir runs another build, such as one that never registers a highlight range; EXT=none
// runs the browser without the extension.
import { resolve } from 'node:path';
import { launchWithExtension } from '../lib/browsers.mjs';
import { serveFolder } from '../lib/serve.mjs';

const page = process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? 'huge';
const append = process.argv.includes('--append');
/** Traced once Factlens is done: the reader scrolling, or the page appending. */
const scroll = process.argv.includes('--scroll') || append;
const bare = process.env.EXT === 'none';
const categories = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink.user_timing'];
const server = await serveFolder(resolve('artifacts/bench/pages'));
const { browser, close } = await launchWithExtension(
  'chromium',
  bare ? { extensionDir: false } : process.env.EXT ? { extensionDir: process.env.EXT } : {},
);
try {
  const tab = await browser.newPage();
  await tab.setViewport({ width: 1280, height: 800 });
  if (!scroll) await tab.tracing.start({ categories });
  await tab.goto(`${server.origin}/${page}.html`, { timeout: 120_000 });
  if (bare) await new Promise((done) => setTimeout(done, 5000));
  else await tab.waitForFunction(() => performance.getEntriesByName('factlens:ready').length > 0, { timeout: 300_000 });
  if (append) {
    await new Promise((done) => setTimeout(done, 1500));
    await tab.tracing.start({ categories });
    await tab.evaluate(() => window.__append());
    await new Promise((done) => setTimeout(done, 1500));
  } else if (scroll) {
    await new Promise((done) => setTimeout(done, 1500));
    await tab.tracing.start({ categories });
    for (const y of [1200, 2400, 30_000, 30_800]) {
      await tab.evaluate((to) => window.scrollTo(0, to), y);
      await new Promise((done) => setTimeout(done, 700));
    }
  } else await new Promise((done) => setTimeout(done, 500));
  const { traceEvents } = JSON.parse(Buffer.from(await tab.tracing.stop()).toString('utf8'));
  const marks = traceEvents.filter(
    (e) => e.cat?.includes('blink.user_timing') && String(e.name).startsWith('factlens:'),
  );
  // The page's main thread: the one that paints (a scroll trace may hold no Factlens mark).
  const painting = new Set(traceEvents.filter((e) => e.name === 'Paint').map((e) => e.pid));
  const pid = marks[0]?.pid ?? [...painting][0];
  const tid = traceEvents.find(
    (e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.pid === pid,
  )?.tid;
  const start = scroll ? 0 : Math.min(...marks.map((m) => m.ts));
  const shortest = scroll ? 10_000 : 50_000;
  // Factlens' measures (async begin and end events, paired in order: ids repeat), to name the
  // slices a long task ran.
  const open = new Map();
  const measures = [];
  for (const m of [...marks].sort((a, b) => a.ts - b.ts)) {
    const key = `${m.name} ${m.id2?.local ?? m.id}`;
    if (m.ph === 'b') open.set(key, [...(open.get(key) ?? []), m.ts]);
    else if (m.ph === 'e' && open.get(key)?.length)
      measures.push({ name: m.name, ts: open.get(key).shift(), end: m.ts });
  }
  const tasks = traceEvents.filter((e) => e.name === 'RunTask' && e.dur > shortest && e.pid === pid && e.tid === tid);
  for (const task of tasks.filter((t) => t.ts + t.dur >= start)) {
    const parts = {};
    for (const e of traceEvents) {
      if (e.pid !== pid || e.tid !== tid || e === task || !(e.dur > shortest / 10)) continue;
      if (e.ts < task.ts || e.ts + e.dur > task.ts + task.dur) continue;
      parts[e.name] = Math.max(parts[e.name] ?? 0, e.dur / 1000);
    }
    const largest = Object.entries(parts)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([name, ms]) => `${name} ${ms.toFixed(0)}`);
    const inside = measures
      .filter((m) => m.ts >= task.ts && m.end <= task.ts + task.dur && m.end - m.ts > 1_000)
      .map((m) => `${m.name} ${((m.end - m.ts) / 1000).toFixed(0)}`);
    console.log(
      `${(task.dur / 1000).toFixed(0)} ms task${scroll ? '' : ` at +${((task.ts - start) / 1000).toFixed(0)} ms`}: ${largest.join(', ')}` +
        (inside.length > 0 ? ` (${inside.join(', ')})` : ''),
    );
  }
} finally {
  await close();
  await server.close();
}
