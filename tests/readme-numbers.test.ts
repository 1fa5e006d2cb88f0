// A README number quoted from another README's bench table must be the same number: the
// root README once claimed ~10M/s rule matching while execpolicy's bench said ~3.8M/s.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const read = (p: string) => readFileSync(join(root, p), 'utf8');

describe('README numbers agree with the bench tables they quote', () => {
  it('root README "rule matching alone" is a claimed number, checked against the execpolicy bench row', async () => {
    const lib = (await import(pathToFileURL(join(root, 'bench', 'readme-numbers.mjs')).href)) as typeof import('../bench/readme-numbers.mjs');
    const entries = (await import(pathToFileURL(join(root, 'bench', 'readme-claims.mjs')).href)).default as Parameters<typeof lib.checkClaims>[0];
    expect(/rule matching alone ([\d]+)\/s \(execpolicy bench, `check 10k commands x10`/.test(read('README.md'))).toBe(true);
    const { report } = lib.checkClaims(entries, { 'README.md': read('README.md') }, { results: (stamp: string) => lib.findResults(stamp, root) });
    const line = report.filter((r) => r.line.startsWith('| approval decisions'));
    expect(line.length).toBeGreaterThan(0);
    expect(line.every((r) => r.status === 'ok')).toBe(true);
  });

  it('the execpolicy README names bench rows the bench actually produces', () => {
    const bench = read('packages/execpolicy/bench/decisions.bench.mjs');
    const table = read('packages/execpolicy/README.md').split('## Benchmark')[1] ?? '';
    const named = [...table.matchAll(/^\| `([^`]+)`/gm)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(0);
    const produced = (name: string) => bench.includes(`'${name}'`) || bench.includes(`\`${name.replace('x10', 'x${PASSES}')}\``);
    expect(named.filter((n) => !produced(n))).toEqual([]);
  });
});

// bench/readme-numbers.mjs: every claimed README number equals the bench JSON its line names
// (kept in bench/recorded/), and the check notices a changed number or a wrong row.
describe('README numbers agree with the recorded bench JSON they name', () => {
  const load = async () => {
    const lib = (await import(pathToFileURL(join(root, 'bench', 'readme-numbers.mjs')).href)) as typeof import('../bench/readme-numbers.mjs');
    const entries = (await import(pathToFileURL(join(root, 'bench', 'readme-claims.mjs')).href)).default as Parameters<typeof lib.checkClaims>[0];
    return { lib, entries };
  };

  it('the checked-in README: no mismatch or error, and every line naming a recorded run is verified', async () => {
    const { lib, entries } = await load();
    const { report } = lib.checkClaims(entries, { 'README.md': read('README.md') }, { results: (stamp: string) => lib.findResults(stamp, root) });
    expect(report.filter((r) => r.status === 'mismatch' || r.status === 'error')).toEqual([]);
    // Lines that name a run must be checkable from bench/recorded (results/ is not committed).
    const recorded = (stamp: string) => existsSync(join(root, 'bench', 'recorded', `bench-${stamp}.json`));
    for (const e of entries) {
      const line = read(e.readme).split('\n').find((l) => l.includes(e.line))!;
      for (const m of line.matchAll(/bench-(\d{4}-[\dT-]+Z)/g)) expect(recorded(m[1]!), `${e.line} names bench-${m[1]}`).toBe(true);
    }
    expect(report.filter((r) => r.status === 'ok').length).toBeGreaterThan(20);
  });

  it('a changed README number is a mismatch naming both values', async () => {
    const { lib, entries } = await load();
    const line = read('README.md').split('\n').find((l) => l.startsWith('| `true` under the sandbox'))!;
    const [, value] = /\*\*\+([\d.]+) ms\*\* workspace-write/.exec(line)!;
    const [, stamp] = /`(bench-[\dT-]+Z)`/.exec(line)!;
    const other = value === '1.9' ? '2.9' : '1.9';
    const readme = read('README.md').replace(`**+${value} ms** workspace-write`, `**+${other} ms** workspace-write`);
    const { report } = lib.checkClaims(entries, { 'README.md': readme }, { results: (s: string) => lib.findResults(s, root) });
    expect(report.filter((r) => r.status === 'mismatch').map((r) => r.detail)).toEqual([`README says ${other}, ${stamp} says ${value}`]);
  });

  it('--update rewrites a line only when the run has every row it claims, and names that run', async () => {
    const { lib, entries } = await load();
    const old = lib.findResults('2026-12-06T12-26-34-799Z', root)!;
    const abLine = (t: string) => t.split('\n').find((l) => l.includes('| 3-turn `codex exec --json` session (shell'))!;
    const faster = { ...old, date: '2026-12-07T08:00:00.000Z', rows: old.rows.map((r: { case: string; wallMs: number }) => (r.case === '3-turn exec --json, codex-ts' ? { ...r, wallMs: 512.4 } : r)) };
    const ab = abLine(lib.checkClaims(entries, { 'README.md': read('README.md') }, { update: faster }).texts['README.md']!);
    expect(ab).toMatch(/\| 512 ms, [\d.]+ MiB vs real/);
    expect(ab).toContain('`bench-2026-12-07T08-00-00-000Z`');
    expect(ab).not.toContain('bench-2026-12-06T12-26-34-799Z');
    // Without the real Codex's rows the A/B line cannot be redone: it stays as it was.
    const noReal = { ...faster, rows: faster.rows.filter((r: { case: string }) => !/real Codex/.test(r.case)) };
    const { texts, report } = lib.checkClaims(entries, { 'README.md': read('README.md') }, { update: noReal });
    expect(abLine(texts['README.md']!)).toBe(abLine(read('README.md')));
    expect(report.find((r) => r.line.startsWith('| 3-turn'))?.status).toBe('skipped');
  });
});
