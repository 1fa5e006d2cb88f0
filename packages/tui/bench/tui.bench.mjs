// TUI start-up and idle cost, measured through a PTY (node-pty) against the scripted
// model server: first painted frame, composer drawn, composer usable (a key typed when the
// first frame appears is echoed), first model request after a prompt typed at that moment,
// idle RSS and idle CPU (utime+stime over IDLE_S seconds, measured from 2 s after the session
// is up, and again from 2 s after a turn ended), and the RSS after resuming a 2,000-message
// transcript. The bin is started as a user starts it (its own #! line, which passes
// --no-memory-reducer), with this node first on PATH.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, delimiter } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, request as httpRequest } from 'node:http';
import pty from '@lydell/node-pty';

const here = dirname(fileURLToPath(import.meta.url));
const BIN = join(here, '..', 'bin', 'codex-tui');
const RUNS = 9;
const IDLE_S = 10;
const CLK_TCK = 100;
const TYPED = 'q_q';
const ANSWER = 'the bench answer';
/** The bin's environment: this node first on PATH (the #! line runs `env node`). */
const binEnv = (extra) => ({ ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`, TERM: 'xterm-256color', ...extra });
const sleep = (ms) => new Promise((res) => setTimeout(res, ms));

/** CPU (% of a core) over `secs` seconds, and RSS (MiB) at the end. */
async function idleCost(pid, secs) {
  const c0 = cpuTicks(pid);
  const m0 = cpuMs(pid);
  await sleep(secs * 1000);
  return { cpu: ((cpuTicks(pid) - c0) / CLK_TCK / secs) * 100, cpuMs: cpuMs(pid) - m0, rss: rssMiB(pid) };
}

function cpuTicks(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(f[11]) + Number(f[12]);
}

/** Time on CPU in ms, all threads (/proc/<pid>/task/<tid>/schedstat, ns resolution; ticks are 10 ms). */
function cpuMs(pid) {
  let ns = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {}
  }
  return ns / 1e6;
}

function rssMiB(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The floor: a Node process in the same PTY printing the same markers. */
async function floorRun() {
  const t0 = performance.now();
  const p = pty.spawn(process.execPath, ['-e', "process.stdout.write('Codex-TS Ask Codex to do anything')"], { cols: 120, rows: 40 });
  return new Promise((res) => {
    let done = false;
    p.onData((d) => {
      if (!done && d.includes('Ask Codex')) {
        done = true;
        res(performance.now() - t0);
      }
    });
    p.onExit(() => res(performance.now() - t0));
  });
}

async function oneRun(server, idle) {
  const root = mkdtempSync(join(tmpdir(), 'tui-bench-'));
  const home = join(root, 'home');
  const ws = join(root, 'ws');
  mkdirSync(home);
  mkdirSync(ws);
  writeFileSync(join(ws, 'README.md'), '# bench\n');
  const env = binEnv({ CODEX_HOME: home, OPENAI_BASE_URL: server.baseUrl, OPENAI_API_KEY: 'k' });
  const before = server.responsesRequests().length;
  const t0 = performance.now();
  const p = pty.spawn(BIN, ['-C', ws, '-s', 'read-only', '-a', 'never'], { cols: 120, rows: 40, cwd: ws, env });
  const r = { firstFrame: NaN, composer: NaN, usable: NaN, request: NaN, rss: NaN, cpu: NaN, rssAfterTurn: NaN, cpuAfterTurn: NaN };
  let out = '';
  let typedAt = -1;
  const exited = new Promise((res) => p.onExit(res));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no composer; output: ${out.slice(-500)}`)), 30_000);
    p.onData((d) => {
      out += d;
      const now = performance.now() - t0;
      if (Number.isNaN(r.firstFrame) && out.includes('Codex-TS')) r.firstFrame = now;
      if (Number.isNaN(r.composer) && out.includes('Ask Codex to do anything')) {
        r.composer = now;
        // Typed the moment the composer shows: usable once the key is echoed.
        typedAt = out.length;
        p.write(TYPED);
      }
      if (typedAt >= 0 && Number.isNaN(r.usable) && out.slice(typedAt).includes(TYPED)) {
        r.usable = now;
        clearTimeout(timer);
        resolve();
      }
    });
  });
  p.write('\x7f'.repeat(TYPED.length));
  if (idle) {
    // Idle = the session is up (status line names the model) and start-up work has settled.
    while (!/gpt-5-codex · /.test(out)) await sleep(50);
    await sleep(2000);
    Object.assign(r, await idleCost(p.pid, IDLE_S));
  }
  const tType = performance.now();
  const mark = out.length;
  p.write('hi\r');
  await server.waitForRequests(before + 1, { kind: 'responses', timeoutMs: 30_000 });
  r.request = performance.now() - tType;
  if (idle) {
    // Idle again after a turn (a person reading the answer).
    while (!out.slice(mark).includes(ANSWER)) await sleep(50);
    await sleep(2000);
    const after = await idleCost(p.pid, IDLE_S);
    r.cpuAfterTurn = after.cpu;
    r.cpuMsAfterTurn = after.cpuMs;
    r.rssAfterTurn = after.rss;
  }
  await sleep(300);
  p.write('\x03');
  await new Promise((res) => setTimeout(res, 100));
  p.write('\x03');
  await Promise.race([exited, new Promise((res) => setTimeout(res, 10_000))]);
  try {
    p.kill('SIGKILL');
  } catch {}
  rmSync(root, { recursive: true, force: true });
  return r;
}

