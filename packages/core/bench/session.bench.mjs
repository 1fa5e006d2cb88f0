// Whole `codex exec --json` sessions against the scripted model server (codex-test-model):
//  (a) the 3-turn session (a command, a patch, a final message): wall time and peak memory,
//      median of RUNS runs with a fresh workspace each, through our binary and, when it is
//      installed, through the real Codex (each scripted its own way: we get `shell`, it gets
//      `exec_command`; the patch and the message are the same). Targets: <= 1.0x its wall
//      time and <= 1.0x its peak memory.
//  (c) one shell call printing 200 MB (one long line of 'a's; `yes`, 100 M short lines): our
//      peak memory must stay under 150 MiB; wall time is compared with the bare command
//      (and the real Codex's, for information).
// Both run their commands sandboxed (workspace-write), each with its own Linux backend:
// codex-ts with its Landlock + seccomp helper (`[sandbox] backend = "landlock"`, set
// explicitly), the real Codex with bubblewrap. The rows say so.
// The real Codex is looked up in $CODEX_REAL_DIR (default /tmp/codex-real, an
// `npm install --prefix DIR @openai/codex`, never part of the repo); when it is missing its
// rows are skipped with the reason, and it is downloaded there (~400 MB, npm cache inside
// DIR) only with CODEX_BENCH_INSTALL_REAL=1. It runs as its native binary (no Node launcher), with CODEX_HOME under /var/tmp (it refuses
// one under /tmp) and TMPDIR a sibling directory: with CODEX_HOME inside TMPDIR it skips its
// helper aliases and, with Debian's bwrap 0.8, every command and patch fails
// (shared/reference/codex-binary.md §12). Knobs: CODEX_BENCH_SESSION_RUNS (7),
// CODEX_BENCH_BIG_RUNS (5; 0 skips those rows), CODEX_BENCH_BIG_REAL=0 skips the real Codex's 200 MB rows.
// Both sides get HOME = an empty scratch directory: the model's `bash -lc` then reads no
// shell start-up files of the host (this machine's ~/.bashrc runs `pyenv init`, ~200 ms per
// login shell, which would be measured on both sides alike). CODEX_BENCH_SESSION_HOST_HOME=1
// keeps the real HOME. CODEX_BENCH_SESSION_BASELINE=/path/to/other/dist/cli.js adds that build
// of codex-ts to the 3-turn rounds (same config and model; for before/after A/Bs on a busy machine).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const RUNS = Number(process.env.CODEX_BENCH_SESSION_RUNS ?? 7);
const BIG_RUNS = Number(process.env.CODEX_BENCH_BIG_RUNS ?? 5);
const BIG_BYTES = 200_000_000;
/** The 200 MB commands: one line of 'a's, and `yes` (100 M two-byte lines). */
const BIG_CASES = [
  { name: "200 MB output, one line", cmd: `head -c ${BIG_BYTES} /dev/zero | tr '\\0' a`, expect: /a{1000}/ },
  { name: '200 MB output, yes (100M lines)', cmd: `yes | head -c ${BIG_BYTES}`, expect: /(y\n){500}/ },
];
const PATCH = '*** Begin Patch\n*** Add File: hello.txt\n+Hello from the scripted model.\n+Second line.\n*** End Patch\n';
const HELLO = 'Hello from the scripted model.\nSecond line.\n';
const PROMPT = 'List the files, then create hello.txt';
const MEM_LIMIT_MIB = 150;
/** The sandbox each side runs its commands in (ours is pinned in its config.toml below). */
const OUR_SANDBOX = 'Landlock + seccomp helper, workspace-write';
const REAL_SANDBOX = 'bubblewrap, workspace-write';
/** Where the shells' HOME is (said in every row's note). */
const HOME_NOTE = process.env.CODEX_BENCH_SESSION_HOST_HOME === '1' ? 'HOME: the host\'s' : 'HOME: empty scratch dir';

/** The 3 turns, scripted for one binary: `shell` for us, `exec_command` for the real Codex. */
function sessionScript(tool) {
  const command = tool === 'shell' ? { shell: ['bash', '-lc', 'ls'] } : { function_call: { name: 'exec_command', arguments: { cmd: 'ls' } } };
  return [{ label: 'ls', ...command }, { label: 'patch', apply_patch: PATCH }, { label: 'report', message: 'Done: I listed the directory and created hello.txt.' }];
}

