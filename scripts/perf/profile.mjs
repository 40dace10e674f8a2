// A CPU profile of one page load with Factlens, by function (self time):
//   FACTLENS_PROFILE=1 npx wxt build && node scripts/perf/profile.mjs [page]
// (an unminified build keeps function names; pages from `npm run bench`).
import { resolve } from 'node:path';
import { launchWithExtension } from '../lib/browsers.mjs';
import { serveFolder } from '../lib/serve.mjs';

const page = process.argv[2] ?? 'article';
const server = await serveFolder(resolve('artifacts/bench/pages'));
const { browser, close } = await launchWithExtension('chromium');
try {
  const tab = await browser.newPage();
  const cdp = await tab.createCDPSession();
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await tab.goto(`${server.origin}/${page}.html`, { timeout: 120_000 });
  await tab.waitForFunction(() => performance.getEntriesByName('factlens:ready').length > 0, { timeout: 300_000 });
  const { profile } = await cdp.send('Profiler.stop');
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  profile.samples.forEach((id, i) => {
    const { functionName, url, lineNumber } = nodes.get(id).callFrame;
    const key = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  for (const [key, micros] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30))
    console.log(`${(micros / 1000).toFixed(1).padStart(8)} ms  ${key}`);
} finally {
  await close();
  await server.close();
}
