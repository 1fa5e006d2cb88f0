// Unified exec (exec_command / write_stdin), measured through the real tool handler:
//  (a) latency from the exec_command call to its first output delta for `echo hi`, against a
//      plain child_process.spawn of the same argv (`/bin/bash -c 'echo hi'`) to its first
//      stdout byte; pipes and PTY, unsandboxed (reaping helper) and under workspace-write
//      (Landlock/bwrap helper). Target: median <= 10 ms over the plain spawn.
//  (b) memory with 16 live PTY sessions (`cat` waiting on its terminal): our RSS growth and
//      the total RSS of the 16 process trees; all groups are gone after terminateAll().
// Knob: CODEX_BENCH_UEXEC_RUNS (default 25).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const RUNS = Number(process.env.CODEX_BENCH_UEXEC_RUNS ?? 25);
const SESSIONS = 16;

function plainFirstOutput(file = '/bin/bash', args = ['-c', 'echo hi']) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let first;
    child.stdout.once('data', () => (first = Number(process.hrtime.bigint() - t0) / 1e6));
    child.on('error', reject);
    child.on('close', () => resolve(first));
  });
}

function context(core, ws, manager, policy, onEvent) {
  return {
    sub_id: 'bench',
    turn: {
      cwd: ws,
      approval_policy: 'never',
      sandbox_policy: policy,
      shell_environment_policy: { inherit: 'all', ignore_default_excludes: false, exclude: [], set: {}, include_only: [] },
      freeform_apply_patch: true,
      sandbox_config: {},
    },
    signal: new AbortController().signal,
    emit: onEvent,
    requestApproval: async () => 'denied',
    approvedForSession: new Set(),
    attachImage: () => undefined,
    unifiedExec: manager,
  };
}

async function execFirstOutput(core, ws, manager, policy, tty) {
  let first;
  let t0 = 0n;
  const ctx = context(core, ws, manager, policy, (msg) => {
    if (msg.type === 'exec_command_output_delta' && first === undefined) first = Number(process.hrtime.bigint() - t0) / 1e6;
  });
  const call = { kind: 'function', name: 'exec_command', call_id: 'c', arguments: JSON.stringify({ cmd: 'echo hi', login: false, tty, yield_time_ms: 5000 }) };
  t0 = process.hrtime.bigint();
  const r = await core.execCommandTool.handle(call, ctx);
  if (!/Process exited with code 0/.test(r.content)) throw new Error(`exec_command failed: ${r.content}`);
  return first;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function treeRssKiB(pid) {
  // The session's process group: every process whose pgid is the leader's pid.
  let total = 0;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1].split(' ');
      if (Number(stat[2]) !== pid) continue;
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${d}/status`, 'utf8'));
      if (m) total += Number(m[1]);
    } catch {
      // gone
    }
  }
  return total;
}

function alive(pid) {
  try {
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].startsWith('Z');
  } catch {
    return false;
  }
}

export default async function bench({ root, log }) {
  if (process.platform !== 'linux') return [{ bench: 'unified-exec', case: 'skipped', note: 'Linux only' }];
  const core = await import(pathToFileURL(join(root, 'packages/core/dist/index.js')).href);
  const ws = mkdtempSync(join(tmpdir(), 'codex-bench-uexec-'));
  const manager = new core.UnifiedExecManager();
  const rows = [];
  try {
    const full = { mode: 'danger-full-access' };
    const write = { mode: 'workspace-write', writable_roots: [], network_access: false, exclude_tmpdir_env_var: false, exclude_slash_tmp: false };
    const cases = [
      { name: 'pipes, no sandbox (reaper)', policy: full, tty: false },
      { name: 'PTY, no sandbox (reaper)', policy: full, tty: true },
      { name: 'pipes, workspace-write', policy: write, tty: false },
      { name: 'PTY, workspace-write', policy: write, tty: true },
    ];
    // Warm-up: node-pty's import, the sandbox probe, the page cache.
    await plainFirstOutput();
    for (const c of cases) await execFirstOutput(core, ws, manager, c.policy, c.tty);
    const ls = await import(pathToFileURL(join(root, 'packages/linux-sandbox/dist/index.js')).href);
    const helper = ls.defaultHelperPath();
    const helperArgs = ['--no-sandbox', '--', '/bin/bash', '-c', 'echo hi'];
    const plain = [];
    const viaHelper = [];
    const exec = cases.map(() => []);
    // Interleaved, so machine noise hits every case alike.
    for (let i = 0; i < RUNS; i++) {
      plain.push(await plainFirstOutput());
      viaHelper.push(await plainFirstOutput(helper, helperArgs));
      for (const [k, c] of cases.entries()) exec[k].push(await execFirstOutput(core, ws, manager, c.policy, c.tty));
    }
    const base = median(plain);
    rows.push({ bench: 'unified-exec', case: 'first output of `echo hi`: plain spawn', wallMs: base, note: `median of ${RUNS}` });
    const h = median(viaHelper);
    rows.push({ bench: 'unified-exec', case: 'first output of `echo hi`: plain spawn of the reaping helper', wallMs: h, ratio: h / base, note: `+${(h - base).toFixed(1)} ms: the helper's own share` });
    for (const [k, c] of cases.entries()) {
      const m = median(exec[k]);
      rows.push({ bench: 'unified-exec', case: `first output of \`echo hi\`: exec_command, ${c.name}`, wallMs: m, ratio: m / base, target: '<= plain + 10 ms', pass: m - base <= 10, note: `+${(m - base).toFixed(1)} ms over plain` });
    }
    log(`plain ${base.toFixed(1)} ms; ${rows.slice(1).map((r) => r.note).join(', ')}`);

    // (b) 16 live PTY sessions.
    global.gc?.();
    const before = process.memoryUsage().rss;
    const ctx = context(core, ws, manager, full, () => undefined);
    const t0 = Date.now();
    for (let i = 0; i < SESSIONS; i++) {
      const call = { kind: 'function', name: 'exec_command', call_id: `s${i}`, arguments: JSON.stringify({ cmd: 'exec cat', login: false, tty: true, yield_time_ms: 250 }) };
      const r = await core.execCommandTool.handle(call, ctx);
      if (!/Process running with session ID \d+/.test(r.content)) throw new Error(`session ${i} did not stay alive: ${r.content}`);
    }
    const startMs = Date.now() - t0;
    const after = process.memoryUsage().rss;
    const pids = manager.pids();
    const children = pids.reduce((sum, pid) => sum + treeRssKiB(pid), 0) / 1024;
    manager.terminateAll();
    const deadline = Date.now() + 5000;
    while (pids.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const left = pids.filter(alive).length;
    rows.push({ bench: 'unified-exec', case: `${SESSIONS} live PTY sessions: our RSS growth`, wallMs: startMs, peakMiB: (after - before) / 2 ** 20, note: `RSS ${(after / 2 ** 20).toFixed(1)} MiB with ${pids.length} sessions; wall = starting all (250 ms yield each)` });
    rows.push({ bench: 'unified-exec', case: `${SESSIONS} live PTY sessions: their process trees`, peakMiB: children, pass: left === 0, note: `${(children / SESSIONS).toFixed(1)} MiB each (helper + cat); ${left} left after terminateAll` });
  } finally {
    manager.terminateAll();
    rmSync(ws, { recursive: true, force: true });
  }
  return rows;
}