function bigScript(tool, cmd) {
  const command = tool === 'shell' ? { shell: ['bash', '-c', cmd], timeout_ms: 120_000 } : { function_call: { name: 'exec_command', arguments: { cmd, yield_time_ms: 120_000 } } };
  return [{ label: 'big', ...command }, { label: 'report', message: 'Done.' }];
}

/** Starts codex-test-model on a looping script; resolves { baseUrl, stop }. */
async function startModel(root, dir, name, turns) {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ turns, loop: true }));
  const bin = join(root, 'packages', 'test-support', 'bin', 'codex-test-model');
  const child = spawn(process.execPath, [bin, '--script', file], { stdio: ['ignore', 'pipe', 'ignore'] });
  const baseUrl = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`codex-test-model exited with ${code}`)));
  });
  return { baseUrl, stop: () => child.kill('SIGTERM') };
}

/**
 * One binary's set-up: a home (CODEX_HOME + config), the env, and argv for a workspace.
 * `kind` is 'ours' or 'real'.
 */
function setup(kind, { root, baseDir, baseUrl, bin }) {
  const home = join(baseDir, `${kind}-home`);
  mkdirSync(home, { recursive: true });
  const shellHome = join(baseDir, 'shell-home');
  mkdirSync(shellHome, { recursive: true });
  const HOME = process.env.CODEX_BENCH_SESSION_HOST_HOME === '1' ? process.env.HOME : shellHome;
  if (kind === 'ours') {
    writeFileSync(
      join(home, 'config.toml'),
      `model = "gpt-5-codex"\nmodel_provider = "scripted"\n\n[sandbox]\nbackend = "landlock"\n\n[model_providers.scripted]\nname = "codex-test-model"\nbase_url = "${baseUrl}"\nwire_api = "responses"\n`,
    );
    return {
      cmd: join(root, 'packages', 'cli', 'bin', 'codex'),
      argv: (ws) => ['exec', '--skip-git-repo-check', '--full-auto', '-C', ws, '--json', PROMPT],
      env: { ...process.env, HOME, CODEX_HOME: home },
    };
  }
  const tmp = join(baseDir, 'real-tmp');
  mkdirSync(tmp, { recursive: true });
  writeFileSync(
    join(home, 'config.toml'),
    `model = "gpt-5.5"\nmodel_provider = "mock"\napproval_policy = "never"\nsandbox_mode = "workspace-write"\n\n[model_providers.mock]\nname = "Mock"\nbase_url = "${baseUrl}"\nenv_key = "MOCK_API_KEY"\nwire_api = "responses"\nrequest_max_retries = 0\nstream_max_retries = 0\n`,
  );
  return {
    cmd: bin,
    argv: (ws) => ['exec', '--skip-git-repo-check', '-C', ws, '--json', PROMPT],
    env: { ...process.env, HOME, CODEX_HOME: home, MOCK_API_KEY: 'unused', TMPDIR: tmp },
  };
}

function freshWorkspace(baseDir, i) {
  const ws = join(baseDir, `ws-${i}`);
  rmSync(ws, { recursive: true, force: true });
  mkdirSync(ws, { recursive: true });
  writeFileSync(join(ws, 'README.md'), '# demo project\n\nA tiny workspace for a scripted run.\n');
  return ws;
}

/** Checks a 3-turn run: exit 0, a completed command, hello.txt written, the final message. */
function checkSession(r, ws, label) {
  const fail = (why) => new Error(`${label}: ${why} (exit ${r.code}); stderr: ${r.stderr.slice(-400)}; stdout: ${r.stdout.slice(-400)}`);
  if (r.code !== 0) throw fail('non-zero exit');
  const events = r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const items = events.filter((e) => e.type === 'item.completed').map((e) => e.item);
  const cmd = items.find((i) => i.type === 'command_execution');
  if (!cmd || cmd.exit_code !== 0 || !/README\.md/.test(cmd.aggregated_output)) throw fail('no successful command_execution listing README.md');
  if (!items.some((i) => i.type === 'file_change' && i.status === 'completed')) throw fail('no completed file_change');
  if (!items.some((i) => i.type === 'agent_message')) throw fail('no agent_message');
  const hello = existsSync(join(ws, 'hello.txt')) ? readFileSync(join(ws, 'hello.txt'), 'utf8') : null;
  if (hello !== HELLO) throw fail(`hello.txt is ${JSON.stringify(hello)}`);
}

