// Benchmark: the apply_patch binary on a 50,000-line file with 500 hunks and on a 200-file
// patch (wall time and peak memory, whole process). When the real Codex is installed in
// $CODEX_REAL_DIR (default /tmp/codex-real; downloaded there only with
// CODEX_BENCH_INSTALL_REAL=1), the same patches run through its native binary invoked as
// `apply_patch`, and the ratio ours/Codex is reported (target ≤ 1.0).
// Two more rows show where the time goes: `node -e 0` (the floor any Node binary pays before
// running a line) and the library's applyPatch in-process (no process start, JIT cold for the
// first call only, which is not counted), with and without the unified diffs the engine uses.
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const RUNS = 7;

function line(i) {
  return `    let value_${i} = compute(${i}, "row ${i}"); // keep ${i % 7}`;
}

/** One file of `n` lines and a patch with `hunks` chunks spread through it. */
function bigCase(n, hunks) {
  const lines = Array.from({ length: n }, (_, i) => line(i));
  const step = Math.floor(n / hunks);
  const out = ['*** Begin Patch', '*** Update File: big.rs'];
  for (let h = 0; h < hunks; h++) {
    const at = h * step + Math.floor(step / 2);
    out.push('@@');
    for (let k = at - 3; k < at; k++) out.push(` ${lines[k]}`);
    out.push(`-${lines[at]}`, `+${lines[at].replace('compute', 'compute_fast')}`, `+    // hunk ${h}`);
    for (let k = at + 1; k <= at + 3; k++) out.push(` ${lines[k]}`);
  }
  out.push('*** End Patch', '');
  return { files: { 'big.rs': lines.join('\n') + '\n' }, patch: out.join('\n') };
}

/** `count` files of 200 lines, each updated in two places (plus adds and deletes). */
function manyCase(count) {
  const files = {};
  const out = ['*** Begin Patch'];
  for (let f = 0; f < count; f++) {
    const name = `src/mod_${Math.floor(f / 20)}/file_${f}.rs`;
    const lines = Array.from({ length: 200 }, (_, i) => `${line(i)} /* file ${f} */`);
    files[name] = lines.join('\n') + '\n';
    if (f % 20 === 19) {
      out.push(`*** Delete File: ${name}`);
      continue;
    }
    out.push(`*** Update File: ${name}`);
    for (const at of [40, 150]) {
      out.push('@@');
      for (let k = at - 3; k < at; k++) out.push(` ${lines[k]}`);
      out.push(`-${lines[at]}`, `+${lines[at].replace('compute', 'compute_fast')}`);
      for (let k = at + 1; k <= at + 3; k++) out.push(` ${lines[k]}`);
    }
    if (f % 20 === 0) out.push(`*** Add File: src/new_${f}.rs`, '+pub fn added() {}', '+// new file');
  }
  out.push('*** End Patch', '');
  return { files, patch: out.join('\n') };
}

function writeTree(dir, files) {
  rmSync(dir, { recursive: true, force: true });
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
}

