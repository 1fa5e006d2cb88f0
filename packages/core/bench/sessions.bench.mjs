// Sessions that last (issue 16):
//  (a) resident memory of one in-process session after 300 turns vs after 30 (target <= 1.5x).
//      Each turn's answer is ~20 KB, so the history passes gpt-5-codex's automatic compaction
//      limit (90% of 272k tokens) every ~45 turns; old items live in the rollout, not in memory.
//      Measured in a child (node --expose-gc) after a full GC; the model server is a separate
//      codex-test-model process. Median of RUNS runs each.
//  (b) time to resume a 10 MB rollout: Codex.spawn with resumePath (repair check, parse, history
//      rebuild, reopen for append) and loadRollout alone; median of 7 (target <= 500 ms).
//  (c) listing 500 sessions for the picker (newest first, first prompt, size).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

const RUNS = Number(process.env.CODEX_BENCH_SESSIONS_RUNS ?? 3);

async function startModel(root, dir, turns) {
  const file = join(dir, 'script.json');
  writeFileSync(file, JSON.stringify({ turns, loop: true }));
  const child = spawn(process.execPath, [join(root, 'packages', 'test-support', 'bin', 'codex-test-model'), '--script', file], { stdio: ['ignore', 'pipe', 'ignore'] });
  const baseUrl = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`codex-test-model exited with ${code}`)));
  });
  return { baseUrl, stop: () => child.kill('SIGTERM') };
}

function runChild(root, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', join(root, 'packages', 'core', 'bench', 'sessions-child.mjs'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const t0 = performance.now();
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`session child exited ${code}: ${err.slice(0, 500)}`));
      resolve({ ...JSON.parse(out.trim().split('\n').at(-1)), wallMs: performance.now() - t0 });
    });
  });
}

export default async function sessionsBench(ctx) {
  const { root, median, log } = ctx;
  const core = await import(pathToFileURL(join(root, 'packages', 'core', 'dist', 'index.js')).href);
  const rows = [];
  const dir = mkdtempSync(join(tmpdir(), 'codex-bench-sessions-'));
  try {
    // (a) memory after 30 and 300 turns.
    const model = await startModel(root, dir, [{ label: 'answer', message: `Progress: ${'worked through another part of the code base; '.repeat(450)}` }]);
    try {
      const byTurns = {};
      for (const turns of [30, 300]) {
        const runs = [];
        for (let r = 0; r < RUNS; r++) {
          const home = join(dir, `home-${turns}-${r}`);
          const ws = join(dir, `ws-${turns}-${r}`);
          mkdirSync(home);
          mkdirSync(ws);
          runs.push(await runChild(root, [model.baseUrl, home, ws, String(turns)]));
          rmSync(home, { recursive: true, force: true });
        }
        byTurns[turns] = { rss: median(runs.map((x) => x.rss)) / 2 ** 20, heap: median(runs.map((x) => x.heapUsed)) / 2 ** 20, wallMs: median(runs.map((x) => x.wallMs)), compactions: median(runs.map((x) => x.compactions)) };
        log(`${turns} turns: rss ${byTurns[turns].rss.toFixed(1)} MiB, heap ${byTurns[turns].heap.toFixed(1)} MiB, ${byTurns[turns].compactions} compactions`);
      }
      const ratio = byTurns[300].rss / byTurns[30].rss;
      rows.push({ bench: 'sessions', case: 'RSS after 30 turns (20 KB answers)', wallMs: byTurns[30].wallMs, peakMiB: byTurns[30].rss, note: `heap ${byTurns[30].heap.toFixed(1)} MiB, ${byTurns[30].compactions} compactions` });
      rows.push({ bench: 'sessions', case: 'RSS after 300 turns (20 KB answers)', wallMs: byTurns[300].wallMs, peakMiB: byTurns[300].rss, ratio, target: '<= 1.5x RSS at 30', pass: ratio <= 1.5, note: `heap ${byTurns[300].heap.toFixed(1)} MiB, ${byTurns[300].compactions} compactions` });
    } finally {
      model.stop();
    }

    // (b) resume a 10 MB rollout.
    const home = join(dir, 'home-resume');
    const ws = join(dir, 'ws-resume');
    mkdirSync(home);
    mkdirSync(ws);
    writeFileSync(join(home, 'config.toml'), 'model = "gpt-5-codex"\nmodel_provider = "mock"\n[model_providers.mock]\nname = "Mock"\nbase_url = "http://127.0.0.1:9/v1"\nwire_api = "responses"\n');
    const id = '00000000-0000-4000-8000-00000000b10b';
    const rec = core.RolloutRecorder.create(home, { id, timestamp: new Date().toISOString(), cwd: ws, originator: 'codex_exec', cli_version: '0.1.0', source: 'exec' });
    const body = 'x'.repeat(4_000);
    for (let i = 0; statSync(rec.path).size < 10 * 2 ** 20; i++) {
      rec.recordItems([
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: `step ${i}` }] },
        { type: 'function_call', call_id: `c${i}`, name: 'shell', arguments: JSON.stringify({ command: ['cat', `f${i}`] }) },
        { type: 'function_call_output', call_id: `c${i}`, output: body },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: `done ${i}` }] },
      ]);
      rec.recordEvent({ type: 'agent_message', message: `done ${i}` });
    }
    rec.close();
    const size = statSync(rec.path).size;
    const config = core.loadConfig({ codexHome: home, env: { CODEX_LOG: 'off' }, cli: { cwd: ws } });
    const spawnTimes = [];
    const loadTimes = [];
    for (let r = 0; r < 8; r++) {
      let t0 = performance.now();
      const loaded = core.loadRollout(rec.path);
      const load = performance.now() - t0;
      if (loaded.history.length < 1000) throw new Error('the 10 MB rollout did not load');
      t0 = performance.now();
      const { codex } = await core.Codex.spawn(config, { resumePath: rec.path, env: { CODEX_LOG: 'off' } });
      const spawnMs = performance.now() - t0;
      await codex.submit({ type: 'shutdown' });
      if (r > 0) {
        loadTimes.push(load);
        spawnTimes.push(spawnMs);
      }
    }
    const resumeMs = median(spawnTimes);
    rows.push({ bench: 'sessions', case: `resume a ${(size / 2 ** 20).toFixed(1)} MB rollout (Codex.spawn)`, wallMs: resumeMs, target: '<= 500 ms', pass: resumeMs <= 500, note: `loadRollout alone ${median(loadTimes).toFixed(1)} ms` });

    // (c) listing 500 sessions.
    const listHome = join(dir, 'home-list');
    for (let i = 0; i < 500; i++) {
      const r = core.RolloutRecorder.create(listHome, { id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, timestamp: new Date().toISOString(), cwd: i % 2 ? ws : '/elsewhere', originator: 'codex_exec', cli_version: '0.1.0', source: 'exec' });
      r.recordEvent({ type: 'user_message', message: `prompt ${i}`, kind: 'plain' });
      r.close();
    }
    const listTimes = [];
    for (let r = 0; r < 7; r++) {
      const t0 = performance.now();
      const all = core.listSessions(listHome, { cwd: ws });
      listTimes.push(performance.now() - t0);
      if (all.length !== 250) throw new Error(`expected 250 sessions for the cwd, got ${all.length}`);
    }
    rows.push({ bench: 'sessions', case: 'list 500 sessions, 250 in this cwd', wallMs: median(listTimes.slice(1)) });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
