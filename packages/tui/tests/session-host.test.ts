// The SessionHost in process (the app with a recording renderer, the real engine, the
// scripted model): fork({ nthUserMessage, prefill }) as backtrack calls it keeps the first N
// user messages, puts the prefill in the composer, and the next request carries only them.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as core from '@codex-ts/core';
import { startModelServer, turn, type ScriptedModelServer } from '@codex-ts/test-support';
import { App, SessionHost, type Engine } from '../dist/embed.js';

let root: string;
let server: ScriptedModelServer;

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'codex-tui-host-'));
  mkdirSync(join(root, 'home'));
  mkdirSync(join(root, 'ws'));
  server = await startModelServer();
});

afterEach(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

const plain = (line: Array<{ t: string }>): string => line.map((s) => s.t).join('');

async function until(pred: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('SessionHost', () => {
  it('fork({ nthUserMessage, prefill }) keeps the first N user messages and prefills the composer', async () => {
    server.queueResponses(turn.message('Answer one.'), turn.message('Answer two.'), turn.message('Answer edited.'));
    const env = { ...process.env, CODEX_HOME: join(root, 'home'), OPENAI_BASE_URL: server.baseUrl, OPENAI_API_KEY: 'test-key' };
    const config = core.loadConfig({ env, cli: { cwd: join(root, 'ws'), sandbox_mode: 'read-only', approval_policy: 'never' } });
    const logger = core.openLogFile(config.codex_home, 'codex-tui-test', env);
    const committed: string[] = [];
    const renderer = { rows: 30, cols: 100, commit: (lines: Array<Array<{ t: string }>>) => void committed.push(...lines.map(plain)), schedule() {}, draw() {}, close() {} };
    const has = (text: string): boolean => committed.some((l) => l.includes(text));
    let host: SessionHost | undefined;
    const engine: Engine = { submit: (op) => host!.engine.submit(op), events: () => [] as never };
    const app = new App({ engine, status: { model: config.model, cwd: config.cwd, sandbox: 'read-only', approval: 'never' }, history: [], notify() {} }, () => renderer as never);
    host = new SessionHost({ core, config, logger, app, env, version: '0.1.0', showHeader: () => committed.push('HEADER') });
    app.configure(
      { cwd: config.cwd, approval_policy: config.approval_policy, sandbox_policy: config.sandbox_policy, model: config.model, summary: config.model_reasoning_summary as never },
      { model: config.model, cwd: config.cwd, sandbox: 'read-only', approval: 'never' },
    );
    expect(await host.start({ kind: 'new' })).toBe(true);
    const first = host.sessionId!;
    app.submitText('message one');
    await until(() => has('Answer one.') && !app.isRunning, 'answer one');
    app.submitText('message two');
    await until(() => has('Answer two.') && !app.isRunning, 'answer two');

    committed.length = 0;
    await host.fork({ nthUserMessage: 1, prefill: 'message two, edited' });
    expect(host.sessionId).not.toBe(first);
    expect(app.composer.text).toBe('message two, edited');
    // Header, then the kept part of the conversation replayed; the cut message is gone.
    await until(() => has('Answer one.'), 'replay');
    expect(committed[0]).toBe('HEADER');
    expect(committed.some((l) => l.includes('message one'))).toBe(true);
    expect(committed.some((l) => l.includes('message two'))).toBe(false);
    const fork = core.loadRollout(host.rolloutPath!);
    expect(fork.meta).toMatchObject({ forked_from_id: first });
    expect(fork.events.filter((e) => e.type === 'user_message').map((e) => (e as { message: string }).message)).toEqual(['message one']);

    app.submitText(app.composer.text);
    await until(() => has('Answer edited.'), 'answer after fork');
    const input = (server.requests[2]!.json as { input: Array<{ role?: string; content?: Array<{ text?: string }> }> }).input;
    const users = input.filter((i) => i.role === 'user').map((i) => (i.content ?? []).map((c) => c.text ?? '').join('')).filter((t) => !t.startsWith('<'));
    expect(users).toEqual(['message one', 'message two, edited']);
    expect(server.requests[2]!.headers['session_id']).toBe(host.sessionId);
    await host.stop();
    app.close();
  });
});
