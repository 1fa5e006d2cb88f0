// Test harness: a temp CODEX_HOME and workspace, a scripted model server, and a session
// whose events are collected until a predicate holds.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { tempDirs, startModelServer, type ScriptedModelServer } from '@codex-ts/test-support';
import type { Event, EventMsg, Op } from '@codex-ts/protocol';
import { Codex, type SpawnOptions } from '../../src/session/codex.js';
import { loadConfig, type ConfigCliOverrides } from '../../src/config/load.js';

/**
 * A temp dir removed when the test file is done, as the harness's own are: they outlive
 * `close()` (resume tests reopen a home after closing its session).
 */
export const tempDir = tempDirs(afterAll);

export interface Harness {
  server: ScriptedModelServer;
  home: string;
  ws: string;
  codex: Codex;
  events: Event[];
  submit(op: Op): Promise<string>;
  /** Wait until an event matching `pred` arrives (returns it). */
  waitFor(pred: (m: EventMsg) => boolean, timeoutMs?: number): Promise<EventMsg>;
  close(): Promise<void>;
}

/** Start a session against a fresh scripted server. */
export async function startHarness(opts: { toml?: string; provider?: string; wireApi?: 'responses' | 'chat'; cli?: ConfigCliOverrides; server?: ScriptedModelServer; resumePath?: string; home?: string; ws?: string; spawn?: Partial<SpawnOptions> } = {}): Promise<Harness> {
  const server = opts.server ?? (await startModelServer());
  const home = opts.home ?? tempDir('codex-home-');
  const ws = opts.ws ?? tempDir('codex-ws-');
  mkdirSync(ws, { recursive: true });
  writeFileSync(
    join(home, 'config.toml'),
    `model = "gpt-5-codex"\nmodel_provider = "mock"\napproval_policy = "never"\nsandbox_mode = "workspace-write"\n${opts.toml ?? ''}\n[model_providers.mock]\nname = "Mock"\nbase_url = "${server.baseUrl}"\nenv_key = "MOCK_API_KEY"\nwire_api = "${opts.wireApi ?? 'responses'}"\nrequest_max_retries = 2\nstream_max_retries = 2\nstream_idle_timeout_ms = 3000\n${opts.provider ?? ''}\n`,
  );
  const env = { ...process.env, MOCK_API_KEY: 'test-key' };
  const config = loadConfig({ codexHome: home, env, cli: { cwd: ws, ...opts.cli } });
  const { codex } = await Codex.spawn(config, { env, originator: 'codex_exec', sessionSource: 'exec', ...(opts.resumePath ? { resumePath: opts.resumePath } : {}), ...opts.spawn });
  const events: Event[] = [];
  const waiters: { pred: (m: EventMsg) => boolean; resolve: (m: EventMsg) => void }[] = [];
  void (async () => {
    for await (const ev of codex.events()) {
      events.push(ev);
      for (const w of [...waiters]) {
        if (w.pred(ev.msg)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(ev.msg);
        }
      }
    }
  })();
  return {
    server,
    home,
    ws,
    codex,
    events,
    submit: (op) => codex.submit(op),
    waitFor(pred, timeoutMs = 20_000) {
      const hit = events.find((e) => pred(e.msg));
      if (hit) return Promise.resolve(hit.msg);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`timed out; events: ${events.map((e) => e.msg.type).join(', ')}`)), timeoutMs);
        waiters.push({ pred, resolve: (m) => { clearTimeout(t); resolve(m); } });
      });
    },
    async close() {
      await codex.submit({ type: 'shutdown' });
      if (!opts.server) await server.close();
    },
  };
}

/** A user_turn op for `text` in the harness workspace. */
export function userTurn(h: Harness, text: string, extra: Record<string, unknown> = {}): Op {
  return {
    type: 'user_turn',
    items: [{ type: 'text', text }],
    cwd: h.ws,
    approval_policy: 'never',
    sandbox_policy: { mode: 'workspace-write', writable_roots: [], network_access: false, exclude_tmpdir_env_var: false, exclude_slash_tmp: false },
    model: 'gpt-5-codex',
    summary: 'auto',
    ...extra,
  } as Op;
}