/**
 * A pass-through proxy in front of the scripted server that notes when each SSE chunk
 * holding `marker-k` is forwarded, so paint lag = PTY output time − forward time.
 */
async function stampingProxy(target, stamps) {
  const srv = createServer((req, res) => {
    const up = httpRequest(`${target}${req.url}`, { method: req.method, headers: req.headers }, (ur) => {
      res.writeHead(ur.statusCode ?? 500, ur.headers);
      ur.on('data', (chunk) => {
        const text = chunk.toString();
        for (const m of text.matchAll(/LINE-(\d+)/g)) if (!stamps.has(m[1])) stamps.set(m[1], performance.now());
        res.write(chunk);
      });
      ur.on('end', () => res.end());
    });
    req.pipe(up);
  });
  await new Promise((res) => srv.listen(0, '127.0.0.1', res));
  return { url: `http://127.0.0.1:${srv.address().port}`, close: () => new Promise((res) => srv.close(res)) };
}

/** Lag between a streamed line's delta leaving the proxy and its first paint, per line. */
async function streamLag(server, turn, lines = 8) {
  const text = Array.from({ length: lines }, (_, i) => `LINE-${i} of the streamed answer, padded to a realistic sixty chars.`).join('\n');
  server.queueResponses({ events: turn.message(text, { deltas: text.split(/(?<=\n)/) }), eventDelayMs: 250 });
  const sent = new Map();
  const proxy = await stampingProxy(server.url, sent);
  const root = mkdtempSync(join(tmpdir(), 'tui-bench-'));
  mkdirSync(join(root, 'home'));
  mkdirSync(join(root, 'ws'));
  const env = binEnv({ CODEX_HOME: join(root, 'home'), OPENAI_BASE_URL: `${proxy.url}/v1`, OPENAI_API_KEY: 'k' });
  const p = pty.spawn(BIN, ['-C', join(root, 'ws'), '-s', 'read-only', '-a', 'never'], { cols: 120, rows: 40, cwd: join(root, 'ws'), env });
  const painted = new Map();
  let out = '';
  const exited = new Promise((res) => p.onExit(res));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('stream bench timed out')), 60_000);
    let typed = false;
    p.onData((d) => {
      out += d;
      const now = performance.now();
      if (!typed && /gpt-5-codex · /.test(out)) {
        typed = true;
        p.write('stream please\r');
      }
      for (const m of d.matchAll(/LINE-(\d+)/g)) if (!painted.has(m[1])) painted.set(m[1], now);
      if (painted.size === lines) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  p.write('\x03');
  await new Promise((res) => setTimeout(res, 100));
  p.write('\x03');
  await Promise.race([exited, new Promise((res) => setTimeout(res, 10_000))]);
  await proxy.close();
  rmSync(root, { recursive: true, force: true });
  const lags = [...painted].map(([k, t]) => t - (sent.get(k) ?? t));
  return { median: median(lags), max: Math.max(...lags) };
}

/**
 * RSS and idle CPU of the TUI after resuming a recorded 2,000-message session (1,000 prompts,
 * 1,000 answers of a few lines each): `codex-tui resume ID`, all of it replayed into the chat.
 */
async function transcriptRun(ctx, server) {
  const core = await import(join(ctx.root, 'packages', 'core', 'dist', 'index.js'));
  const root = mkdtempSync(join(tmpdir(), 'tui-bench-'));
  const home = join(root, 'home');
  const ws = join(root, 'ws');
  mkdirSync(home);
  mkdirSync(ws);
  const id = '00000000-0000-4000-8000-000000002000';
  const rec = core.RolloutRecorder.create(home, { id, timestamp: new Date().toISOString(), cwd: ws, originator: 'codex_cli_rs', cli_version: '0.1.0', source: 'cli' });
  for (let i = 0; i < 1000; i++) {
    const q = `question ${i}: how does part ${i} of the system work, and what should change?`;
    const a = `Answer ${i}. Part ${i} reads its input, checks it and writes the result.\n\n- first, the input is parsed\n- then it is validated\n- last, the result is written with \`write()\``;
    rec.recordItems([
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: q }] },
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: a }] },
    ]);
    rec.recordEvent({ type: 'user_message', message: q, kind: 'plain' });
    rec.recordEvent({ type: 'agent_message', message: a });
  }
  rec.close();
  const env = binEnv({ CODEX_HOME: home, OPENAI_BASE_URL: server.baseUrl, OPENAI_API_KEY: 'k' });
  const t0 = performance.now();
  const p = pty.spawn(BIN, ['resume', id, '-C', ws, '-s', 'read-only', '-a', 'never'], { cols: 120, rows: 40, cwd: ws, env });
  const exited = new Promise((res) => p.onExit(res));
  let out = '';
  p.onData((d) => {
    out = (out + d).slice(-20_000);
  });
  const deadline = Date.now() + 60_000;
  while (!(out.includes('Answer 999.') && /gpt-5-codex · /.test(out))) {
    if (Date.now() > deadline) throw new Error(`transcript not replayed; output: ${out.slice(-500)}`);
    await sleep(50);
  }
  const replayMs = performance.now() - t0;
  await sleep(2000);
  const idle = await idleCost(p.pid, IDLE_S);
  p.write('\x03');
  await sleep(100);
  p.write('\x03');
  await Promise.race([exited, sleep(10_000)]);
  try {
    p.kill('SIGKILL');
  } catch {}
  rmSync(root, { recursive: true, force: true });
  return { replayMs, ...idle };
}

