// `codex resume` and `codex fork` through the built binary in a PTY against the scripted
// model: --last with a prompt and TUI flags, an id, an unknown id (exit 1, no request), fork
// of an id (new session, history copied), and the error without a terminal.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import pty from '@lydell/node-pty';
import { describe, expect, it } from 'vitest';
import { RolloutRecorder, findRolloutById, loadRollout } from '@codex-ts/core';
import { turn, type ScriptedModelServer } from '@codex-ts/test-support';
import { useCliWorkspace } from './workspace.js';

const bin = resolve(import.meta.dirname, '..', 'bin', 'codex');
const ID = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

let root: string;
let home: string;
let ws: string;
let server: ScriptedModelServer;

useCliWorkspace('codex-resume-', (w) => ({ root, home, ws, server } = w));

function session(id: string, prompt: string, ageS: number): void {
  const rec = RolloutRecorder.create(home, { id, timestamp: new Date(Date.now() - ageS * 1000).toISOString(), cwd: ws, originator: 'codex_cli_rs', cli_version: '0.1.0', source: 'cli' } as never);
  rec.recordItems([
    { type: 'message', role: 'user', content: [{ type: 'input_text', text: prompt }] },
    { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: `Earlier answer to ${prompt}` }] },
  ] as never);
  rec.recordEvent({ type: 'user_message', message: prompt, kind: 'plain' } as never);
  rec.recordEvent({ type: 'agent_message', message: `Earlier answer to ${prompt}` } as never);
  rec.close();
}

/** Run `codex ARGS` in a PTY until `until` appears, then quit with Ctrl+C twice. */
async function runCodex(args: string[], until: string | undefined): Promise<{ code: number; out: string }> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(OPENAI_|CODEX_|NO_COLOR)/.test(k)) env[k] = v;
  Object.assign(env, { CODEX_HOME: home, OPENAI_BASE_URL: server.baseUrl, OPENAI_API_KEY: 'test-key', TERM: 'xterm-256color', NO_COLOR: '1' });
  const proc = pty.spawn(process.execPath, [bin, ...args], { name: 'xterm-256color', cols: 120, rows: 30, cwd: ws, env });
  let out = '';
  proc.onData((d) => (out += d));
  const exited = new Promise<number>((res) => proc.onExit((e) => res(e.exitCode)));
  const waitFor = async (text: string): Promise<void> => {
    const deadline = Date.now() + 30_000;
    while (!out.includes(text)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${JSON.stringify(text)}; output:\n${out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  try {
    if (until !== undefined) {
      await waitFor(until);
      proc.write('\x03');
      await waitFor('ctrl+c again to quit');
      proc.write('\x03');
    }
    return { code: await exited, out };
  } finally {
    try {
      proc.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}

const userTexts = (i: number): string[] =>
  (server.requests[i]!.json as { input: Array<{ role?: string; content?: Array<{ text?: string }> }> }).input
    .filter((x) => x.role === 'user')
    .map((x) => (x.content ?? []).map((c) => c.text ?? '').join(''))
    .filter((t) => !t.startsWith('<'));

describe('codex resume / codex fork', () => {
  it('resume --last PROMPT continues the newest session with the TUI flags applied', async () => {
    session(ID(1), 'older prompt', 300);
    session(ID(2), 'newer prompt', 60);
    server.queueResponses(turn.message('Answer after resume.'));
    const r = await runCodex(['resume', '--last', '-m', 'gpt-5-codex', '-s', 'read-only', 'and now this'], 'Answer after resume.');
    expect(r.code).toBe(0);
    expect(userTexts(0)).toEqual(['newer prompt', 'and now this']);
    expect((server.requests[0]!.json as { model: string }).model).toBe('gpt-5-codex');
    expect(r.out).toContain(`codex resume ${ID(2)}`);
  });

  it('resume ID opens that session; an unknown id exits 1 before any request', async () => {
    session(ID(1), 'the one', 300);
    session(ID(2), 'not this', 60);
    server.queueResponses(turn.message('Continued by id.'));
    const r = await runCodex(['resume', ID(1), '-s', 'read-only', 'more'], 'Continued by id.');
    expect(r.code).toBe(0);
    expect(userTexts(0)).toEqual(['the one', 'more']);
    const bad = await runCodex(['resume', ID(9), '-s', 'read-only'], undefined);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain(`ERROR: No saved session found with ID ${ID(9)}. Run \`codex resume\` without an ID to choose from existing sessions.`);
    const badFork = await runCodex(['fork', ID(9), '-s', 'read-only'], undefined);
    expect(badFork.code).toBe(1);
    expect(badFork.out).toContain(`No saved session found with ID ${ID(9)}. Run \`codex fork\` without an ID`);
    expect(server.requests).toHaveLength(1);
  });

  it('fork ID starts a new session with a copy of the history', async () => {
    session(ID(1), 'parent prompt', 300);
    server.queueResponses(turn.message('Answer in fork.'));
    const r = await runCodex(['fork', ID(1), '-s', 'read-only', 'child prompt'], 'Answer in fork.');
    expect(r.code).toBe(0);
    expect(userTexts(0)).toEqual(['parent prompt', 'child prompt']);
    const id = /codex resume ([0-9a-f-]{36})/.exec(r.out)![1]!;
    expect(id).not.toBe(ID(1));
    expect(loadRollout(findRolloutById(home, id)!).meta).toMatchObject({ forked_from_id: ID(1) });
  });

  it('needs a terminal', () => {
    const r = spawnSync(bin, ['resume', '--last'], { env: { ...process.env, CODEX_HOME: home }, encoding: 'utf8', input: '' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Error: codex resume opens the interactive UI, which needs a terminal on stdin and stdout.');
  });
});