/** Checks a 200 MB run: the command succeeded and its output (or its size) came back. */
function checkBig(r, label, expect) {
  const fail = (why) => new Error(`${label}: ${why} (exit ${r.code}); stderr: ${r.stderr.slice(-400)}`);
  if (r.code !== 0) throw fail('non-zero exit');
  const events = r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const cmd = events.filter((e) => e.type === 'item.completed').map((e) => e.item).find((i) => i.type === 'command_execution');
  if (!cmd || cmd.exit_code !== 0 || !expect.test(cmd.aggregated_output)) throw fail('no successful command_execution with the output');
  return cmd.aggregated_output.length;
}

/**
 * Measures several variants in alternation (one run of each per round, after one warm-up
 * round) so that load from other processes on the machine hits them alike. A variant is
 * { name, cmd, argv(ws), env, check(r, ws) } and gets a fresh workspace for every run.
 * Resolves name -> { wallMs, peakMiB, minMs, maxMs, extra } (medians over `runs`).
 */
async function measureInterleaved({ runOnce, median }, variants, baseDir, runs) {
  const acc = new Map(variants.map((v) => [v.name, { walls: [], peaks: [], extra: undefined }]));
  for (let i = 0; i <= runs; i++) {
    for (const v of variants) {
      const ws = freshWorkspace(baseDir, i);
      const r = await runOnce(v.cmd, v.argv(ws), { cwd: baseDir, env: v.env, input: '', maxBuffer: v.maxBuffer });
      const a = acc.get(v.name);
      a.extra = v.check(r, ws);
      rmSync(ws, { recursive: true, force: true });
      if (i === 0) continue; // warm-up round
      a.walls.push(r.wallMs);
      if (r.peakMiB != null) a.peaks.push(r.peakMiB);
    }
  }
  const out = {};
  for (const [name, a] of acc) {
    out[name] = { wallMs: median(a.walls), peakMiB: a.peaks.length ? median(a.peaks) : null, minMs: Math.min(...a.walls), maxMs: Math.max(...a.walls), extra: a.extra };
  }
  return out;
}

const range = (m) => `${m.wallMs.toFixed(0)} ms (${m.minMs.toFixed(0)}-${m.maxMs.toFixed(0)}), ${m.peakMiB?.toFixed(1)} MiB`;

