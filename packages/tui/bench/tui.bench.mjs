// TUI start-up and idle cost, measured through a PTY (node-pty) against the scripted
// model server: first painted frame, composer drawn, first model request after a prompt
// typed at that moment, idle RSS and idle CPU (utime+stime over IDLE_S seconds, measured
// from 2 s after the session is up).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, request as httpRequest } from 'node:http';
import pty from '@lydell/node-pty';

const here = dirname(fileURLToPath(import.meta.url));
const BIN = join(here, '..', 'bin', 'codex-tui');
const RUNS = 5;
const IDLE_S = 10;
const CLK_TCK = 100;

function cpuTicks(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(f[11]) + Number(f[12]);
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
  const env = { ...process.env, CODEX_HOME: home, OPENAI_BASE_URL: server.baseUrl, OPENAI_API_KEY: 'k', TERM: 'xterm-256color' };
  const before = server.responsesRequests().length;
  const t0 = performance.now();
  const p = pty.spawn(process.execPath, [BIN, '-C', ws, '-s', 'read-only', '-a', 'never'], { cols: 120, rows: 40, cwd: ws, env });
  const r = { firstFrame: NaN, composer: NaN, request: NaN, rss: NaN, cpu: NaN };
  let out = '';
  const exited = new Promise((res) => p.onExit(res));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no composer; output: ${out.slice(-500)}`)), 30_000);
    p.onData((d) => {
      out += d;
      const now = performance.now() - t0;
      if (Number.isNaN(r.firstFrame) && out.includes('Codex-TS')) r.firstFrame = now;
      if (Number.isNaN(r.composer) && out.includes('Ask Codex to do anything')) {
        r.composer = now;
        clearTimeout(timer);
        resolve();
      }
    });
  });
  if (idle) {
    // Idle = the session is up (status line names the model) and start-up work has settled.
    while (!/gpt-5-codex · /.test(out)) await new Promise((res) => setTimeout(res, 50));
    await new Promise((res) => setTimeout(res, 2000));
    const c0 = cpuTicks(p.pid);
    await new Promise((res) => setTimeout(res, IDLE_S * 1000));
    r.cpu = ((cpuTicks(p.pid) - c0) / CLK_TCK / IDLE_S) * 100;
    r.rss = rssMiB(p.pid);
  }
  const tType = performance.now();
  p.write('hi\r');
  await server.waitForRequests(before + 1, { kind: 'responses', timeoutMs: 30_000 });
  r.request = performance.now() - tType;
  await new Promise((res) => setTimeout(res, 300));
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
  const env = { ...process.env, CODEX_HOME: join(root, 'home'), OPENAI_BASE_URL: `${proxy.url}/v1`, OPENAI_API_KEY: 'k', TERM: 'xterm-256color' };
  const p = pty.spawn(process.execPath, [BIN, '-C', join(root, 'ws'), '-s', 'read-only', '-a', 'never'], { cols: 120, rows: 40, cwd: join(root, 'ws'), env });
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

export default async function tuiBench(ctx) {
  const { startModelServer, turn } = await import(join(ctx.root, 'packages', 'test-support', 'dist', 'index.js'));
  const server = await startModelServer();
  server.queue(...Array.from({ length: RUNS + 1 }, () => turn.message('ok')));
  const runs = [];
  const floors = [];
  let lag;
  try {
    await oneRun(server, false); // warm-up (file cache)
    for (let i = 0; i < RUNS; i++) {
      ctx.log(`run ${i + 1}/${RUNS}`);
      floors.push(await floorRun());
      runs.push(await oneRun(server, i === 0));
    }
    ctx.log('stream lag');
    lag = await streamLag(server, turn);
  } finally {
    await server.close();
  }
  const ff = median(runs.map((r) => r.firstFrame));
  const comp = median(runs.map((r) => r.composer));
  const req = median(runs.map((r) => r.request));
  const idle = runs[0];
  const floor = median(floors);
  return [
    { bench: 'tui', case: 'node floor: launch → same bytes printed (PTY)', wallMs: floor, note: 'the machine load shows here; compare the rows below with it' },
    { bench: 'tui', case: 'launch → first frame (PTY 120x40)', wallMs: ff, target: '≤150 ms', pass: ff <= 150, ratio: ff / floor, note: `median of ${RUNS}; ratio = to the node floor; Codex 0.169: 340 ms (floor 85 ms)` },
    { bench: 'tui', case: 'launch → composer drawn', wallMs: comp, target: '≤300 ms', pass: comp <= 300, ratio: comp / floor, note: `median of ${RUNS}; Codex 0.169: 820 ms` },
    { bench: 'tui', case: 'prompt typed at composer → model request', wallMs: req, note: 'includes engine start-up still running in the background' },
    { bench: 'tui', case: 'streamed line: delta forwarded → painted', wallMs: lag.median, target: '≤20 ms', pass: lag.median <= 20, note: `median of 8 lines, max ${lag.max.toFixed(1)} ms; Codex 0.169: 14-24 ms` },
    { bench: 'tui', case: `idle RSS / CPU over ${IDLE_S}s`, wallMs: null, peakMiB: idle.rss, target: '≤120 MiB, 0 % CPU', pass: idle.rss <= 120 && idle.cpu === 0, note: `CPU ${idle.cpu.toFixed(2)} % of a core; Codex 0.169: 187 MiB, 0.1-0.2 %` },
  ];
}
