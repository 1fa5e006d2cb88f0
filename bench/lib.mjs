// Shared helpers for benchmarks: whole-process wall time and peak RSS (via /usr/bin/time
// when present, else the child's resource usage), medians over several runs.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** Run one command once; resolves { wallMs, peakMiB, code, stdout, stderr }. */
export function runOnce(cmd, args = [], { cwd, env, input, maxBuffer = 64 << 20 } = {}) {
  return new Promise((resolve, reject) => {
    const argv = TIME ? ['-f', '__PEAK_KB__%M', cmd, ...args] : args;
    const t0 = process.hrtime.bigint();
    const child = spawn(TIME ?? cmd, argv, { cwd, env: env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { if (stdout.length < maxBuffer) stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
      let peakMiB = null;
      const m = /__PEAK_KB__(\d+)\s*$/.exec(stderr);
      if (m) {
        peakMiB = Number(m[1]) / 1024;
        stderr = stderr.slice(0, m.index);
      }
      resolve({ wallMs, peakMiB, code, stdout, stderr });
    });
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
  });
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** Median wall time and peak memory over `runs` runs (after `warmup` unmeasured runs). */
export async function measure(cmd, args = [], { runs = 7, warmup = 1, check = true, ...opts } = {}) {
  for (let i = 0; i < warmup; i++) await runOnce(cmd, args, opts);
  const walls = [];
  const peaks = [];
  let last;
  for (let i = 0; i < runs; i++) {
    last = await runOnce(cmd, args, opts);
    if (check && last.code !== 0) {
      throw new Error(`${cmd} ${args.join(' ')} exited ${last.code}: ${last.stderr.slice(0, 500)}`);
    }
    walls.push(last.wallMs);
    if (last.peakMiB != null) peaks.push(last.peakMiB);
  }
  return { wallMs: median(walls), peakMiB: peaks.length ? median(peaks) : null, runs, last };
}

/** Format a number for the table. */
export function fmt(x, digits = 1) {
  return x == null || Number.isNaN(x) ? '-' : Number(x).toFixed(digits);
}

// ---------------------------------------------------------------------------------------
// Benches must not change the machine: no package installs unless asked, tools that are
// missing are reported and their rows skipped, and scratch space is removed.

/** Where a real Codex (`npm install --prefix DIR @openai/codex`) is looked for. */
export const REAL_CODEX_DIR = process.env.CODEX_REAL_DIR ?? '/tmp/codex-real';

/** Whether a bench may download and install the real Codex (~400 MB): only CODEX_BENCH_INSTALL_REAL=1. */
export function mayInstallRealCodex(env = process.env) {
  return env.CODEX_BENCH_INSTALL_REAL === '1';
}

/** The real Codex's native binary under `dir`, or null. */
export function findRealCodexNative(dir = REAL_CODEX_DIR) {
  const base = join(dir, 'node_modules', '@openai');
  if (!existsSync(base)) return null;
  for (const pkg of readdirSync(base).filter((p) => p.startsWith('codex-linux-'))) {
    const vendor = join(base, pkg, 'vendor');
    if (!existsSync(vendor)) continue;
    for (const triple of readdirSync(vendor)) {
      const bin = join(vendor, triple, 'bin', 'codex');
      if (existsSync(bin)) return bin;
    }
  }
  return null;
}

/**
 * The real Codex to compare with: `{ bin }` when one is installed in `dir`, else `{ reason }`.
 * It is installed from npm first only when CODEX_BENCH_INSTALL_REAL=1; by default nothing is
 * downloaded and the comparison rows are skipped with the reason.
 */
export function realCodex({ log = () => {}, dir = REAL_CODEX_DIR, env = process.env, install = defaultInstall } = {}) {
  let bin = findRealCodexNative(dir);
  if (bin) return { bin };
  if (!mayInstallRealCodex(env)) {
    return { reason: `no real Codex in ${dir} (install it there with npm install --prefix ${dir} @openai/codex, or set CODEX_BENCH_INSTALL_REAL=1)` };
  }
  log(`installing @openai/codex into ${dir} (about 400 MB, CODEX_BENCH_INSTALL_REAL=1)`);
  const err = install(dir);
  if (err) return { reason: `npm install @openai/codex failed: ${err}` };
  bin = findRealCodexNative(dir);
  return bin ? { bin } : { reason: `@openai/codex installed in ${dir} but its native binary is missing (layout changed?)` };
}

function defaultInstall(dir) {
  mkdirSync(dir, { recursive: true });
  const r = spawnSync('npm', ['install', '--no-save', '--prefix', dir, '--cache', join(dir, '.npm-cache'), '--no-audit', '--no-fund', '@openai/codex'], { encoding: 'utf8' });
  return r.status === 0 ? null : (r.stderr ?? '').split('\n').filter(Boolean).slice(-1)[0] ?? `exit ${r.status}`;
}

/** The first of `names` found on PATH, or null (never installs anything). */
export function which(...names) {
  for (const name of names) {
    const r = spawnSync('sh', ['-c', 'command -v "$1"', 'sh', name], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim() !== '') return r.stdout.trim();
  }
  return null;
}