export default async function sessionBench(ctx) {
  const { root, log } = ctx;
  const rows = [];
  // /var/tmp: the real Codex refuses a CODEX_HOME under /tmp.
  const baseDir = mkdtempSync(join(existsSync('/var/tmp') ? '/var/tmp' : tmpdir(), 'codex-session-bench-'));
  const servers = [];
  const model = async (name, turns) => {
    const m = await startModel(root, baseDir, name, turns);
    servers.push(m);
    return m.baseUrl;
  };
  try {
    const found = ctx.realCodex({ log });
    const realBin = found.bin ?? null;
    if (!realBin) {
      log(`${found.reason}: its rows are skipped`);
      rows.push({ bench: 'session', case: 'real Codex', wallMs: null, peakMiB: null, note: `skipped: ${found.reason}` });
    }
    const version = realBin ? spawnSync(realBin, ['--version'], { encoding: 'utf8' }).stdout.trim().replace(/^codex-cli /, '') : null;

    // (a) the 3-turn session, ours and the real Codex's in alternation.
    const variants = [{ name: 'ours', ...setup('ours', { root, baseDir, baseUrl: await model('ours-session', sessionScript('shell')) }), check: (r, ws) => checkSession(r, ws, 'ours') }];
    const baseline = process.env.CODEX_BENCH_SESSION_BASELINE;
    if (baseline) {
      const ours = variants[0];
      variants.push({ ...ours, name: 'baseline', cmd: process.execPath, argv: (ws) => [baseline, ...ours.argv(ws)], check: (r, ws) => checkSession(r, ws, 'baseline') });
    }
    if (realBin) variants.push({ name: 'real', ...setup('real', { root, baseDir, baseUrl: await model('real-session', sessionScript('exec_command')), bin: realBin }), check: (r, ws) => checkSession(r, ws, 'real Codex') });
    const a = await measureInterleaved(ctx, variants, baseDir, RUNS);
    const ours = a.ours;
    const real = a.real ?? null;
    log(`3-turn: ours ${range(ours)}${real ? `; real ${range(real)}` : ''}`);
    if (real) rows.push({ bench: 'session', case: `3-turn exec --json, real Codex ${version}`, wallMs: real.wallMs, peakMiB: real.peakMiB, note: `${RUNS} runs, native binary; sandbox: ${REAL_SANDBOX}; ${HOME_NOTE}` });
    if (a.baseline) {
      log(`3-turn: baseline ${range(a.baseline)}`);
      rows.push({ bench: 'session', case: '3-turn exec --json, baseline build', wallMs: a.baseline.wallMs, peakMiB: a.baseline.peakMiB, ratio: ours.wallMs / a.baseline.wallMs, note: `ratio = codex-ts / baseline; ${baseline}; ${RUNS} runs, interleaved; ${HOME_NOTE}` });
    }
    const wallRatio = real ? ours.wallMs / real.wallMs : undefined;
    const memRatio = real && real.peakMiB && ours.peakMiB ? ours.peakMiB / real.peakMiB : undefined;
    rows.push({
      bench: 'session',
      case: '3-turn exec --json, codex-ts',
      wallMs: ours.wallMs,
      peakMiB: ours.peakMiB,
      ratio: wallRatio,
      target: real ? '<=1.0x wall, <=1.0x mem' : undefined,
      pass: real ? wallRatio <= 1 && (memRatio === undefined || memRatio <= 1) : undefined,
      note: `${RUNS} runs${memRatio !== undefined ? `, mem ${memRatio.toFixed(2)}x` : ''}; sandbox: ${OUR_SANDBOX}; ${HOME_NOTE}`,
    });

    // (c) one command printing 200 MB: bare, through us and through the real Codex, in alternation.
    if (BIG_RUNS === 0) rows.push({ bench: 'session', case: '200 MB output', wallMs: null, peakMiB: null, note: 'skipped: CODEX_BENCH_BIG_RUNS=0' });
    for (const big of BIG_RUNS === 0 ? [] : BIG_CASES) {
      const vs = [
        { name: 'bare', cmd: 'bash', argv: () => ['-c', big.cmd], env: process.env, maxBuffer: 0, check: (r) => { if (r.code !== 0) throw new Error(`bare ${big.name} exited ${r.code}`); } },
        { name: 'ours', ...setup('ours', { root, baseDir, baseUrl: await model('ours-big', bigScript('shell', big.cmd)) }), check: (r) => checkBig(r, `ours ${big.name}`, big.expect) },
      ];
      if (realBin && process.env.CODEX_BENCH_BIG_REAL !== '0') {
        vs.push({ name: 'real', ...setup('real', { root, baseDir, baseUrl: await model('real-big', bigScript('exec_command', big.cmd)), bin: realBin }), check: (r) => checkBig(r, `real ${big.name}`, big.expect) });
      }
      const m = await measureInterleaved(ctx, vs, baseDir, BIG_RUNS);
      log(`${big.name}: bare ${range(m.bare)}; ours ${range(m.ours)}${m.real ? `; real ${range(m.real)}` : ''}`);
      rows.push({ bench: 'session', case: `${big.name}, bare bash`, wallMs: m.bare.wallMs, peakMiB: m.bare.peakMiB, note: 'output drained by the bench' });
      rows.push({
        bench: 'session',
        case: `${big.name}, codex-ts exec`,
        wallMs: m.ours.wallMs,
        peakMiB: m.ours.peakMiB,
        ratio: m.ours.wallMs / m.bare.wallMs,
        target: `<${MEM_LIMIT_MIB}MiB`,
        pass: m.ours.peakMiB != null && m.ours.peakMiB < MEM_LIMIT_MIB,
        note: `ratio = wall vs bare; ${BIG_RUNS} runs; ${m.ours.extra} chars kept in the event; sandbox: ${OUR_SANDBOX}`,
      });
      if (m.real) rows.push({ bench: 'session', case: `${big.name}, real Codex ${version}`, wallMs: m.real.wallMs, peakMiB: m.real.peakMiB, ratio: m.real.wallMs / m.bare.wallMs, note: `ratio = wall vs bare; ${BIG_RUNS} runs; sandbox: ${REAL_SANDBOX}` });
    }
  } finally {
    for (const s of servers) s.stop();
    rmSync(baseDir, { recursive: true, force: true });
  }
  return rows;
}
