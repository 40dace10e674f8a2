// What one change of the registered highlight ranges costs Chromium's rendering, per highlight
// style, on a page of artifacts/bench/pages (from `npm run bench`), without the extension:
//   node scripts/perf/highlight-frames.mjs [page] [counts]
// For each style and each count of registered ranges (default 50,400,2000), registers that
// many StaticRanges from the top of the page, then adds one range a frame five times and prints
// the PrePaint and Paint times of those frames from a trace. Any text decoration makes
// Chromium invalidate the overflow of every highlighted text node on each change
// (HighlightRegistry::ValidateHighlightMarkers), which on a page of one element with thousands
// of paragraphs is a walk of all of them.
import { resolve } from 'node:path';
import { launchWithExtension } from '../lib/browsers.mjs';
import { serveFolder } from '../lib/serve.mjs';

const [page = 'huge', counts = '50,400,2000'] = process.argv.slice(2);
const styles = {
  underline:
    'text-decoration-line: underline; text-decoration-style: dotted; text-decoration-thickness: 2px; text-decoration-color: #2f6fdf; text-underline-offset: 3px;',
  background: 'background-color: rgb(255 214 102 / 45%);',
};
const server = await serveFolder(resolve('artifacts/bench/pages'));
const { browser, close } = await launchWithExtension('chromium', { extensionDir: false });
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
try {
  for (const [name, css] of Object.entries(styles))
    for (const count of counts.split(',').map(Number)) {
      const tab = await browser.newPage();
      await tab.setViewport({ width: 1280, height: 800 });
      await tab.goto(`${server.origin}/${page}.html`, { timeout: 120_000 });
      await tab.evaluate(
        async (css, count) => {
          const style = document.createElement('style');
          style.textContent = `::highlight(bench){${css}}`;
          document.head.append(style);
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          const ranges = [];
          for (let node = walker.nextNode(); node && ranges.length < count + 5; node = walker.nextNode())
            if (node.data.length > 12)
              ranges.push(new StaticRange({ startContainer: node, startOffset: 2, endContainer: node, endOffset: 9 }));
          window.__ranges = ranges;
          window.__highlight = new Highlight(...ranges.slice(0, count));
          CSS.highlights.set('bench', window.__highlight);
          await new Promise((done) => setTimeout(done, 1000));
        },
        css,
        count,
      );
      await tab.tracing.start({ categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
      for (let i = 0; i < 5; i++)
        await tab.evaluate(
          (i) =>
            new Promise((done) => {
              window.__highlight.add(window.__ranges[window.__ranges.length - 1 - i]);
              requestAnimationFrame(() => setTimeout(done, 50));
            }),
          i,
        );
      const { traceEvents } = JSON.parse(Buffer.from(await tab.tracing.stop()).toString('utf8'));
      // Each frame's Paint appears twice (nested); PrePaint once per frame.
      const of = (event) => traceEvents.filter((e) => e.name === event && e.dur > 0).map((e) => e.dur / 1000);
      console.log(
        `${page}, ${name}, ${count} ranges: PrePaint ${median(of('PrePaint')).toFixed(1)} ms, Paint ${median(of('Paint')).toFixed(1)} ms (medians of the frames)`,
      );
      await tab.close();
    }
} finally {
  await close();
  await server.close();
}
