// The official TypeScript SDK (@openai/codex-sdk, the current release and 0.47.0) drives
// our built `codex` binary through `codexPathOverride` against the scripted model server:
// run, runStreamed, resumeThread, output schema and a failing turn. Events are typed with
// each SDK's own types, so tsc checks that the fields we rely on exist there.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Codex as CodexCurrent, type ThreadEvent as ThreadEventCurrent } from 'codex-sdk-current';
import { Codex as Codex047, type ThreadEvent as ThreadEvent047 } from 'codex-sdk-047';
import { ThreadEventSchema } from '@codex-ts/protocol';
import { turn, type ScriptedModelServer } from '@codex-ts/test-support';
import { CODEX_BIN, childEnv, useSandboxAndServer, type Sandbox } from './helpers.js';

type SdkEvent = ThreadEventCurrent | ThreadEvent047;
type SdkCodex = CodexCurrent | Codex047;

interface SdkUnderTest {
  name: string;
  /** A Codex client pointed at our binary, the sandbox's CODEX_HOME and the server. */
  make(sb: Sandbox, server: ScriptedModelServer): SdkCodex;
}

const API_KEY = 'sdk-test-key';
const saved: Record<string, string | undefined> = {};

const sdks: SdkUnderTest[] = [
  {
    name: '@openai/codex-sdk current (0.163.0)',
    // The current SDK passes baseUrl as `-c openai_base_url=…` and takes an explicit env.
    make: (sb, server) => {
      const env = childEnv(sb, server.baseUrl);
      delete env.OPENAI_BASE_URL;
      delete env.OPENAI_API_KEY;
      return new CodexCurrent({ codexPathOverride: CODEX_BIN, baseUrl: server.baseUrl, apiKey: API_KEY, env });
    },
  },
  {
    name: '@openai/codex-sdk 0.47.0',
    // 0.47 always inherits process.env and passes baseUrl as OPENAI_BASE_URL.
    make: (sb, server) => {
      for (const [k, v] of Object.entries(childEnv(sb, server.baseUrl))) {
        if (!(k in saved)) saved[k] = process.env[k];
        process.env[k] = v;
      }
      for (const k of ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'CODEX_API_KEY']) {
        if (!(k in saved)) saved[k] = process.env[k];
        delete process.env[k];
      }
      return new Codex047({ codexPathOverride: CODEX_BIN, baseUrl: server.baseUrl, apiKey: API_KEY });
    },
  },
];

const SCHEMA = {
  type: 'object',
  properties: { answer: { type: 'string' } },
  required: ['answer'],
  additionalProperties: false,
};

function inputOf(server: ScriptedModelServer, index: number): unknown[] {
  return (server.responsesRequests()[index]!.json as { input: unknown[] }).input;
}

const userText = (text: string) =>
  expect.objectContaining({ type: 'message', role: 'user', content: [expect.objectContaining({ type: 'input_text', text })] });
const assistantText = (text: string) =>
  expect.objectContaining({ type: 'message', role: 'assistant', content: [expect.objectContaining({ type: 'output_text', text })] });

