// Prints the closing `N passed, N failed` line that CI reads, after vitest's own summary.
// With coverage on (`npm test`), it first checks the per-package coverage floors
// (scripts/coverage-floors.ts): a package below its floor fails the run, named on that line.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Reporter, TestModule, Vitest } from 'vitest/node';
import { belowFloors, FLOORS_FILE, METRICS, packageOf, pct, readFloors, totalsByPackage, type CoverageMapLike } from './coverage-floors.js';

export default class SummaryReporter implements Reporter {
  private vitest: Vitest | undefined;
  private coverage: CoverageMapLike | undefined;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onCoverage(coverage: unknown): void {
    this.coverage = coverage as CoverageMapLike;
  }

  async onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): Promise<void> {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    for (const mod of testModules) {
      const tests = [...mod.children.allTests()];
      // A module that failed to load has no tests but is a failure.
      if (tests.length === 0 && mod.state() === 'failed') failed += 1;
      for (const t of tests) {
        const state = t.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failed += 1;
        else skipped += 1;
      }
    }
    const extra = skipped > 0 ? ` (${skipped} skipped)` : '';
    // Floors are checked only on a green run (a failed test leaves coverage short anyway).
    const below = this.coverage !== undefined ? await this.checkFloors(testModules, failed === 0) : [];
    const verdict = below.length > 0 ? `, coverage below its floor: ${below.length}` : '';
    process.stdout.write(`\n${passed} passed, ${failed} failed${extra}${verdict}\n`);
  }

  /** Writes coverage/by-package.json; checks the floors of the packages whose every test file ran. */
  private async checkFloors(testModules: ReadonlyArray<TestModule>, check: boolean): Promise<string[]> {
    const root = this.vitest!.config.root;
    const all = await this.vitest!.globTestSpecifications();
    const ran = new Set(testModules.map((m) => m.moduleId));
    const partial = new Set(all.filter((s) => !ran.has(s.moduleId)).map((s) => packageOf(root, s.moduleId)));
    const complete = new Set([...ran].map((id) => packageOf(root, id)).filter((p): p is string => p !== undefined && !partial.has(p)));
    const totals = totalsByPackage(root, this.coverage!);
    const dir = join(root, 'coverage');
    mkdirSync(dir, { recursive: true });
    const byPackage = Object.fromEntries(Object.entries(totals).map(([p, t]) => [p, Object.fromEntries(METRICS.map((m) => [m, pct(t[m])]))]));
    writeFileSync(join(dir, 'by-package.json'), `${JSON.stringify(byPackage, null, 2)}\n`);
    const below = check ? belowFloors(totals, readFloors(join(root, FLOORS_FILE)), complete) : [];
    const lines = [...complete].sort().map((p) => `${p} ${byPackage[p]?.lines ?? 0}%`);
    process.stdout.write(`\ncoverage of lines, packages whose tests all ran (coverage/by-package.json has every metric): ${lines.join(', ') || 'none'}\n`);
    if (below.length > 0) {
      process.exitCode = 1;
      process.stdout.write(
        `\nCoverage fell below its floor (${FLOORS_FILE}):\n${below.map((b) => `  ${b}\n`).join('')}` +
          'Test the new or changed code; if tested code moved or was removed, lower that floor in the same commit and say why.\n',
      );
    }
    return below;
  }
}
