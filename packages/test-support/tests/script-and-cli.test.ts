import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadScriptFile, parseScript, resetIds, ScriptError, startModelServer, tempDirs, type ScriptedModelServer } from '../src/index.js';
import { jsonFrames, postJson, readSse } from './sse-reader.js';

const pkgDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(pkgDir, 'bin', 'codex-test-model');
const demo = join(pkgDir, 'scripts', 'demo.json');

/** The done items of a Responses stream. */
async function doneItems(res: Response): Promise<unknown[]> {
  const events = jsonFrames((await readSse(res)).frames);
  return events.filter((e) => e['type'] === 'response.output_item.done').map((e) => e['item']);
}

beforeEach(() => resetIds());

describe('script format', () => {
  it('compiles the demo script: shell call, freeform apply_patch, final message', async () => {
    const script = await loadScriptFile(demo);
    expect([script.loop, script.models, script.turns.map((t) => t.label)]).toEqual([
      false,
      undefined,
      ['look around', 'write hello.txt', 'report'],
    ]);
    const server = await startModelServer();
    try {
      server.queue(...script.turns);
      const url = `${server.baseUrl}/responses`;
      expect(await doneItems(await postJson(url, {}))).toEqual([
        { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'Let me see what is in this directory first.' }] },
        { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'shell', status: 'completed', arguments: '{"command":["bash","-lc","ls"]}' },
      ]);
      expect(await doneItems(await postJson(url, {}))).toEqual([
        {
          type: 'custom_tool_call',
          id: 'ctc_1',
          call_id: 'call_2',
          name: 'apply_patch',
          status: 'completed',
          input: '*** Begin Patch\n*** Add File: hello.txt\n+Hello from the scripted model.\n+Second line.\n*** End Patch\n',
        },
      ]);
      expect(await doneItems(await postJson(url, {}))).toEqual([
        {
          type: 'message',
          id: 'msg_1',
          status: 'completed',
          role: 'assistant',
          content: [{ type: 'output_text', text: 'Done: I listed the directory and created hello.txt.', annotations: [] }],
        },
      ]);
      server.assertScriptDone();
    } finally {
      await server.close();
    }
  });

  it('compiles shell strings, function apply_patch, several items, local_shell, usage, faults and raw events', () => {
    const script = parseScript(
      [
        '# JSONL: one turn per line',
        '{"shell": "cat README.md", "workdir": "/w", "timeout_ms": 5000, "usage": {"input_tokens": 5, "output_tokens": 1}}',
        '{"apply_patch": "*** Begin Patch\\n*** End Patch\\n", "variant": "function"}',
        '{"items": [{"shell": ["ls"]}, {"function_call": {"name": "update_plan", "arguments": {"plan": []}}}, {"local_shell": ["pwd"]}]}',
        '{"fault": "status", "status": 429, "retryAfter": 1}',
        '{"fault": "cut", "after": 2, "message": "partial", "match": {"contains": "hello"}}',
        '{"events": [{"type": "response.created"}], "eventDelayMs": 5}',
        '{"fault": "stall", "ms": 100}',
        '{"fault": "malformed", "line": "data: x\\n\\n"}',
        '{"fault": "no-headers"}',
      ].join('\n'),
      'inline.jsonl',
    );
    const items = (i: number): unknown[] =>
      (script.turns[i]?.events ?? []).filter((e) => e.type === 'response.output_item.done').map((e) => e['item']);
    expect(items(0)).toEqual([
      { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'shell', status: 'completed', arguments: '{"command":["bash","-lc","cat README.md"],"workdir":"/w","timeout_ms":5000}' },
    ]);
    expect(script.turns[0]?.events?.at(-1)).toEqual({
      type: 'response.completed',
      response: {
        object: 'response',
        status: 'completed',
        usage: { input_tokens: 5, input_tokens_details: { cached_tokens: 0 }, output_tokens: 1, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 6 },
      },
    });
    expect(items(1)).toEqual([
      { type: 'function_call', id: 'fc_2', call_id: 'call_2', name: 'apply_patch', status: 'completed', arguments: '{"input":"*** Begin Patch\\n*** End Patch\\n"}' },
    ]);
    expect(items(2)).toEqual([
      { type: 'function_call', id: 'fc_3', call_id: 'call_3', name: 'shell', status: 'completed', arguments: '{"command":["ls"]}' },
      { type: 'function_call', id: 'fc_4', call_id: 'call_3_2', name: 'update_plan', status: 'completed', arguments: '{"plan":[]}' },
      { type: 'local_shell_call', id: 'lsh_1', call_id: 'call_3_3', status: 'completed', action: { type: 'exec', command: ['pwd'] } },
    ]);
    expect(script.turns.slice(3).map(({ events, ...rest }) => ({ ...rest, events: events?.length }))).toEqual([
      { fault: { fault: 'status', status: 429, retryAfter: 1 }, events: undefined },
      { fault: { fault: 'cut', after: 2 }, match: { contains: 'hello' }, events: 8 },
      { eventDelayMs: 5, events: 1 },
      { fault: { fault: 'stall', ms: 100 }, events: undefined },
      { fault: { fault: 'malformed', line: 'data: x\n\n' }, events: undefined },
      { fault: { fault: 'no-headers' }, events: undefined },
    ]);
  });

  it('accepts the object form with models, loop and eventDelayMs', () => {
    const script = parseScript('{"turns": [{"message": "hi"}], "models": ["m1"], "loop": true, "eventDelayMs": 20}');
    expect([script.models, script.loop, script.eventDelayMs, script.turns.length]).toEqual([['m1'], true, 20, 1]);
  });

  it('rejects bad scripts with the file, the turn and the problem', () => {
    const error = (text: string): string => {
      try {
        parseScript(text, 'demo.json');
      } catch (err: unknown) {
        expect(err).toBeInstanceOf(ScriptError);
        return (err as Error).message;
      }
      throw new Error('expected a ScriptError');
    };
    expect(error('[{"message": "ok"}, {"shel": "ls"}]')).toBe('demo.json: turn 2: Unrecognized key: "shel"');
    expect(error('[{"label": "empty"}]')).toBe(
      'demo.json: turn 1: nothing to send; use one of message, reasoning, shell, apply_patch, local_shell, function_call, custom_tool_call, items, events or fault',
    );
    expect(error('[{"fault": "cut"}]')).toBe('demo.json: turn 1: fault "cut" needs "after"');
    expect(error('{"message": "a"}\n{oops}')).toMatch(/^demo\.json:2: not valid JSON/);
    expect(error('{"turns": [{"shell": 3}]}')).toMatch(/^demo\.json: turn 1 > shell: /);
  });

  it('a turn with match fails loudly (500, recorded) when the request does not match', async () => {
    const server: ScriptedModelServer = await startModelServer();
    try {
      server.queue(...parseScript('[{"message": "hi", "label": "greeting", "match": {"contains": "hello"}}]').turns);
      const bad = await postJson(`${server.baseUrl}/responses`, { input: 'bye' });
      expect(bad.status).toBe(500);
      await bad.body?.cancel();
      const message =
        'the next scripted turn "greeting" does not match POST /v1/responses (request #1): expected the request body to contain "hello"';
      expect(server.problems).toEqual([{ kind: 'mismatch', requestIndex: 0, message }]);
      const good = await postJson(`${server.baseUrl}/responses`, { input: 'hello' });
      expect(good.status).toBe(200);
      await good.body?.cancel();
    } finally {
      await server.close();
    }
  });
});

