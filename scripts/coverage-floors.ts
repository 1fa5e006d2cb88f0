// Per-package coverage floors: the suite's in-process coverage of each packages/<pkg>/src may
// not fall below the numbers in scripts/coverage-floors.json (today's level minus a small
// margin). Checked by the summary reporter on `npm test` (which runs with --coverage), only for
// packages whose every test file ran, so a run of one package's tests checks that package.
// Code run only in child processes (the built `codex` binary, PTY sessions) is not counted.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

export const METRICS = ['lines', 'statements', 'functions', 'branches'] as const;
export type Metric = (typeof METRICS)[number];
export type Floors = Record<string, Partial<Record<Metric, number>>>;
export type Totals = Record<string, Record<Metric, { covered: number; total: number }>>;

/** What the checker needs of an istanbul CoverageMap. */
export interface CoverageMapLike {
  files(): string[];
  fileCoverageFor(file: string): { toSummary(): Record<Metric, { covered: number; total: number }> };
}

export const FLOORS_FILE = 'scripts/coverage-floors.json';

/** `packages/<pkg>/...` -> `<pkg>` (relative to the repo root), else undefined. */
export function packageOf(root: string, file: string): string | undefined {
  const m = /^packages\/([^/]+)\//.exec(relative(root, file).split('\\').join('/'));
  return m?.[1];
}

/** Covered/total per package and metric, summed over the package's source files. */
export function totalsByPackage(root: string, map: CoverageMapLike): Totals {
  const totals: Totals = {};
  for (const file of map.files()) {
    const pkg = packageOf(root, file);
    if (pkg === undefined) continue;
    const summary = map.fileCoverageFor(file).toSummary();
    const t = (totals[pkg] ??= Object.fromEntries(METRICS.map((m) => [m, { covered: 0, total: 0 }])) as Totals[string]);
    for (const m of METRICS) {
      t[m].covered += summary[m].covered;
      t[m].total += summary[m].total;
    }
  }
  return totals;
}

/** A percentage with two decimals, rounded down (100 when there is nothing to cover). */
export function pct(c: { covered: number; total: number }): number {
  return c.total === 0 ? 100 : Math.floor((c.covered / c.total) * 10_000) / 100;
}

/** One sentence per floor not met, for the packages in `checked`. */
export function belowFloors(totals: Totals, floors: Floors, checked: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const [pkg, floor] of Object.entries(floors)) {
    if (!checked.has(pkg)) continue;
    for (const m of METRICS) {
      const want = floor[m];
      if (want === undefined) continue;
      const t = totals[pkg]?.[m] ?? { covered: 0, total: 0 };
      if (pct(t) < want) out.push(`packages/${pkg} ${m} ${pct(t)}% < floor ${want}% (${t.covered}/${t.total})`);
    }
  }
  return out;
}

/** Reads and checks the floors file: `{ "<pkg>": { "lines": 80, ... } }`, numbers 0-100. */
export function readFloors(path: string): Floors {
  const data = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error(`${path}: expected an object of packages`);
  for (const [pkg, floor] of Object.entries(data)) {
    if (typeof floor !== 'object' || floor === null) throw new Error(`${path}: ${pkg}: expected an object of metrics`);
    for (const [m, v] of Object.entries(floor)) {
      if (!(METRICS as readonly string[]).includes(m)) throw new Error(`${path}: ${pkg}.${m}: unknown metric (one of ${METRICS.join(', ')})`);
      if (typeof v !== 'number' || v < 0 || v > 100) throw new Error(`${path}: ${pkg}.${m}: expected a percentage 0-100, got ${JSON.stringify(v)}`);
    }
  }
  return data as Floors;
}
