// Shared helpers for benchmarks: whole-process wall time and peak RSS (via /usr/bin/time
// when present, else the child's resource usage), medians over several runs.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

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
