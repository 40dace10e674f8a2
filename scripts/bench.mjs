// `npm run bench`: Factlens in real headless Chromium on generated pages, against the floor (a
// page script that only walks and reads the visible text) and mark.js, interleaved, fresh
// load each. Prints medians with min and max and writes the raw numbers to
// artifacts/bench/results.json; scripts/check-bench.mjs then checks the budgets.
// Options: --runs N (default 5), --pages a,b (article,huge,nodes,noterms,append,onenode), --no-markjs-array.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { launchWithExtension } from './lib/browsers.mjs';
import { serveFolder } from './lib/serve.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at === -1 ? fallback : args[at + 1];
};
const RUNS = Number(option('runs', '5'));
const PAGES = option('pages', 'article,huge,nodes,noterms,append,onenode').split(',');
const MARKJS_ARRAY = !args.includes('--no-markjs-array');
const OUT = resolve('artifacts/bench');
const PAGE_DIR = resolve(OUT, 'pages');
mkdirSync(PAGE_DIR, { recursive: true });

// ---------------------------------------------------------------- generated pages
function random(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const summaries = JSON.parse(readFileSync('data/term-summaries.json', 'utf8'));
const aliases = summaries.flatMap((entry) => [...entry.aliases.map((a) => a.text), ...entry.forms]);
const plainTerms = summaries.flatMap((entry) => entry.aliases.filter((a) => !a.ambiguous).map((a) => a.text));
const FILLER = (
  'the of and to in a is that for it as was with be by on not he this are or his from at which but have an they ' +
  'you were her she there been one all we their has would when if so no will more can out about up what some time ' +
  'people study patients doctors brain results research clinic weeks effect trial group report years change ' +
  'evidence higher lower medicine health care number first later early small large often common daily'
).split(' ');

function sentence(next, words, termRate) {
  const out = [];
  for (let i = 0; i < words; i++) {
    if (next() < termRate) {
      let term = plainTerms[Math.floor(next() * plainTerms.length)];
      if (next() < 0.1 && term.length >= 7 && !term.includes(' ')) {
        const k = 1 + Math.floor(next() * (term.length - 2));
        term = term.slice(0, k) + term.slice(k + 1);
      }
      out.push(next() < 0.3 ? `<em>${term}</em>` : term);
    } else out.push(FILLER[Math.floor(next() * FILLER.length)]);
  }
  const text = out.join(' ');
  return `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}.`;
}

/** An article of about `words` words with realistic markup. */
function article(words, termRate, seed = 1) {
  const next = random(seed);
  const parts = [];
  let count = 0;
  let section = 0;
  while (count < words) {
    section++;
    parts.push(`<h2>Section ${section}: ${sentence(next, 4, termRate)}</h2>`);
    for (let p = 0; p < 5 && count < words; p++) {
      const n = 40 + Math.floor(next() * 60);
      const link = next() < 0.3 ? ` <a href="#s${section}">${sentence(next, 3, termRate)}</a>` : '';
      parts.push(
        `<p>${sentence(next, n / 2, termRate)} <strong>${sentence(next, 4, termRate)}</strong>${link} ${sentence(next, n / 2, termRate)}</p>`,
      );
      count += n + 4;
    }
    if (section % 4 === 0)
      parts.push(`<ul>${[1, 2, 3].map(() => `<li>${sentence(next, 8, termRate)}</li>`).join('')}</ul>`);
    if (section % 9 === 0) {
      const rows = [1, 2, 3, 4].map(
        () => `<tr><td>${sentence(next, 3, termRate)}</td><td>${sentence(next, 5, termRate)}</td></tr>`,
      );
      parts.push(`<table><tbody>${rows.join('')}</tbody></table>`);
    }
  }
  return parts.join('\n');
}

const page = (title, body, script = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main>${body}</main>${script}</body></html>`;

const articleBody = article(15_000, 0.02);
const hugeBody = Array.from({ length: 58 }, (_, i) => article(15_000, 0.02, 100 + i)).join('\n');
const pages = {
  article: page('Bench: article', articleBody),
  huge: page('Bench: 6 MB page', hugeBody),
  nodes: page(
    'Bench: 200,000 small text nodes',
    (() => {
      const next = random(7);
      const spans = [];
      for (let i = 0; i < 200_000; i++) {
        const word =
          next() < 0.02
            ? plainTerms[Math.floor(next() * plainTerms.length)]
            : FILLER[Math.floor(next() * FILLER.length)];
        spans.push(`<span>${word} </span>`);
        if (i % 20 === 19) spans.push('<br>');
      }
      return `<div>${spans.join('')}</div>`;
    })(),
  ),
  noterms: page('Bench: no terms', article(15_000, 0)),
  // The 6 MB page's text as one text node in one element: a text sent in pieces, and
  // thousands of terms under one element, of which only those near the viewport are registered.
  onenode: page(
    'Bench: the 6 MB page as one text node',
    `<div>${hugeBody
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()}</div>`,
  ),
  append: page(
    'Bench: 6 MB page that appends 100 paragraphs after load',
    hugeBody,
    `<script>window.__append = () => { const extra = ${JSON.stringify(
      article(6_000, 0.02, 9)
        .split('\n')
        .filter((l) => l.startsWith('<p>'))
        .slice(0, 100),
    )};
      const main = document.querySelector('main'); performance.mark('bench:append'); for (const html of extra) main.insertAdjacentHTML('beforeend', html); };</script>`,
  ),
};
for (const [name, html] of Object.entries(pages)) writeFileSync(resolve(PAGE_DIR, `${name}.html`), html);

// ---------------------------------------------------------------- measurements
const SKIP =
  'script,style,noscript,template,textarea,input,select,option,code,pre,kbd,samp,svg,math,[contenteditable]:not([contenteditable="false"]),[hidden],[aria-hidden="true"]';

/** The floor: walk every text node and read it, skipping the same elements Factlens skips. */
const floorScript = (skip) => {
  const started = performance.now();
  const skipped = new Set(document.querySelectorAll(skip));
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let characters = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent && !skipped.has(parent) && !parent.closest(skip)) characters += node.data.length;
  }
  return { ms: performance.now() - started, characters };
};

/**
 * The page's own work: 5,000 updates of a counter and 200 paragraphs inserted and removed, then
 * a macrotask so that mutation observers have run. Timed with and without the extension: what
 * Factlens adds to every DOM change the page makes (live Ranges would add to each).
 */
const pageUpdates = async () => {
  const counter = document.body.appendChild(document.createElement('span'));
  const started = performance.now();
  for (let i = 0; i < 5000; i++) counter.textContent = `updated ${i} times`;
  const first = document.body.firstElementChild;
  for (let i = 0; i < 200; i++) {
    const paragraph = document.createElement('p');
    paragraph.textContent = 'A paragraph that comes and goes.';
    document.body.insertBefore(paragraph, first);
    paragraph.remove();
  }
  await new Promise((resolve) => setTimeout(resolve, 0));
  const ms = performance.now() - started;
  counter.remove();
  return { ms };
};

/**
 * The page's longest task and its most blocking frame, as its observers saw them, from `from`
 * (a performance.now() time) until `until` (null: on to now): those starting in that window,
 * or with `reaching`, those that started before it and run into it too. A frame's blocking is
 * the Long Animation Frames API's: its longest task with the frame's rendering, less 50 ms, plus
 * any other task's time over 50 ms. The Long Tasks API misses rendering that runs no page
 * script: it reported the same rendering task after the appending page's append in some loads
 * with the extension and in none without it, while traces and these frames show it in both.
 */
const worstIn = (from, until, reaching) => {
  const inWindow = ([start, duration]) =>
    (reaching ? start + duration >= from : start >= from) && start < (until ?? Infinity);
  const worst = (list, field) => Math.max(0, ...list.filter(inWindow).map((entry) => entry[field]));
  return { task: worst(window.__longTasks, 1), frame: worst(window.__frames, 2) };
};

/**
 * The longest task from `from` on in which Factlens' own script ran (one of its measures
 * overlaps it): in the page's own work, what Factlens does in answer to the page's changes.
 */
const longestFactlensTaskFrom = (from) => {
  const measures = performance
    .getEntriesByType('measure')
    .filter((m) => m.name.startsWith('factlens:') && m.startTime + m.duration >= from);
  return Math.max(
    0,
    ...window.__longTasks
      .filter(
        ([start, duration]) =>
          start + duration >= from &&
          measures.some((m) => m.startTime < start + duration && m.startTime + m.duration > start),
      )
      .map(([, duration]) => duration),
  );
};

const markJs = readFileSync(resolve('node_modules/mark.js/dist/mark.min.js'), 'utf8');
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const combined = `\\b(?:${[...aliases]
  .sort((a, b) => b.length - a.length)
  .map(escape)
  .join('|')})\\b`;

async function longTaskObserver(target) {
  await target.evaluateOnNewDocument(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push([entry.startTime, entry.duration]);
    }).observe({ type: 'longtask', buffered: true });
    window.__frames = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        window.__frames.push([entry.startTime, entry.duration, entry.blockingDuration]);
    }).observe({ type: 'long-animation-frame', buffered: true });
  });
}

async function heapUsed(target) {
  const session = await target.createCDPSession();
  await session.send('HeapProfiler.collectGarbage');
  // Without Performance.enable the metrics come back empty (and read as 0).
  await session.send('Performance.enable');
  const { metrics } = await session.send('Performance.getMetrics');
  await session.detach();
  return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
}

/**
 * What the extension's background has spent matching pages so far (utils/match-service.ts):
 * the work that left the page's main thread, read from the service worker.
 */
async function backgroundStats(browser) {
  try {
    const target = await browser.waitForTarget((t) => t.type() === 'service_worker', { timeout: 5000 });
    const worker = await target.worker();
    return (await worker?.evaluate(() => ({ ...globalThis.factlensMatchStats }))) ?? null;
  } catch {
    return null;
  }
}

/**
 * Factlens' measures that are not scanning: building what the page matches with (its own
 * column) and loading content-main.js after the page settled ("code load").
 */
const NOT_SCAN = ['factlens:compile', 'factlens:load'];

/** When the page's load event came, in ms from navigation (what a page's own load handlers wait for). */
const loadEventAt = () => performance.getEntriesByType('navigation')[0]?.loadEventStart ?? null;

async function runFactlens(browser, origin, name) {
  const before = await backgroundStats(browser);
  const target = await browser.newPage();
  await target.setViewport({ width: 1280, height: 800 });
  await longTaskObserver(target);
  await target.goto(`${origin}/${name}.html`, { timeout: 120_000 });
  await target.waitForFunction(() => performance.getEntriesByName('factlens:ready').length > 0, { timeout: 300_000 });
  const loadAt = await target.evaluate(loadEventAt);
  let appendMs = null;
  // The page's own work starts here: Factlens' longest task is taken before it (below).
  const ownWorkFrom = await target.evaluate(() => performance.now());
  if (name === 'append') {
    const before = await target.evaluate(() => performance.getEntriesByType('measure').length);
    await target.evaluate(() => window.__append());
    await target.waitForFunction(
      (n) =>
        performance
          .getEntriesByType('measure')
          .slice(n)
          .some((m) => m.name === 'factlens:scan'),
      { timeout: 60_000 },
      before,
    );
    await new Promise((r) => setTimeout(r, 300));
    appendMs = await target.evaluate(
      (n, notScan) =>
        performance
          .getEntriesByType('measure')
          .slice(n)
          .filter((m) => m.name.startsWith('factlens:') && !notScan.includes(m.name))
          .reduce((sum, m) => sum + m.duration, 0),
      before,
      NOT_SCAN,
    );
  }
  await new Promise((r) => setTimeout(r, 200));
  const { ms: updatesMs } = await target.evaluate(pageUpdates);
  await new Promise((r) => setTimeout(r, 300));
  const { task: ownWorkLongestTask, frame: ownWorkFrame } = await target.evaluate(worstIn, ownWorkFrom, null, false);
  const ownWorkFactlensTask = await target.evaluate(longestFactlensTaskFrom, ownWorkFrom);
  // Factlens' window: from its first piece of work on, until the page's own work after it
  // (appending, updates: measured with and without the extension, above).
  const firstMeasure = await target.evaluate(
    () => performance.getEntriesByType('measure').find((m) => m.name.startsWith('factlens:'))?.startTime ?? null,
  );
  const { task: longestTask, frame: worstFrame } =
    firstMeasure === null ? { task: 0, frame: 0 } : await target.evaluate(worstIn, firstMeasure, ownWorkFrom, true);
  const result = await target.evaluate((notScan) => {
    const measures = performance.getEntriesByType('measure').filter((m) => m.name.startsWith('factlens:'));
    const ready = performance.getEntriesByName('factlens:ready')[0];
    const visible = performance.getEntriesByName('factlens:visible')[0];
    const scan = measures.filter((m) => !notScan.includes(m.name));
    const total = (name) => measures.filter((m) => m.name === name).reduce((sum, m) => sum + m.duration, 0);
    return {
      scanMs: scan.reduce((sum, m) => sum + m.duration, 0),
      compileMs: total('factlens:compile'),
      loadMs: total('factlens:load'),
      readyAt: ready?.startTime ?? null,
      visibleAt: visible?.startTime ?? null,
      matches: ready?.detail?.matches ?? null,
    };
  }, NOT_SCAN);
  const heap = await heapUsed(target);
  await target.close();
  const after = await backgroundStats(browser);
  // A worker that restarted in between counts from zero.
  const since = (key) => (after ? after[key] - (before && before.requests <= after.requests ? before[key] : 0) : null);
  const background = after
    ? {
        ms: since('ms'),
        requests: since('requests'),
        characters: since('characters'),
        // Loading the precompiled index, when the worker (re)started for this page.
        indexMs: since('indexMs'),
        indexBuilds: since('indexBuilds'),
      }
    : null;
  return {
    ...result,
    longestTask,
    worstFrame,
    heap,
    appendMs,
    updatesMs,
    ownWorkLongestTask,
    ownWorkFrame,
    ownWorkFactlensTask,
    background,
    loadAt,
  };
}

async function runInPage(browser, origin, name, fn, ...fnArgs) {
  const target = await browser.newPage();
  await target.setViewport({ width: 1280, height: 800 });
  target.setDefaultTimeout(600_000);
  await target.goto(`${origin}/${name}.html`, { timeout: 120_000 });
  const loadAt = await target.evaluate(loadEventAt);
  const result = { ...(await target.evaluate(fn, ...fnArgs)), loadAt };
  // The page's own heap after the floor walk: the baseline of Factlens' heap growth.
  const heap = fn === floorScript ? await heapUsed(target) : undefined;
  await target.close();
  return heap === undefined ? result : { ...result, heap };
}

/**
 * The page's own work without the extension, as runFactlens has it run once Factlens is done:
 * the appending page appends its paragraphs, then pageUpdates. Long tasks in it that come
 * without the extension too are the page's own; the check compares the two.
 */
async function runOwnWork(browser, origin, name) {
  const target = await browser.newPage();
  await target.setViewport({ width: 1280, height: 800 });
  await longTaskObserver(target);
  await target.goto(`${origin}/${name}.html`, { timeout: 120_000 });
  await new Promise((r) => setTimeout(r, 1000));
  const from = await target.evaluate(() => performance.now());
  if (name === 'append') {
    await target.evaluate(() => window.__append());
    await new Promise((r) => setTimeout(r, 300));
  }
  const { ms } = await target.evaluate(pageUpdates);
  await new Promise((r) => setTimeout(r, 300));
  const { task: ownWorkLongestTask, frame: ownWorkFrame } = await target.evaluate(worstIn, from, null, false);
  await target.close();
  return { ms, ownWorkLongestTask, ownWorkFrame };
}

const markArray = (source, terms) => {
  new Function(source)();
  const started = performance.now();
  let count = 0;
  new window.Mark(document.body).mark(terms, { separateWordSearch: false, accuracy: 'exactly', each: () => count++ });
  return { ms: performance.now() - started, count };
};
const markRegExp = (source, pattern) => {
  new Function(source)();
  const started = performance.now();
  let count = 0;
  new window.Mark(document.body).markRegExp(new RegExp(pattern, 'gi'), { each: () => count++ });
  return { ms: performance.now() - started, count };
};

// ---------------------------------------------------------------- main
console.log('Building the extension...');
execFileSync('npx', ['wxt', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
const server = await serveFolder(PAGE_DIR);
const withExtension = await launchWithExtension('chromium');
// The floor and mark.js run in the same browser without the extension.
const plain = await launchWithExtension('chromium', { extensionDir: false });

const raw = {};
const record = (pageName, method, value) => ((raw[pageName] ??= {})[method] ??= []).push(value);
try {
  for (let run = 0; run < RUNS; run++) {
    for (const name of PAGES) {
      process.stdout.write(`run ${run + 1}/${RUNS} ${name}: factlens`);
      record(name, 'factlens', await runFactlens(withExtension.browser, server.origin, name));
      process.stdout.write(', floor');
      record(name, 'floor', await runInPage(plain.browser, server.origin, name, floorScript, SKIP));
      process.stdout.write(', page updates');
      record(name, 'updates', await runOwnWork(plain.browser, server.origin, name));
      if (name !== 'noterms') {
        process.stdout.write(', mark.js RegExp');
        record(name, 'markjsRegExp', await runInPage(plain.browser, server.origin, name, markRegExp, markJs, combined));
        // mark.js with the term array takes minutes on the 6 MB page: once there, not on the node page.
        if (MARKJS_ARRAY && (name === 'article' || (name === 'huge' && run === 0))) {
          process.stdout.write(', mark.js array');
          record(name, 'markjsArray', await runInPage(plain.browser, server.origin, name, markArray, markJs, aliases));
        }
      }
      process.stdout.write('\n');
    }
  }
} finally {
  await withExtension.close();
  await plain.close();
  await server.close();
}

const median = (values) => {
  const sorted = values.filter((v) => typeof v === 'number').sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : null;
};
const stats = (values) => {
  const numbers = values.filter((v) => typeof v === 'number');
  return numbers.length
    ? { median: median(numbers), min: Math.min(...numbers), max: Math.max(...numbers), n: numbers.length }
    : null;
};
const summary = {};
for (const [name, methods] of Object.entries(raw)) {
  const f = methods.factlens ?? [];
  summary[name] = {
    factlensScanMs: stats(f.map((r) => r.scanMs)),
    readyAtMs: stats(f.map((r) => r.readyAt)),
    visibleAtMs: stats(f.map((r) => r.visibleAt)),
    longestTaskMs: stats(f.map((r) => r.longestTask)),
    compileMs: stats(f.map((r) => r.compileMs)),
    loadMs: stats(f.map((r) => r.loadMs)),
    backgroundMs: stats(f.map((r) => r.background?.ms)),
    heapGrowthBytes: null,
    appendMs: stats(f.map((r) => r.appendMs)),
    matches: median(f.map((r) => r.matches)),
    floorMs: stats((methods.floor ?? []).map((r) => r.ms)),
    updatesMs: stats(f.map((r) => r.updatesMs)),
    updatesWithoutMs: stats((methods.updates ?? []).map((r) => r.ms)),
    ownWorkLongestTaskMs: stats(f.map((r) => r.ownWorkLongestTask)),
    ownWorkLongestTaskWithoutMs: stats((methods.updates ?? []).map((r) => r.ownWorkLongestTask)),
    worstFrameMs: stats(f.map((r) => r.worstFrame)),
    ownWorkFrameMs: stats(f.map((r) => r.ownWorkFrame)),
    ownWorkFrameWithoutMs: stats((methods.updates ?? []).map((r) => r.ownWorkFrame)),
    ownWorkFactlensTaskMs: stats(f.map((r) => r.ownWorkFactlensTask)),
    markjsRegExpMs: stats((methods.markjsRegExp ?? []).map((r) => r.ms)),
    markjsArrayMs: stats((methods.markjsArray ?? []).map((r) => r.ms)),
    // The page's load event with Factlens, and without the extension (the floor's loads).
    loadEventMs: stats(f.map((r) => r.loadAt)),
    loadEventWithoutMs: stats((methods.floor ?? []).map((r) => r.loadAt)),
  };
  const s = summary[name];
  // JS heap (after a forced GC) with Factlens done, minus the same page's without the extension.
  const heapWith = median(f.map((r) => r.heap));
  const heapWithout = median((methods.floor ?? []).map((r) => r.heap));
  s.heapGrowthBytes = heapWith !== null && heapWithout !== null ? heapWith - heapWithout : null;
  s.loadEventWithOverWithout =
    s.loadEventMs && s.loadEventWithoutMs ? s.loadEventMs.median / s.loadEventWithoutMs.median : null;
  s.updatesWithOverWithout = s.updatesMs && s.updatesWithoutMs ? s.updatesMs.median / s.updatesWithoutMs.median : null;
  s.factlensOverFloor = s.factlensScanMs && s.floorMs ? s.factlensScanMs.median / s.floorMs.median : null;
  // The page's main thread and the background together: all the CPU time of matching.
  const total = median(f.map((r) => (r.background ? r.scanMs + r.background.ms : null)));
  s.factlensWithBackgroundOverFloor = total !== null && s.floorMs ? total / s.floorMs.median : null;
  s.markjsArrayOverFactlens =
    s.markjsArrayMs && s.factlensScanMs ? s.markjsArrayMs.median / s.factlensScanMs.median : null;
  s.markjsRegExpOverFactlens =
    s.markjsRegExpMs && s.factlensScanMs ? s.markjsRegExpMs.median / s.factlensScanMs.median : null;
}
const machine = {
  chromium: execFileSync('/usr/bin/chromium', ['--version']).toString().trim(),
  node: process.version,
  // Runs on machines of one kind have moved floors and mark.js's times by 2x: say which CPU.
  cpu: `${cpus()[0]?.model ?? 'unknown'}, ${cpus().length} cores`,
  runs: RUNS,
};
writeFileSync(resolve(OUT, 'results.json'), `${JSON.stringify({ machine, summary, raw }, null, 2)}\n`);

const fmt = (s) => (s ? `${s.median.toFixed(1)} (${s.min.toFixed(1)}-${s.max.toFixed(1)})` : '-');
const ratio = (r) => (r === null ? '-' : `${r.toFixed(r < 10 ? 2 : 0)}x`);
console.log(
  `\n${machine.chromium} on ${machine.cpu}, ${RUNS} interleaved runs, fresh load each; medians (min-max), ms\n`,
);
const columns = [
  'page',
  'Factlens scan',
  'floor',
  'Factlens/floor',
  'background matching',
  '(scan + background)/floor',
  'matcher build',
  'code load',
  'ready at',
  'visible at',
  'longest task',
  'worst frame: blocking',
  'heap growth kB',
  'mark.js array',
  'mark.js RegExp',
  'array/Factlens',
  'RegExp/Factlens',
  'appended',
  'page updates with / without',
  "page's own work: longest task with / without",
  "page's own work: worst frame's blocking with / without",
  "page's own work: Factlens' longest task",
  'load event with / without',
];
console.log(`| ${columns.join(' | ')} |`);
// One separator per column, or the Markdown table does not render.
console.log(`|${columns.map(() => '---|').join('')}`);
for (const [name, s] of Object.entries(summary)) {
  console.log(
    `| ${name} | ${fmt(s.factlensScanMs)} | ${fmt(s.floorMs)} | ${ratio(s.factlensOverFloor)} | ${fmt(s.backgroundMs)} | ${ratio(s.factlensWithBackgroundOverFloor)} | ${fmt(s.compileMs)} | ${fmt(s.loadMs)} | ${fmt(s.readyAtMs)} | ${fmt(s.visibleAtMs)} | ${fmt(s.longestTaskMs)} | ${fmt(s.worstFrameMs)} | ${s.heapGrowthBytes === null ? '-' : (s.heapGrowthBytes / 1024).toFixed(0)} | ${fmt(s.markjsArrayMs)} | ${fmt(s.markjsRegExpMs)} | ${ratio(s.markjsArrayOverFactlens)} | ${ratio(s.markjsRegExpOverFactlens)} | ${fmt(s.appendMs)} | ${fmt(s.updatesMs)} / ${fmt(s.updatesWithoutMs)} = ${ratio(s.updatesWithOverWithout)} | ${fmt(s.ownWorkLongestTaskMs)} / ${fmt(s.ownWorkLongestTaskWithoutMs)} | ${fmt(s.ownWorkFrameMs)} / ${fmt(s.ownWorkFrameWithoutMs)} | ${fmt(s.ownWorkFactlensTaskMs)} | ${fmt(s.loadEventMs)} / ${fmt(s.loadEventWithoutMs)} = ${ratio(s.loadEventWithOverWithout)} |`,
  );
}
const builds = Object.values(raw).flatMap((methods) =>
  (methods.factlens ?? [])
    .filter((r) => r.background?.indexBuilds > 0)
    .map((r) => r.background.indexMs / r.background.indexBuilds),
);
if (builds.length > 0)
  console.log(
    `\nThe background loaded its matcher (precompiled index and fuse.js) ${builds.length} times: ${builds.map((ms) => ms.toFixed(1)).join(', ')} ms.`,
  );
console.log(`\nRaw numbers: ${resolve(OUT, 'results.json')}`);
