// The content script's text walk in the page's main world and in an isolated world (where
// content scripts run), on a page of artifacts/bench/pages (from `npm run bench`):
//   node scripts/perf/isolated-world.mjs [page] [runs]
// Prints, per world, the 8 ms slices the walk took and its longest slice (medians over runs).
// An isolated world keeps its DOM wrappers apart from the nodes, so visiting many nodes costs
// more there, with pauses that grow as the number of wrappers doubles.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { launchWithExtension } from '../lib/browsers.mjs';
import { serveFolder } from '../lib/serve.mjs';

const [page = 'nodes', runs = '3'] = process.argv.slice(2);
const out = resolve('artifacts/perf');
await build({
  configFile: false,
  logLevel: 'error',
  publicDir: false,
  resolve: { alias: { '@': fileURLToPath(new URL('../..', import.meta.url)) } },
  build: {
    outDir: out,
    emptyOutDir: false,
    lib: {
      entry: fileURLToPath(new URL('./collector-entry.ts', import.meta.url)),
      formats: ['iife'],
      name: 'collector',
      fileName: () => 'collector.js',
    },
  },
});
const code = readFileSync(resolve(out, 'collector.js'), 'utf8');
const server = await serveFolder(resolve('artifacts/bench/pages'));
const { browser, close } = await launchWithExtension('chromium', { extensionDir: false });
const results = { main: [], isolated: [] };
try {
  for (let run = 0; run < Number(runs); run++)
    for (const world of ['main', 'isolated']) {
      const tab = await browser.newPage();
      await tab.goto(`${server.origin}/${page}.html`, { timeout: 120_000 });
      const cdp = await tab.createCDPSession();
      const { frameTree } = await cdp.send('Page.getFrameTree');
      const params = { expression: `${code}; globalThis.__collectInSlices()`, returnByValue: true };
      if (world === 'isolated') {
        const created = await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'walk' });
        params.contextId = created.executionContextId;
      }
      const { result } = await cdp.send('Runtime.evaluate', params);
      results[world].push(result.value);
      await tab.close();
    }
} finally {
  await close();
  await server.close();
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
for (const [world, list] of Object.entries(results)) {
  const slices = median(list.map((r) => r.slices.length));
  const longest = median(list.map((r) => Math.max(...r.slices)));
  const total = median(list.map((r) => r.slices.reduce((a, b) => a + b, 0)));
  const example = list[0].slices.map((ms) => Math.round(ms)).join(' ');
  console.log(
    `${world}: ${list[0].nodes} text nodes, ${slices} slices, ${total.toFixed(0)} ms, longest slice ${longest.toFixed(1)} ms (first run: ${example})`,
  );
}
