// The content script's text walk in the page's main world and in an isolated world (where
// content scripts run), on a page of artifacts/bench/pages (from `npm run bench`):
//   node scripts/perf/isolated-world.mjs [page] [runs]
// Prints, per world, the 8 ms slices the walk took and its longest slice (medians over runs);
// in the isolated world also each of the two walks forced (over every element, over text nodes
// alone: the content script picks one by the page's element count, TEXT_ONLY_ELEMENTS).
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
/** The walks compared: world, and the collector's options. */
const WALKS = {
  main: ['main', {}],
  isolated: ['isolated', {}],
  'isolated, every element': ['isolated', { textOnlyFrom: Number.MAX_SAFE_INTEGER }],
  'isolated, text nodes alone': ['isolated', { textOnlyFrom: 0 }],
};
const results = Object.fromEntries(Object.keys(WALKS).map((name) => [name, []]));
try {
  for (let run = 0; run < Number(runs); run++)
    for (const [name, [world, options]] of Object.entries(WALKS)) {
      const tab = await browser.newPage();
      await tab.goto(`${server.origin}/${page}.html`, { timeout: 120_000 });
      const cdp = await tab.createCDPSession();
      const { frameTree } = await cdp.send('Page.getFrameTree');
      const params = {
        expression: `${code}; globalThis.__collectInSlices(${JSON.stringify(options)})`,
        returnByValue: true,
      };
      if (world === 'isolated') {
        const created = await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'walk' });
        params.contextId = created.executionContextId;
      }
      const { result } = await cdp.send('Runtime.evaluate', params);
      results[name].push(result.value);
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