describe('codex-test-model CLI', () => {
  const tmp = tempDirs(afterAll);
  let child: ChildProcessWithoutNullStreams | undefined;
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  function start(args: string[]): { url: Promise<string>; exit: Promise<number | null>; stderr: () => string } {
    const proc = spawn(process.execPath, [bin, ...args], { stdio: 'pipe' });
    child = proc;
    let stderr = '';
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const lines = createInterface({ input: proc.stdout });
    const url = new Promise<string>((resolve, reject) => {
      lines.once('line', resolve);
      proc.once('exit', (code) => reject(new Error(`exited ${code} before printing a URL: ${stderr}`)));
    });
    url.catch(() => undefined); // tests that expect a failure await `exit` instead
    const exit = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    return { url, exit, stderr: () => stderr };
  }

  it('serves the demo script, prints only the base URL, and exits cleanly on SIGTERM', async () => {
    const run = start(['--script', demo]);
    const url = await run.url;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const first = await doneItems(await postJson(`${url}/responses`, { model: 'gpt-5-codex' }));
    expect(first.map((i) => (i as { type: string }).type)).toEqual(['reasoning', 'function_call']);
    const models = await (await fetch(`${url}/models`)).json();
    expect(models).toEqual({
      object: 'list',
      data: [
        { id: 'gpt-5-codex', object: 'model', created: 1_754_000_000, owned_by: 'codex-ts-scripted' },
        { id: 'gpt-oss:20b', object: 'model', created: 1_754_000_000, owned_by: 'codex-ts-scripted' },
      ],
    });
    child?.kill('SIGTERM');
    expect(await run.exit).toBe(0);
    expect(run.stderr()).toMatch(/POST \/v1\/responses \(request #1\) -> shared turn 1 "look around"/);
    expect(run.stderr()).toMatch(/SIGTERM: shutting down/);
  });

  it('--loop restarts the script and --port/--host are honoured', async () => {
    const dir = tmp('codex-test-model-');
    const script = join(dir, 'one.jsonl');
    await writeFile(script, '{"message": "again"}\n');
    const probe = await startModelServer();
    const port = probe.port;
    await probe.close();
    const run = start(['--script', script, '--loop', '--port', String(port), '--host', '127.0.0.1']);
    const url = await run.url;
    expect(url).toBe(`http://127.0.0.1:${port}/v1`);
    for (let i = 0; i < 3; i++) {
      const res = await postJson(`${url}/chat/completions`, {});
      expect(res.status).toBe(200);
      await readSse(res);
    }
    child?.kill('SIGINT');
    expect(await run.exit).toBe(0);
  });

  it('reports a bad script or bad arguments on stderr with a non-zero exit', async () => {
    const dir = tmp('codex-test-model-');
    const script = join(dir, 'bad.json');
    await writeFile(script, '[{"nope": 1}]');
    const bad = start(['--script', script]);
    await expect(bad.url).rejects.toThrow(/exited 1/);
    expect(bad.stderr()).toBe(`codex-test-model: ${script}: turn 1: Unrecognized key: "nope"\n`);
    const usage = start(['--port', 'x']);
    expect(await usage.exit).toBe(2);
    expect(usage.stderr()).toMatch(/^codex-test-model: --port expects a non-negative integer, got "x"\n\nUsage: codex-test-model --script FILE/);
  });
});
