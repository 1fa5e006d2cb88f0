#!/usr/bin/env node
// `pnpm bench [filter]`: runs every benchmark module (bench/*.bench.mjs and
// packages/*/bench/*.bench.mjs), prints one table, writes JSON to bench/results/.
// A module's default export is `async (ctx) => Row[]` where a Row is
// { bench, case, wallMs, peakMiB, target?, ratio?, pass?, note? }.
// Every bench (and every process it starts) gets TMPDIR pointing into one scratch directory
// that is removed at the end, whatever the benches did: a run leaves no temp dirs behind.
import { readdirSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import os from 'node:os';
import * as lib from './lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const filter = process.argv[2];
const files = [];
for (const f of readdirSync(join(root, 'bench'))) if (f.endsWith('.bench.mjs')) files.push(join(root, 'bench', f));
for (const p of readdirSync(join(root, 'packages'))) {
  const d = join(root, 'packages', p, 'bench');
  if (existsSync(d)) for (const f of readdirSync(d)) if (f.endsWith('.bench.mjs')) files.push(join(d, f));
}
const selected = files.filter((f) => !filter || f.includes(filter)).sort();
const rows = [];
const errors = [];
const runTmp = mkdtempSync(join(os.tmpdir(), 'codex-bench-run-'));
process.env.TMPDIR = runTmp;
process.on('exit', () => rmSync(runTmp, { recursive: true, force: true }));
for (const file of selected) {
  const name = relative(root, file);
  process.stderr.write(`bench: ${name}\n`);
  try {
    const mod = await import(pathToFileURL(file).href);
    const out = await mod.default({ root, ...lib, log: (m) => process.stderr.write(`  ${m}\n`) });
    rows.push(...out);
  } catch (err) {
    errors.push({ file: name, error: String(err?.stack ?? err) });
    process.stderr.write(`  FAILED: ${err?.message ?? err}\n`);
  }
}

const cols = ['bench', 'case', 'wallMs', 'peakMiB', 'ratio', 'target', 'pass', 'note'];
const cell = (r, c) => {
  const v = r[c];
  if (v == null) return '-';
  if (typeof v === 'number') return c === 'ratio' ? v.toFixed(2) : lib.fmt(v);
  if (typeof v === 'boolean') return v ? 'yes' : 'NO';
  return String(v);
};
const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r, c).length)));
const line = (vals) => vals.map((v, i) => v.padEnd(widths[i])).join('  ');
console.log(line(cols));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const r of rows) console.log(line(cols.map((c) => cell(r, c))));
for (const e of errors) console.log(`ERROR in ${e.file}: ${e.error.split('\n')[0]}`);

mkdirSync(join(root, 'bench', 'results'), { recursive: true });
const result = {
  date: new Date().toISOString(),
  machine: { node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30) },
  rows,
  errors,
};
const stamp = result.date.replace(/[:.]/g, '-');
writeFileSync(join(root, 'bench', 'results', `bench-${stamp}.json`), JSON.stringify(result, null, 2));
writeFileSync(join(root, 'bench', 'results', 'latest.json'), JSON.stringify(result, null, 2));
console.log(`\nwrote bench/results/bench-${stamp}.json`);
if (errors.length) process.exitCode = 1;
