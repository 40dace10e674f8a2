// Bundled by scripts/perf/isolated-world.mjs: the content script's text collection, run in
// slices of 8 ms as the content script runs it, in whichever world evaluates this bundle.
import { createTextCollector, type CollectOptions } from '@/entrypoints/content/scan-text';

(globalThis as Record<string, unknown>).__collectInSlices = (
  options: CollectOptions = {},
): { slices: number[]; nodes: number } => {
  const collector = createTextCollector(document.body, options);
  const slices: number[] = [];
  for (let done = false; !done;) {
    const started = performance.now();
    done = collector.step(started + 8);
    slices.push(performance.now() - started);
  }
  return { slices, nodes: collector.nodes.length };
};