export default async function tuiBench(ctx) {
  const { startModelServer, turn } = await import(join(ctx.root, 'packages', 'test-support', 'dist', 'index.js'));
  const server = await startModelServer();
  server.queue(...Array.from({ length: RUNS + 1 }, () => turn.message(ANSWER)));
  const runs = [];
  const floors = [];
  let lag;
  let transcript;
  try {
    await oneRun(server, false); // warm-up (file cache)
    for (let i = 0; i < RUNS; i++) {
      ctx.log(`run ${i + 1}/${RUNS}`);
      floors.push(await floorRun());
      runs.push(await oneRun(server, i === 0));
    }
    ctx.log('stream lag');
    lag = await streamLag(server, turn);
    ctx.log('2,000-message transcript');
    transcript = await transcriptRun(ctx, server);
  } finally {
    await server.close();
  }
  const ff = median(runs.map((r) => r.firstFrame));
  const comp = median(runs.map((r) => r.composer));
  const usable = median(runs.map((r) => r.usable));
  const req = median(runs.map((r) => r.request));
  const idle = runs[0];
  const floor = median(floors);
  return [
    { bench: 'tui', case: 'node floor: launch → same bytes printed (PTY)', wallMs: floor, note: 'the machine load shows here; compare the rows below with it' },
    { bench: 'tui', case: 'launch → first frame (PTY 120x40)', wallMs: ff, target: '≤150 ms', pass: ff <= 150, ratio: ff / floor, note: `median of ${RUNS}; ratio = to the node floor; Codex 0.169: 340 ms (floor 85 ms)` },
    { bench: 'tui', case: 'launch → composer drawn', wallMs: comp, target: '≤300 ms', pass: comp <= 300, ratio: comp / floor, note: `median of ${RUNS}; Codex 0.169: 820 ms` },
    { bench: 'tui', case: 'launch → composer usable (key typed at the first frame echoed)', wallMs: usable, target: '≤300 ms', pass: usable <= 300, ratio: usable / floor, note: `median of ${RUNS}; the first frame is painted before the App's modules load, keys typed meanwhile are kept` },
    { bench: 'tui', case: 'prompt typed at composer → model request', wallMs: req, note: 'includes engine start-up still running in the background' },
    { bench: 'tui', case: 'streamed line: delta forwarded → painted', wallMs: lag.median, target: '≤20 ms', pass: lag.median <= 20, note: `median of 8 lines, max ${lag.max.toFixed(1)} ms; Codex 0.169: 14-24 ms` },
    { bench: 'tui', case: `idle RSS / CPU over ${IDLE_S}s`, wallMs: null, peakMiB: idle.rss, target: '≤120 MiB, 0 % CPU', pass: idle.rss <= 120 && idle.cpu === 0, note: `CPU ${idle.cpu.toFixed(2)} % of a core (clock ticks), ${idle.cpuMs.toFixed(1)} ms on CPU (schedstat, all threads), from 2 s after the session is up; Codex 0.169: 187 MiB, 0.1-0.2 %` },
    { bench: 'tui', case: `idle RSS / CPU over ${IDLE_S}s after a turn`, wallMs: null, peakMiB: idle.rssAfterTurn, target: '≤120 MiB, 0 % CPU', pass: idle.rssAfterTurn <= 120 && idle.cpuAfterTurn === 0, note: `CPU ${idle.cpuAfterTurn.toFixed(2)} % of a core (clock ticks), ${idle.cpuMsAfterTurn.toFixed(1)} ms on CPU (schedstat, all threads), from 2 s after the answer was painted` },
    { bench: 'tui', case: `2,000-message transcript resumed: RSS / CPU over ${IDLE_S}s`, wallMs: transcript.replayMs, peakMiB: transcript.rss, note: `CPU ${transcript.cpu.toFixed(2)} % of a core (clock ticks), ${transcript.cpuMs.toFixed(1)} ms on CPU over ${IDLE_S} s idle after it; wallMs = launch → all 2,000 messages replayed` },
  ];
}
