import type { Reporter, TestModule } from 'vitest/node';

/**
 * Ends every run with one plain line, "N passed, N failed, N skipped", that CI logs can be
 * read by. A file whose setup failed (a missing browser, say) counts as failed even when its
 * tests never ran, so nothing that did not run is ever reported as passing.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    for (const module of testModules) {
      let failedHere = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failedHere++;
        else skipped++;
      }
      const moduleBroken = module.state() === 'failed' || module.errors().length > 0;
      failed += failedHere > 0 ? failedHere : moduleBroken ? 1 : 0;
    }
    console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
  }
}
