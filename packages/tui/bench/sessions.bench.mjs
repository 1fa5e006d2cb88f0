// Sessions and onboarding in the TUI: what the first-run checks cost on a configured machine
// (they run on every start), opening the resume picker over 500 recorded sessions, and a
// session switch (/new: shut down + spawn) in process against the scripted model.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export default async function sessionsBench(ctx) {
  const tui = await import(join(ctx.root, 'packages', 'tui', 'dist', 'embed.js'));
  const core = await import(join(ctx.root, 'packages', 'core', 'dist', 'index.js'));
  const ts = await import(join(ctx.root, 'packages', 'test-support', 'dist', 'index.js'));
  const root = mkdtempSync(join(tmpdir(), 'tui-sessions-bench-'));
  const rows = [];
  try {
    const home = join(root, 'home');
    const ws = join(root, 'ws');
    mkdirSync(home);
    mkdirSync(ws);
    spawnSync('git', ['init', '-q'], { cwd: ws });
    const env = { PATH: process.env.PATH, HOME: root, CODEX_HOME: home, OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' };

    // 1. The onboarding checks, as every start runs them.
    const measure = async (label, setup) => {
      setup();
      const config = core.loadConfig({ env, cli: { cwd: ws } });
      const times = [];
      for (let i = 0; i < 200; i++) {
        const t0 = performance.now();
        await tui.onboardingNeeds(core, config, {}, env);
        times.push(performance.now() - t0);
      }
      const needs = await tui.onboardingNeeds(core, config, {}, env);
      rows.push({ bench: 'tui-sessions', case: `onboarding checks: ${label}`, wallMs: median(times), note: `median ${(median(times) * 1000).toFixed(0)} µs of 200; max ${Math.max(...times).toFixed(2)} ms; steps shown: ${[needs.signIn ? 'sign-in' : '', needs.trustTarget ? 'trust' : ''].filter(Boolean).join('+') || 'none'}` });
    };
    await measure('first run (no auth, untrusted git repo)', () => undefined);
    await measure('later run (auth.json, trusted project)', () => {
      writeFileSync(join(home, 'auth.json'), JSON.stringify({ auth_mode: 'apikey', OPENAI_API_KEY: 'k' }), { mode: 0o600 });
      tui.setProjectTrusted(home, ws);
    });

    // 2. Opening the resume picker: list 500 sessions (250 in this directory) and draw it.
    for (let i = 0; i < 500; i++) {
      const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      const rec = core.RolloutRecorder.create(home, { id, timestamp: new Date().toISOString(), cwd: i % 2 ? ws : join(root, 'other'), originator: 'codex_cli_rs', cli_version: '0.1.0', source: 'cli' });
      rec.recordItems([{ type: 'message', role: 'user', content: [{ type: 'input_text', text: `task number ${i} with some words` }] }]);
      rec.recordEvent({ type: 'user_message', message: `task number ${i} with some words`, kind: 'plain' });
      rec.close();
      utimesSync(rec.path, 1_800_000_000 + i, 1_800_000_000 + i);
    }
    const pickTimes = [];
    let shown = 0;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const picker = new tui.ResumePicker({ load: (all) => core.listSessions(home, all ? {} : { cwd: ws }), onPick() {}, onCancel() {} });
      picker.render(120, 40);
      pickTimes.push(performance.now() - t0);
      shown = picker.visible().length;
    }
    rows.push({ bench: 'tui-sessions', case: 'open the resume picker (500 sessions, 250 here)', wallMs: median(pickTimes), note: `median of 5; ${shown} listed` });

    // 3. /new: shut the session down and spawn the next in the same app.
    const server = await ts.startModelServer();
    try {
      const senv = { ...env, OPENAI_BASE_URL: server.baseUrl, OPENAI_API_KEY: 'k' };
      const config = core.loadConfig({ env: senv, cli: { cwd: ws, sandbox_mode: 'read-only', approval_policy: 'never' } });
      const logger = core.openLogFile(home, 'codex-tui-bench', senv);
      const renderer = { rows: 40, cols: 120, commit() {}, schedule() {}, draw() {}, close() {} };
      let host;
      const app = new tui.App({ engine: { submit: (op) => host.engine.submit(op), events: () => [] }, status: { model: 'm', cwd: ws, sandbox: 'read-only', approval: 'never' }, history: [], notify() {} }, () => renderer);
      host = new tui.SessionHost({ core, config, logger, app, env: senv, version: '0.1.0', showHeader() {} });
      await host.start({ kind: 'new' });
      const switchTimes = [];
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        await host.newSession();
        switchTimes.push(performance.now() - t0);
      }
      await host.stop();
      app.close();
      rows.push({ bench: 'tui-sessions', case: '/new: shut down + start the next session', wallMs: median(switchTimes), note: `median of 5; max ${Math.max(...switchTimes).toFixed(1)} ms` });
    } finally {
      await server.close();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return rows;
}
