// A command on a PTY (exec_command tty=true) under the sandbox, with its PTY as controlling
// terminal (--pty), against the same command on a PTY without a sandbox: time from the
// spawn to the first output of `bash -c 'echo hi'`, through node-pty as core starts it.
// Cases, interleaved per round so machine noise hits all alike: no sandbox (plain spawn on
// the PTY), landlock with --pty, landlock without --pty (the command has no controlling
// terminal: the old behaviour, to show what --pty itself costs), bwrap with --pty.
// Knob: CODEX_BENCH_PTY_RUNS (default 25).
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';

const RUNS = Number(process.env.CODEX_BENCH_PTY_RUNS ?? 25);

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** ms from spawn to the first output chunk holding "hi"; resolves after the PTY closes. */
function firstOutput(pty, file, args, cwd, env) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    let first;
    let out = '';
    const term = pty.spawn(file, args, { name: 'xterm', cols: 80, rows: 24, cwd, env, encoding: null });
    term.onData((d) => {
      out += Buffer.from(d).toString('utf8');
      if (first === undefined && out.includes('hi')) first = Number(process.hrtime.bigint() - t0) / 1e6;
    });
    term.onExit((e) => {
      if (first === undefined || e.exitCode !== 0) reject(new Error(`${file} ${args.join(' ')}: exit ${e.exitCode}, output ${JSON.stringify(out)}`));
      else resolve(first);
    });
  });
}

export default async function bench({ root, log }) {
  if (process.platform !== 'linux') return [{ bench: 'sandbox-pty', case: 'skipped', note: 'Linux only' }];
  const core = await import(pathToFileURL(join(root, 'packages/core/dist/index.js')).href);
  const ls = await import(pathToFileURL(join(root, 'packages/linux-sandbox/dist/index.js')).href);
  const pty = await core.loadPty();
  const ws = mkdtempSync(join(tmpdir(), 'codex-bench-pty-'));
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: ws, TERM: 'xterm', LANG: 'C' };
  const argv = ['/bin/bash', '-c', 'echo hi'];
  const policy = { mode: 'workspace-write', writable_roots: [], network_access: false, exclude_tmpdir_env_var: false, exclude_slash_tmp: false };
  const cmd = (backend, tty) => ls.buildSandboxCommand({ argv, cwd: ws, policy, env, backend, tty });
  const cases = [{ name: 'PTY, no sandbox (plain spawn)', file: argv[0], args: argv.slice(1), env }];
  for (const [backend, tty, name] of [
    ['landlock', true, 'PTY, landlock, controlling terminal (--pty)'],
    ['landlock', false, 'PTY, landlock, no controlling terminal (before)'],
    ['bwrap', true, 'PTY, bwrap, controlling terminal (--pty)'],
  ]) {
    const probe = await ls.probeBackend(backend);
    if (!probe.available) {
      log(`${backend} unavailable: ${probe.reason}`);
      continue;
    }
    const c = cmd(backend, tty);
    cases.push({ name, file: c.file, args: c.args, env: c.env });
  }
  const rows = [];
  try {
    for (const c of cases) await firstOutput(pty, c.file, c.args, ws, c.env); // warm-up
    const times = cases.map(() => []);
    for (let i = 0; i < RUNS; i++) for (const [k, c] of cases.entries()) times[k].push(await firstOutput(pty, c.file, c.args, ws, c.env));
    // Paired: per round, each case minus the unsandboxed PTY spawn of that round.
    const base = median(times[0]);
    rows.push({ bench: 'sandbox-pty', case: `first output of \`echo hi\`: ${cases[0].name}`, wallMs: base, note: `median of ${RUNS}` });
    for (let k = 1; k < cases.length; k++) {
      const diff = median(times[k].map((t, i) => t - times[0][i]));
      rows.push({ bench: 'sandbox-pty', case: `first output of \`echo hi\`: ${cases[k].name}`, wallMs: median(times[k]), ratio: median(times[k]) / base, note: `+${diff.toFixed(1)} ms over no sandbox (median of ${RUNS} paired differences)` });
    }
    log(rows.map((r) => `${r.case.split(': ')[1]} ${r.wallMs.toFixed(1)} ms`).join('; '));
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
  return rows;
}