describe.each(sdks)('$name drives codex-ts', (sdk) => {
  let sb: Sandbox;
  let server: ScriptedModelServer;
  useSandboxAndServer((s, m) => {
    sb = s;
    server = m;
  });

  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
      delete saved[k];
    }
  });

  it('run(): a shell command, a patch and the final answer', async () => {
    server.queueResponses(
      turn.shell(['bash', '-lc', 'cat README.md'], { call_id: 'call_ls' }),
      turn.applyPatch('*** Begin Patch\n*** Add File: hello.txt\n+Hello from the SDK test.\n*** End Patch\n', { call_id: 'call_patch' }),
      turn.message('I read the README and created hello.txt.'),
    );
    const codex = sdk.make(sb, server);
    const thread = codex.startThread({ workingDirectory: sb.workspace, sandboxMode: 'danger-full-access' });
    const result = await thread.run('Read the README, then create hello.txt');

    expect(result.finalResponse).toBe('I read the README and created hello.txt.');
    expect(thread.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.items.map((i) => i.type)).toEqual(['command_execution', 'file_change', 'agent_message']);
    const [cmd, patch] = result.items;
    expect(cmd).toEqual({
      id: 'item_0',
      type: 'command_execution',
      command: "bash -lc 'cat README.md'",
      aggregated_output: expect.stringContaining('# demo project'),
      exit_code: 0,
      status: 'completed',
    });
    expect(patch).toEqual({
      id: 'item_1',
      type: 'file_change',
      changes: [{ path: join(sb.workspace, 'hello.txt'), kind: 'add' }],
      status: 'completed',
    });
    expect(readFileSync(join(sb.workspace, 'hello.txt'), 'utf8')).toBe('Hello from the SDK test.\n');

    const requests = server.responsesRequests();
    expect(requests).toHaveLength(3);
    expect(requests[0]!.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(requests[0]!.headers.originator).toBe('codex_sdk_ts');
    expect(inputOf(server, 0)).toContainEqual(userText('Read the README, then create hello.txt'));
    expect(inputOf(server, 1)).toContainEqual(expect.objectContaining({ type: 'function_call_output', call_id: 'call_ls' }));
    server.assertScriptDone();
  });

  it('runStreamed(): every event parses with the SDK types and our schema', async () => {
    server.queueResponses(
      turn.message('Streamed answer.', { usage: { input_tokens: 120, cached_tokens: 20, output_tokens: 8, reasoning_tokens: 3 } }),
    );
    const codex = sdk.make(sb, server);
    const thread = codex.startThread({ workingDirectory: sb.workspace, skipGitRepoCheck: true });
    const { events } = await thread.runStreamed('Say something');
    const seen: SdkEvent[] = [];
    for await (const ev of events) {
      expect(() => ThreadEventSchema.parse(ev)).not.toThrow();
      seen.push(ev);
    }
    expect(seen.map((e) => e.type)).toEqual(['thread.started', 'turn.started', 'item.completed', 'turn.completed']);
    const started = seen[0]!;
    expect(started.type === 'thread.started' && started.thread_id).toBe(thread.id);
    const item = seen[2]!;
    expect(item.type === 'item.completed' && item.item).toEqual({ id: 'item_0', type: 'agent_message', text: 'Streamed answer.' });
    const done = seen[3]!;
    expect(done.type === 'turn.completed' && done.usage).toEqual({
      input_tokens: 120,
      cached_input_tokens: 20,
      cache_write_input_tokens: 0,
      output_tokens: 8,
      reasoning_output_tokens: 3,
    });
  });

  it('resumeThread(): the second turn carries the first turn as history', async () => {
    server.queueResponses(turn.message('first answer'), turn.message('second answer'));
    const first = sdk.make(sb, server).startThread({ workingDirectory: sb.workspace });
    expect((await first.run('first prompt')).finalResponse).toBe('first answer');
    const id = first.id!;

    const resumed = sdk.make(sb, server).resumeThread(id, { workingDirectory: sb.workspace });
    expect((await resumed.run('second prompt')).finalResponse).toBe('second answer');
    expect(resumed.id).toBe(id);

    const input = inputOf(server, 1);
    const order = [userText('first prompt'), assistantText('first answer'), userText('second prompt')].map((m) =>
      input.findIndex((item) => {
        try {
          expect(item).toEqual(m);
          return true;
        } catch {
          return false;
        }
      }),
    );
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('outputSchema: sent as text.format json_schema, the answer comes back as JSON', async () => {
    server.queueResponses(turn.message('{"answer":"42"}'));
    const thread = sdk.make(sb, server).startThread({ workingDirectory: sb.workspace });
    const result = await thread.run('What is the answer?', { outputSchema: SCHEMA });
    expect(JSON.parse(result.finalResponse)).toEqual({ answer: '42' });
    const body = server.responsesRequests()[0]!.json as { text?: { format?: unknown } };
    expect(body.text?.format).toEqual({ type: 'json_schema', name: 'codex_output_schema', strict: true, schema: SCHEMA });
  });

  it('a failing turn: run() rejects, runStreamed() yields turn.failed and the exit status', async () => {
    const fault = { fault: 'status' as const, status: 400, body: { error: { message: 'scripted bad request', type: 'invalid_request_error' } } };
    server.queueResponses(fault, fault);
    const thread = sdk.make(sb, server).startThread({ workingDirectory: sb.workspace });
    await expect(thread.run('This will fail')).rejects.toThrow(/scripted bad request/);

    const { events } = await sdk.make(sb, server).startThread({ workingDirectory: sb.workspace }).runStreamed('Fail again');
    const seen: SdkEvent[] = [];
    await expect(
      (async () => {
        for await (const ev of events) seen.push(ev);
      })(),
    ).rejects.toThrow(/Codex Exec exited with code 1/);
    const last = seen.at(-1)!;
    expect(last.type).toBe('turn.failed');
    expect(last.type === 'turn.failed' && last.error.message).toMatch(/scripted bad request/);
    expect(existsSync(join(sb.workspace, 'hello.txt'))).toBe(false);
  });
});
