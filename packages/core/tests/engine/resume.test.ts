// A kill -9 at any moment leaves a rollout that resumes: the child process running a session
// is killed mid-command; a new session resumed from its rollout sees the earlier history.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startModelServer, turn, type ScriptedModelServer } from '@codex-ts/test-support';
import { loadRollout } from '../../src/rollout/reader.js';
import { startHarness, userTurn, type Harness } from './harness.js';

let h: Harness | undefined;
let server: ScriptedModelServer | undefined;
afterEach(async () => {
  await h?.close();
  await server?.close();
  h = undefined;
  server = undefined;
});

describe('rollout resume after kill -9', () => {
  it('resumes the same session with its history', async () => {
    server = await startModelServer();
    // Write config through a throwaway harness, then run the real session in a child.
    const setup = await startHarness({ server });
    await setup.close();
    server.reset();
    server.queueResponses(turn.shell(['bash', '-c', 'echo working; sleep 60'], { call_id: 'c1', timeout_ms: 120_000 }));
    const child = spawn(process.execPath, [join(import.meta.dirname, 'session-child.mjs'), setup.home, setup.ws], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('BEGIN')) resolve();
      });
      child.on('exit', () => reject(new Error(`child exited early: ${out}`)));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.on('close', r));
    const rolloutPath = /ROLLOUT (\S+)/.exec(out)![1]!;

    const loaded = loadRollout(rolloutPath);
    const firstLine = JSON.parse(readFileSync(rolloutPath, 'utf8').split('\n')[0]!) as { type: string };
    expect(firstLine.type).toBe('session_meta');
    expect(loaded.history.map((i) => i.type)).toEqual(['message', 'message', 'function_call']);

    server.queueResponses(turn.message('resumed fine'));
    h = await startHarness({ server, home: setup.home, ws: setup.ws, resumePath: rolloutPath });
    expect(h.codex.sessionId).toBe(loaded.meta.id);
    await h.submit(userTurn(h, 'second task'));
    expect(await h.waitFor((m) => m.type === 'task_complete')).toEqual({ type: 'task_complete', last_agent_message: 'resumed fine' });
    const body = server.responsesRequests().at(-1)!.json as { input: { type: string; role?: string; content?: { text?: string }[] }[] };
    const userTexts = body.input.filter((i) => i.type === 'message' && i.role === 'user').map((i) => i.content?.[0]?.text ?? '');
    expect(userTexts.filter((t) => t === 'first task' || t === 'second task')).toEqual(['first task', 'second task']);
    expect(body.input.filter((i) => i.type === 'function_call' || i.type === 'function_call_output')).toEqual([
      { type: 'function_call', id: 'fc_1', call_id: 'c1', name: 'shell', status: 'completed', arguments: '{"command":["bash","-c","echo working; sleep 60"],"timeout_ms":120000}' },
      { type: 'function_call_output', call_id: 'c1', output: 'aborted' },
    ]);
    const session = readFileSync(rolloutPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string });
    expect(session.filter((l) => l.type === 'session_meta')).toHaveLength(1);
  });
});
