// The per-package coverage floors check (scripts/coverage-floors.ts) that `npm test` runs.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { belowFloors, pct, readFloors, totalsByPackage, type CoverageMapLike, type Metric } from '../scripts/coverage-floors.js';

const dir = mkdtempSync(join(tmpdir(), 'codex-coverage-floors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const summary = (covered: number, total: number) => ({ covered, total });
function map(files: Record<string, Record<Metric, { covered: number; total: number }>>): CoverageMapLike {
  return { files: () => Object.keys(files), fileCoverageFor: (f) => ({ toSummary: () => files[f]! }) };
}
const all = (c: number, t: number) => ({ lines: summary(c, t), statements: summary(c, t), functions: summary(c, t), branches: summary(c, t) });

describe('coverage floors', () => {
  it('sums files per package and names every metric below its floor, only for the packages checked', () => {
    const totals = totalsByPackage('/repo', map({
      '/repo/packages/core/src/a.ts': all(30, 40),
      '/repo/packages/core/src/b/c.ts': all(45, 60),
      '/repo/packages/login/src/x.ts': { ...all(9, 10), branches: summary(1, 3) },
      '/repo/scripts/other.ts': all(0, 5),
    }));
    expect([totals.core!.lines, totals.login!.branches, Object.keys(totals).sort()]).toEqual([summary(75, 100), summary(1, 3), ['core', 'login']]);
    const floors = { core: { lines: 75, branches: 76 }, login: { lines: 90, branches: 34 } };
    expect(belowFloors(totals, floors, new Set(['core', 'login']))).toEqual([
      'packages/core branches 75% < floor 76% (75/100)',
      'packages/login branches 33.33% < floor 34% (1/3)',
    ]);
    expect(belowFloors(totals, floors, new Set(['login']))).toEqual(['packages/login branches 33.33% < floor 34% (1/3)']);
    expect([pct(summary(2, 3)), pct(summary(0, 0))]).toEqual([66.66, 100]);
  });

  it('refuses a floors file with an unknown metric or a value that is not a percentage', () => {
    const write = (name: string, text: string): string => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    expect(readFloors(write('ok.json', '{"core":{"lines":80}}'))).toEqual({ core: { lines: 80 } });
    expect(() => readFloors(write('metric.json', '{"core":{"line":80}}'))).toThrow(`${join(dir, 'metric.json')}: core.line: unknown metric (one of lines, statements, functions, branches)`);
    expect(() => readFloors(write('value.json', '{"core":{"lines":"80"}}'))).toThrow(`${join(dir, 'value.json')}: core.lines: expected a percentage 0-100, got "80"`);
  });
});