function readTree(dir) {
  const out = {};
  const walk = (d) => {
    for (const e of execFileSync('ls', ['-A', d], { encoding: 'utf8' }).split('\n').filter(Boolean)) {
      const p = path.join(d, e);
      if (existsSync(path.join(p, '.'))) {
        try {
          walk(p);
          continue;
        } catch {
          // not a directory after all: read it as a file below
        }
      }
      out[path.relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/**
 * The real Codex's native binary under the name apply_patch (a symlink in this run's scratch
 * dir), or a reason why there is none. Nothing is downloaded unless CODEX_BENCH_INSTALL_REAL=1.
 */
function findCodex(ctx, scratch) {
  const found = ctx.realCodex({ log: ctx.log });
  if (!found.bin) return { reason: found.reason };
  const binDir = path.join(scratch, 'bin');
  mkdirSync(binDir, { recursive: true });
  const link = path.join(binDir, 'apply_patch');
  if (!existsSync(link)) symlinkSync(found.bin, link);
  let version = 'codex';
  try {
    version = execFileSync(found.bin, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    // the version is only a label in the table
  }
  return { bin: link, version };
}

/** Median wall/peak over RUNS runs, restoring the input tree before each (outside the timing). */
async function timeApply(ctx, cmd, args, dir, c) {
  const walls = [];
  const peaks = [];
  let last;
  for (let i = 0; i < RUNS + 1; i++) {
    writeTree(dir, c.files);
    last = await ctx.runOnce(cmd, args, { cwd: dir, input: c.patch });
    if (last.code !== 0) throw new Error(`${cmd} exited ${last.code}: ${last.stderr.slice(0, 300)}`);
    if (i === 0) continue; // warm-up
    walls.push(last.wallMs);
    if (last.peakMiB != null) peaks.push(last.peakMiB);
  }
  return { wallMs: ctx.median(walls), peakMiB: peaks.length ? ctx.median(peaks) : null, tree: readTree(dir), stdout: last.stdout };
}

/** Median in-process applyPatch time (tree restored outside the timing; first run is warm-up). */
async function timeInProcess(lib, c, dir, diffs) {
  const walls = [];
  for (let i = 0; i < RUNS + 1; i++) {
    writeTree(dir, c.files);
    const t0 = performance.now();
    await lib.applyPatch(c.patch, { cwd: dir, diffs });
    if (i > 0) walls.push(performance.now() - t0);
  }
  const s = walls.sort((a, b) => a - b);
  return s[s.length >> 1];
}

export default async function applyPatchBench(ctx) {
  const ours = path.join(ctx.root, 'packages/apply-patch/bin/apply_patch');
  if (!existsSync(path.join(ctx.root, 'packages/apply-patch/dist/apply_patch.cjs'))) {
    throw new Error('packages/apply-patch is not built (run its tsup first)');
  }
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'apply-patch-bench-'));
  const rows = [];
  try {
    const codex = findCodex(ctx, tmp);
    const cases = [
      ['50k-line file, 500 hunks', bigCase(50_000, 500)],
      ['200-file patch', manyCase(200)],
    ];
    for (const [name, c] of cases) {
      ctx.log(`${name}: patch ${(c.patch.length / 1024).toFixed(0)} KiB`);
      const mine = await timeApply(ctx, process.execPath, [ours], path.join(tmp, 'ours'), c);
      const row = { bench: 'apply-patch', case: name, wallMs: mine.wallMs, peakMiB: mine.peakMiB, target: '≤1.0x codex' };
      if (codex.bin) {
        const theirs = await timeApply(ctx, codex.bin, [], path.join(tmp, 'codex'), c);
        const same = JSON.stringify(mine.tree) === JSON.stringify(theirs.tree) && mine.stdout === theirs.stdout;
        row.ratio = mine.wallMs / theirs.wallMs;
        row.pass = row.ratio <= 1.0;
        row.note = `${codex.version}: ${ctx.fmt(theirs.wallMs)} ms, ${ctx.fmt(theirs.peakMiB)} MiB; output ${same ? 'identical' : 'DIFFERS'}`;
      } else {
        row.note = codex.reason;
      }
      rows.push(row);
    }
    const floor = await ctx.measure(process.execPath, ['-e', '0'], { runs: RUNS });
    rows.push({ bench: 'apply-patch', case: 'floor: node -e 0', wallMs: floor.wallMs, peakMiB: floor.peakMiB, note: 'Node start-up alone' });
    const lib = await import(pathToFileURL(path.join(ctx.root, 'packages/apply-patch/dist/index.js')).href);
    const big = cases[0][1];
    for (const diffs of [false, true]) {
      const ms = await timeInProcess(lib, big, path.join(tmp, 'lib'), diffs);
      rows.push({
        bench: 'apply-patch',
        case: `50k in-process, diffs ${diffs ? 'on' : 'off'}`,
        wallMs: ms,
        note: diffs ? 'library applyPatch as the engine calls it' : 'library applyPatch as the binary calls it',
      });
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return rows;
}
