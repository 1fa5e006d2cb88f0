// What the official SDK's own test suites (sdk/typescript/tests in openai/codex: run,
// runStreamed, abort) assert about the `codex` binary, re-stated for codex-ts and checked
// with both SDK releases we pin (0.163.0 and 0.47.0, where the API exists).
//
// The upstream suites serve the model with a bare proxy whose SSE is much thinner than
// the real API: `response.created` with only an id, `response.output_item.done` without
// `output_index`/`sequence_number`/`status`, usage details that may be `null`, an `error`
// event for failures, and the last body repeated when the script runs out. `rawProxy`
// below speaks exactly that, so these tests prove our client accepts it; one block sends
// the same events through our scripted server as well. Argument/env assertions use a
// wrapper executable (our equivalent of upstream's spawn spy) that records argv and env
// and then runs the real binary.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Codex as CodexCurrent } from 'codex-sdk-current';
import { Codex as Codex047 } from 'codex-sdk-047';
import { startModelServer } from '@codex-ts/test-support';
import { CODEX_BIN, childEnv, makeSandbox, type Sandbox } from './helpers.js';

// ---------------------------------------------------------------------------------------
// The upstream-shaped mock Responses server.

type WireEvent = { type: string; [key: string]: unknown };

interface Recorded {
  url: string;
  headers: http.IncomingHttpHeaders;
  json: { model?: string; input: InputEntry[]; text?: { format?: unknown }; reasoning?: { effort?: string }; tools?: ToolEntry[] };
}
interface InputEntry {
  type?: string;
  role?: string;
  content?: { type: string; text?: string; image_url?: string }[];
}
interface ToolEntry {
  type: string;
  name?: string;
  [key: string]: unknown;
}

interface RawProxy {
  url: string;
  requests: Recorded[];
  close(): Promise<void>;
}

/** Serves `bodies` in order (the last one again and again), or pulls them from a generator. */
async function rawProxy(bodies: WireEvent[][] | Iterator<WireEvent[]>): Promise<RawProxy> {
  const requests: Recorded[] = [];
  let served = 0;
  const next = (): WireEvent[] => {
    if (Array.isArray(bodies)) return bodies[Math.min(served++, bodies.length - 1)]!;
    return (bodies.next().value as WireEvent[] | undefined) ?? [];
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.endsWith('/responses')) {
        res.statusCode = 404;
        res.end();
        return;
      }
      requests.push({ url: req.url, headers: req.headers, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      res.statusCode = 200;
      res.setHeader('content-type', 'text/event-stream');
      for (const ev of next()) res.write(`event: ${ev.type}\ndata: ${JSON.stringify(ev)}\n\n`);
      res.end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

// The event shapes upstream's proxy sends.
const started = (id = 'resp_mock'): WireEvent => ({ type: 'response.created', response: { id } });
const message = (text: string, id = 'msg_mock'): WireEvent => ({
  type: 'response.output_item.done',
  item: { type: 'message', role: 'assistant', id, content: [{ type: 'output_text', text }] },
});
const UPSTREAM_USAGE = { input_tokens: 42, input_tokens_details: { cached_tokens: 12 }, output_tokens: 5, output_tokens_details: null, total_tokens: 47 };
const finished = (id = 'resp_mock', usage: Record<string, unknown> = UPSTREAM_USAGE): WireEvent => ({ type: 'response.completed', response: { id, usage } });
// Upstream gives the command 100 ms; a login bash alone can take that long on a slow host.
const shellCallDone = (timeoutMs = 100): WireEvent => ({
  type: 'response.output_item.done',
  item: {
    type: 'function_call',
    call_id: `call_id${Math.random().toString(36).slice(2)}`,
    name: 'shell',
    arguments: JSON.stringify({ command: ['bash', '-lc', "echo 'Hello, world!'"], timeout_ms: timeoutMs }),
  },
});
const errorEvent = (text: string): WireEvent => ({ type: 'error', error: { code: 'rate_limit_exceeded', message: text } });

const twoTurns = (): WireEvent[][] => [
  [started('response_1'), message('First response', 'item_1'), finished('response_1')],
  [started('response_2'), message('Second response', 'item_2'), finished('response_2')],
];
const oneTurn = (text: string): WireEvent[][] => [[started('response_1'), message(text, 'item_1'), finished('response_1')]];

// ---------------------------------------------------------------------------------------
// Clients, the argv/env recorder and request helpers.

const SCHEMA = {
  type: 'object',
  properties: { answer: { type: 'string' } },
  required: ['answer'],
  additionalProperties: false,
} as const;

interface Spawned {
  argv: string[];
  env: Record<string, string>;
}

/** A wrapper around our binary that appends each invocation's argv and env to a log. */
function spyBinary(sb: Sandbox): { path: string; calls(): Spawned[] } {
  const log = join(sb.root, 'spawns.jsonl');
  const path = join(sb.root, 'codex-spy');
  const record = `require('fs').appendFileSync(${JSON.stringify(log)}, JSON.stringify({argv: process.argv.slice(1), env: process.env}) + '\\n')`;
  writeFileSync(
    path,
    `#!/bin/sh\n"${process.execPath}" -e ${shellQuote(record)} -- "$@"\nexec "${process.execPath}" "${CODEX_BIN}" "$@"\n`,
  );
  chmodSync(path, 0o755);
  return {
    path,
    calls: () =>
      existsSync(log)
        ? readFileSync(log, 'utf8')
            .trim()
            .split('\n')
            .map((l) => JSON.parse(l) as Spawned)
            .map((s) => ({ ...s, argv: s.argv[0] === '--' ? s.argv.slice(1) : s.argv }))
        : [],
  };
}

interface Observed {
  event: 'start' | 'signal' | 'exit';
  pid?: number;
  signal?: string | null;
  code?: number | null;
}

/**
 * A parent for our binary that the SDK spawns instead of it: forwards the signals the SDK
 * sends and records our process's pid, the signals it was sent and how it exited. This is
 * what lets the abort tests see our process rather than only the SDK's promise.
 */
function observedBinary(sb: Sandbox): { path: string; log(): Observed[]; exited(): Promise<Observed> } {
  const logPath = join(sb.root, 'observed.jsonl');
  const path = join(sb.root, 'codex-observed.cjs');
  writeFileSync(
    path,
    `#!${process.execPath}
const { spawn } = require('node:child_process');
const { appendFileSync } = require('node:fs');
const note = (o) => appendFileSync(${JSON.stringify(logPath)}, JSON.stringify(o) + '\\n');
const child = spawn(process.execPath, [${JSON.stringify(CODEX_BIN)}, ...process.argv.slice(2)], { stdio: 'inherit' });
note({ event: 'start', pid: child.pid });
for (const s of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(s, () => { note({ event: 'signal', signal: s }); child.kill(s); });
child.on('exit', (code, signal) => {
  note({ event: 'exit', code, signal });
  if (signal) { process.removeAllListeners(signal); process.kill(process.pid, signal); } else process.exit(code);
});
`,
  );
  chmodSync(path, 0o755);
  const log = (): Observed[] =>
    existsSync(logPath)
      ? readFileSync(logPath, 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as Observed)
      : [];
  const exited = async (): Promise<Observed> => {
    // Bounded only so a hang fails the test with a message instead of the suite timeout.
    for (let i = 0; i < 600; i++) {
      const exit = log().find((o) => o.event === 'exit');
      if (exit) return exit;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`our codex process never exited: ${JSON.stringify(log())}`);
  };
  return { path, log, exited };
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function expectPair(argv: string[] | undefined, flag: string, value: string): void {
  expect(argv).toBeDefined();
  const found = argv!.some((a, i) => a === flag && argv![i + 1] === value);
  if (!found) throw new Error(`${flag} ${value} not found in ${JSON.stringify(argv)}`);
}

function valuesOf(argv: string[], flag: string): string[] {
  return argv.flatMap((a, i) => (a === flag ? [argv[i + 1] ?? ''] : []));
}

function configValues(argv: string[], key: string): string[] {
  return valuesOf(argv, '--config').filter((v) => v.startsWith(`${key}=`));
}

const assistantTextOf = (req: Recorded): string | undefined =>
  req.json.input.find((e) => e.role === 'assistant')?.content?.find((c) => c.type === 'output_text')?.text;

const envContextOf = (req: Recorded): string =>
  req.json.input
    .flatMap((e) => e.content ?? [])
    .map((c) => c.text ?? '')
    .find((t) => t.startsWith('<environment_context>')) ?? '';

/** The environment our binary gets: a private CODEX_HOME, no real keys or base URLs. */
function cleanEnv(sb: Sandbox, extra: Record<string, string> = {}): Record<string, string> {
  const env = childEnv(sb, 'unused');
  delete env.OPENAI_BASE_URL;
  delete env.OPENAI_API_KEY;
  return { ...env, ...extra };
}

const savedEnv: Record<string, string | undefined> = {};
function setProcessEnv(vars: Record<string, string | undefined>): void {
  for (const [k, v] of Object.entries(vars)) {
    if (!(k in savedEnv)) savedEnv[k] = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
}
function restoreProcessEnv(): void {
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
    delete savedEnv[k];
  }
}

/** Both SDKs, configured the way upstream's tests configure them (`baseUrl` + `apiKey`). */
interface Flavour {
  name: string;
  current: boolean;
  client(sb: Sandbox, url: string, opts?: { executable?: string }): CodexCurrent | Codex047;
}

const flavours: Flavour[] = [
  {
    name: 'codex-sdk 0.163.0',
    current: true,
    client: (sb, url, opts = {}) =>
      new CodexCurrent({ codexPathOverride: opts.executable ?? CODEX_BIN, baseUrl: url, apiKey: 'test', env: cleanEnv(sb) }),
  },
  {
    name: 'codex-sdk 0.47.0',
    current: false,
    client: (sb, url, opts = {}) => {
      // 0.47 always hands the child process.env (plus OPENAI_BASE_URL and CODEX_API_KEY).
      setProcessEnv({ ...cleanEnv(sb), OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined, CODEX_API_KEY: undefined });
      return new Codex047({ codexPathOverride: opts.executable ?? CODEX_BIN, baseUrl: url, apiKey: 'test' });
    },
  },
];

/** Upstream's `createMockClient`: no apiKey/baseUrl, a `mock` provider passed as config. */
function mockProviderClient(sb: Sandbox, url: string, executable = CODEX_BIN, config: Record<string, unknown> = {}): CodexCurrent {
  return new CodexCurrent({
    codexPathOverride: executable,
    config: {
      model_provider: 'mock',
      model_providers: { mock: { name: 'Mock provider for test', base_url: url, wire_api: 'responses', supports_websockets: false } },
      ...config,
    },
    env: cleanEnv(sb),
  });
}

async function drain<T>(events: AsyncGenerator<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const ev of events) out.push(ev);
  return out;
}

let sb: Sandbox;
let proxy: RawProxy | undefined;

beforeEach(() => {
  sb = makeSandbox();
  proxy = undefined;
});

afterEach(async () => {
  await proxy?.close();
  restoreProcessEnv();
  sb.cleanup();
});

// ---------------------------------------------------------------------------------------
// run.test.ts / runStreamed.test.ts: what both SDKs can express.

describe.each(flavours)('upstream run/runStreamed assertions via $name', (f) => {
  it('run() returns the agent message item, the usage and a thread id', async () => {
    proxy = await rawProxy([[started(), message('Hi!'), finished()]]);
    const thread = f.client(sb, proxy.url).startThread();
    const result = await thread.run('Hello, world!');
    expect(result.items).toEqual([{ id: expect.any(String), type: 'agent_message', text: 'Hi!' }]);
    expect(result.finalResponse).toBe('Hi!');
    expect(result.usage).toEqual(expect.objectContaining({ cached_input_tokens: 12, input_tokens: 42, output_tokens: 5 }));
    expect(thread.id).toEqual(expect.any(String));
  });

  it('runStreamed() yields thread.started, turn.started, item.completed (item_0) and turn.completed', async () => {
    proxy = await rawProxy([[started(), message('Hi!'), finished()]]);
    const thread = f.client(sb, proxy.url).startThread();
    const events = await drain((await thread.runStreamed('Hello, world!')).events);
    expect(events).toEqual([
      { type: 'thread.started', thread_id: expect.any(String) },
      { type: 'turn.started' },
      { type: 'item.completed', item: { id: 'item_0', type: 'agent_message', text: 'Hi!' } },
      expect.objectContaining({
        type: 'turn.completed',
        usage: expect.objectContaining({ cached_input_tokens: 12, input_tokens: 42, output_tokens: 5, reasoning_output_tokens: 0 }),
      }),
    ]);
    expect(thread.id).toBe((events[0] as { thread_id: string }).thread_id);
  });

  it('usage details sent as null (the oldest proxy) read as zeros', async () => {
    const zero = { input_tokens: 0, input_tokens_details: null, output_tokens: 0, output_tokens_details: null, total_tokens: 0 };
    proxy = await rawProxy([[started(), message('Hi!'), finished('resp_mock', zero)]]);
    const result = await f.client(sb, proxy.url).startThread().run('Hello');
    expect(result.usage).toEqual(expect.objectContaining({ input_tokens: 0, cached_input_tokens: 0, output_tokens: 0 }));
  });

  it('run() twice: the second request carries the first answer and ends with the new prompt', async () => {
    proxy = await rawProxy(twoTurns());
    const thread = f.client(sb, proxy.url).startThread();
    expect((await thread.run('first input')).finalResponse).toBe('First response');
    expect((await thread.run('second input')).finalResponse).toBe('Second response');
    expect(proxy.requests).toHaveLength(2);
    const second = proxy.requests[1]!;
    expect(assistantTextOf(second)).toBe('First response');
    expect(second.json.input.at(-1)!.content![0]!.text).toBe('second input');
  });

  it('runStreamed() twice: same history, the second stream ends with turn.completed', async () => {
    proxy = await rawProxy(twoTurns());
    const thread = f.client(sb, proxy.url).startThread();
    await drain((await thread.runStreamed('first input')).events);
    const second = await drain((await thread.runStreamed('second input')).events);
    expect(second).toContainEqual({ type: 'item.completed', item: expect.objectContaining({ type: 'agent_message', text: 'Second response' }) });
    expect(second.at(-1)).toEqual(expect.objectContaining({ type: 'turn.completed' }));
    expect(proxy.requests).toHaveLength(2);
    expect(proxy.requests[1]!.json.input.at(-1)).toEqual(
      expect.objectContaining({ role: 'user', content: [{ type: 'input_text', text: 'second input' }] }),
    );
    expect(assistantTextOf(proxy.requests[1]!)).toBe('First response');
  });

  it('resumeThread(id).run(): same id, the final response, the first answer in history', async () => {
    proxy = await rawProxy(twoTurns());
    const client = f.client(sb, proxy.url);
    const original = client.startThread();
    await original.run('first input');
    const resumed = client.resumeThread(original.id!);
    const result = await resumed.run('second input');
    expect(resumed.id).toBe(original.id);
    expect(result.finalResponse).toBe('Second response');
    expect(assistantTextOf(proxy.requests[1]!)).toBe('First response');
  });

  it('resumeThread(id).runStreamed(): same id and history', async () => {
    proxy = await rawProxy(twoTurns());
    const client = f.client(sb, proxy.url);
    const original = client.startThread();
    await drain((await original.runStreamed('first input')).events);
    const resumed = client.resumeThread(original.id!);
    const events = await drain((await resumed.runStreamed('second input')).events);
    expect(events.at(-1)).toEqual(expect.objectContaining({ type: 'turn.completed' }));
    expect(resumed.id).toBe(original.id);
    expect(proxy.requests).toHaveLength(2);
    expect(assistantTextOf(proxy.requests[1]!)).toBe('First response');
  });

  it('thread options: --model and --sandbox are passed and the model reaches the request', async () => {
    proxy = await rawProxy(oneTurn('Turn options applied'));
    const spy = spyBinary(sb);
    const thread = f.client(sb, proxy.url, { executable: spy.path }).startThread({ model: 'gpt-test-1', sandboxMode: 'workspace-write' });
    await thread.run('apply options');
    expect(proxy.requests[0]!.json.model).toBe('gpt-test-1');
    const argv = spy.calls()[0]?.argv;
    expectPair(argv, '--sandbox', 'workspace-write');
    expectPair(argv, '--model', 'gpt-test-1');
    expect(envContextOf(proxy.requests[0]!)).toContain('<sandbox_mode>workspace-write</sandbox_mode>');
  });

  it('outputSchema (run): text.format is the strict json_schema and the temp schema file is gone afterwards', async () => {
    proxy = await rawProxy(oneTurn('Structured response'));
    const spy = spyBinary(sb);
    await f.client(sb, proxy.url, { executable: spy.path }).startThread().run('structured', { outputSchema: SCHEMA });
    expect(proxy.requests[0]!.json.text?.format).toEqual({ name: 'codex_output_schema', type: 'json_schema', strict: true, schema: SCHEMA });
    const [schemaPath] = valuesOf(spy.calls()[0]!.argv, '--output-schema');
    expect(typeof schemaPath).toBe('string');
    expect(existsSync(schemaPath!)).toBe(false);
  });

  it('outputSchema (runStreamed): text.format is the strict json_schema', async () => {
    proxy = await rawProxy(oneTurn('Structured response'));
    const streamed = await f.client(sb, proxy.url).startThread().runStreamed('structured', { outputSchema: SCHEMA });
    await drain(streamed.events);
    expect(proxy.requests[0]!.json.text?.format).toEqual({ name: 'codex_output_schema', type: 'json_schema', strict: true, schema: SCHEMA });
  });

  it('workingDirectory + skipGitRepoCheck: --cd is passed and the session runs there', async () => {
    proxy = await rawProxy(oneTurn('Working directory applied'));
    const spy = spyBinary(sb);
    const dir = mkdtempSync(join(tmpdir(), 'codex-working-dir-'));
    try {
      await f.client(sb, proxy.url, { executable: spy.path }).startThread({ workingDirectory: dir, skipGitRepoCheck: true }).run('use custom working directory');
      expectPair(spy.calls()[0]?.argv, '--cd', dir);
      expect(envContextOf(proxy.requests[0]!)).toContain(`<cwd>${dir}</cwd>`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a non-git workingDirectory without skipGitRepoCheck rejects with "Not inside a trusted directory"', async () => {
    proxy = await rawProxy(oneTurn('Working directory applied'));
    const dir = mkdtempSync(join(tmpdir(), 'codex-working-dir-'));
    try {
      await expect(f.client(sb, proxy.url).startThread({ workingDirectory: dir }).run('use custom working directory')).rejects.toThrow(
        /Not inside a trusted directory/,
      );
      expect(proxy.requests).toHaveLength(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('requests carry the codex_sdk_ts originator header and the API key', async () => {
    proxy = await rawProxy([[started(), message('Hi!'), finished()]]);
    await f.client(sb, proxy.url).startThread().run('Hello, originator!');
    expect(proxy.requests[0]!.headers.originator).toBe('codex_sdk_ts');
    expect(proxy.requests[0]!.headers.authorization).toBe('Bearer test');
    // The upstream proxy listens on `/responses`, so the base URL is used as given.
    expect(proxy.requests[0]!.url).toBe('/responses');
  });

  it('a stream that never completes, then `error` events: run() rejects with "stream disconnected before completion:" after the retries', async () => {
    function* bodies(): Generator<WireEvent[]> {
      yield [started('response_1')];
      for (;;) yield [errorEvent('rate limit exceeded')];
    }
    proxy = await rawProxy(bodies());
    const err = await f.client(sb, proxy.url).startThread().run('fail').then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toContain('stream disconnected before completion:');
    // The generator would serve error bodies forever: the retries are bounded.
    expect(proxy.requests.length).toBeGreaterThan(1);
    expect(proxy.requests.length).toBeLessThan(10);
    // Our message also keeps what the `error` event said.
    expect(err?.message).toContain('rate limit exceeded');
  }, 15_000);
});

// ---------------------------------------------------------------------------------------
// run.test.ts: options only the current SDK has.

describe('upstream run assertions only the current SDK can express (0.163.0)', () => {
  const currentClient = (box: Sandbox, url: string, opts: { executable?: string } = {}): CodexCurrent =>
    flavours[0]!.client(box, url, opts) as CodexCurrent;

  it('createMockClient: a `mock` provider from config, no API key, no baseUrl', async () => {
    proxy = await rawProxy([[started(), message('Hi!'), finished()]]);
    const result = await mockProviderClient(sb, proxy.url).startThread().run('Hello, world!');
    expect(result.finalResponse).toBe('Hi!');
    expect(result.usage).toEqual(expect.objectContaining({ cached_input_tokens: 12, input_tokens: 42, output_tokens: 5 }));
    expect(proxy.requests[0]!.headers.authorization).toBeUndefined();
    expect(proxy.requests[0]!.headers.originator).toBe('codex_sdk_ts');
  });

  it('modelReasoningEffort: --config model_reasoning_effort="high" and reasoning.effort in the request', async () => {
    proxy = await rawProxy(oneTurn('Reasoning effort applied'));
    const spy = spyBinary(sb);
    await currentClient(sb, proxy.url, { executable: spy.path }).startThread({ modelReasoningEffort: 'high' }).run('apply reasoning effort');
    expectPair(spy.calls()[0]?.argv, '--config', 'model_reasoning_effort="high"');
    expect(proxy.requests[0]!.json.reasoning?.effort).toBe('high');
  });

  it('networkAccessEnabled: --config sandbox_workspace_write.network_access=true, reflected in the environment context', async () => {
    proxy = await rawProxy(oneTurn('Network access enabled'));
    const spy = spyBinary(sb);
    await currentClient(sb, proxy.url, { executable: spy.path }).startThread({ networkAccessEnabled: true, sandboxMode: 'workspace-write' }).run('test network access');
    expectPair(spy.calls()[0]?.argv, '--config', 'sandbox_workspace_write.network_access=true');
    expect(envContextOf(proxy.requests[0]!)).toContain('<network_access>enabled</network_access>');
  });

  it.each([
    [{ webSearchEnabled: true }, 'web_search="live"', true],
    [{ webSearchMode: 'cached' as const }, 'web_search="cached"', true],
    [{ webSearchEnabled: false }, 'web_search="disabled"', false],
  ])('web search %j: --config %s and the hosted web_search tool offered=%s', async (opts, flag, offered) => {
    proxy = await rawProxy(oneTurn('Web search'));
    const spy = spyBinary(sb);
    await currentClient(sb, proxy.url, { executable: spy.path }).startThread(opts).run('test web search');
    expectPair(spy.calls()[0]?.argv, '--config', flag);
    const tool = proxy.requests[0]!.json.tools?.find((t) => t.type === 'web_search');
    if (offered) expect(tool).toEqual({ type: 'web_search', external_web_access: flag.includes('live') });
    else expect(tool).toBeUndefined();
  });

  it('approvalPolicy: --config approval_policy="on-request" is accepted; exec still runs with approval never (as Codex exec does)', async () => {
    proxy = await rawProxy(oneTurn('Approval policy set'));
    const spy = spyBinary(sb);
    const result = await currentClient(sb, proxy.url, { executable: spy.path }).startThread({ approvalPolicy: 'on-request' }).run('test approval policy');
    expect(result.finalResponse).toBe('Approval policy set');
    expectPair(spy.calls()[0]?.argv, '--config', 'approval_policy="on-request"');
    expect(envContextOf(proxy.requests[0]!)).toContain('<approval_policy>never</approval_policy>');
  });

  it('CodexOptions.config becomes TOML --config flags our loader accepts (unknown keys included)', async () => {
    proxy = await rawProxy(oneTurn('Config overrides applied'));
    const spy = spyBinary(sb);
    const client = new CodexCurrent({
      codexPathOverride: spy.path,
      baseUrl: proxy.url,
      apiKey: 'test',
      env: cleanEnv(sb),
      config: {
        approval_policy: 'never',
        sandbox_workspace_write: { network_access: true },
        retry_budget: 3,
        tool_rules: { allow: ['git status', 'git diff'] },
      },
    });
    expect((await client.startThread().run('apply config overrides')).finalResponse).toBe('Config overrides applied');
    const argv = spy.calls()[0]!.argv;
    expectPair(argv, '--config', 'approval_policy="never"');
    expectPair(argv, '--config', 'sandbox_workspace_write.network_access=true');
    expectPair(argv, '--config', 'retry_budget=3');
    expectPair(argv, '--config', 'tool_rules.allow=["git status", "git diff"]');
  });

  it('thread options come after CodexOptions.config, so the later approval_policy override wins and both load', async () => {
    proxy = await rawProxy(oneTurn('Thread overrides applied'));
    const spy = spyBinary(sb);
    const client = new CodexCurrent({ codexPathOverride: spy.path, baseUrl: proxy.url, apiKey: 'test', env: cleanEnv(sb), config: { approval_policy: 'never' } });
    await client.startThread({ approvalPolicy: 'on-request' }).run('override approval policy');
    expect(configValues(spy.calls()[0]!.argv, 'approval_policy')).toEqual(['approval_policy="never"', 'approval_policy="on-request"']);
  });

  it('env override: only the given env (plus CODEX_API_KEY and the originator) reaches the binary, which uses it', async () => {
    proxy = await rawProxy(oneTurn('Custom env'));
    const spy = spyBinary(sb);
    setProcessEnv({ CODEX_ENV_SHOULD_NOT_LEAK: 'leak' });
    const client = new CodexCurrent({ codexPathOverride: spy.path, baseUrl: proxy.url, apiKey: 'test', env: cleanEnv(sb, { CUSTOM_ENV: 'custom' }) });
    await client.startThread().run('custom env');
    const env = spy.calls()[0]!.env;
    expect(env.CUSTOM_ENV).toBe('custom');
    expect(env.CODEX_ENV_SHOULD_NOT_LEAK).toBeUndefined();
    expect(env.CODEX_API_KEY).toBe('test');
    expect(env.CODEX_INTERNAL_ORIGINATOR_OVERRIDE).toBeDefined();
    expectPair(spy.calls()[0]!.argv, '--config', `openai_base_url=${JSON.stringify(proxy.url)}`);
    expect(proxy.requests[0]!.headers.authorization).toBe('Bearer test');
  });

  it('additionalDirectories: repeated --add-dir flags, which become writable roots', async () => {
    proxy = await rawProxy(oneTurn('Additional directories applied'));
    const spy = spyBinary(sb);
    const shared = join(sb.root, 'shared');
    mkdirSync(shared);
    await currentClient(sb, proxy.url, { executable: spy.path }).startThread({
      workingDirectory: sb.workspace,
      sandboxMode: 'workspace-write',
      additionalDirectories: ['../backend', shared],
    }).run('test additional dirs');
    expect(valuesOf(spy.calls()[0]!.argv, '--add-dir')).toEqual(['../backend', shared]);
    const ctx = envContextOf(proxy.requests[0]!);
    expect(ctx).toContain(`<root>${shared}</root>`);
    expect(ctx).toContain(`<root>${resolve(sb.workspace, '../backend')}</root>`);
  });

  it('structured text input segments are joined with a blank line', async () => {
    proxy = await rawProxy(oneTurn('Combined input applied'));
    await currentClient(sb, proxy.url).startThread().run([
      { type: 'text', text: 'Describe file changes' },
      { type: 'text', text: 'Focus on impacted tests' },
    ]);
    expect(proxy.requests[0]!.json.input.at(-1)?.content?.[0]?.text).toBe('Describe file changes\n\nFocus on impacted tests');
  });

  it('local_image inputs: one --image per image, sent as input_image before the text', async () => {
    proxy = await rawProxy(oneTurn('Images applied'));
    const spy = spyBinary(sb);
    const images = [join(sb.root, 'first.png'), join(sb.root, 'second.jpg')];
    images.forEach((p, i) => writeFileSync(p, `image-${i}`));
    await currentClient(sb, proxy.url, { executable: spy.path }).startThread().run([
      { type: 'text', text: 'describe the images' },
      { type: 'local_image', path: images[0]! },
      { type: 'local_image', path: images[1]! },
    ]);
    expect(valuesOf(spy.calls()[0]!.argv, '--image')).toEqual(images);
    const content = proxy.requests[0]!.json.input.at(-1)!.content!;
    expect(content.map((c) => c.type)).toEqual(['input_image', 'input_image', 'input_text']);
    expect(content[0]!.image_url).toMatch(/^data:image\/png;base64,/);
    expect(content[1]!.image_url).toMatch(/^data:image\/jpeg;base64,/);
    expect(content[2]!.text).toBe('describe the images');
  });

  it('images on a resumed thread (`resume ID --image …`) reach the second request', async () => {
    proxy = await rawProxy(twoTurns());
    const image = join(sb.root, 'shot.png');
    writeFileSync(image, 'png-bytes');
    const client = currentClient(sb, proxy.url);
    const thread = client.startThread();
    await thread.run('first input');
    await client.resumeThread(thread.id!).run([{ type: 'text', text: 'second input' }, { type: 'local_image', path: image }]);
    const last = proxy.requests[1]!.json.input.at(-1)!;
    expect(last.content!.map((c) => c.type)).toEqual(['input_image', 'input_text']);
    expect(assistantTextOf(proxy.requests[1]!)).toBe('First response');
  });
});

// ---------------------------------------------------------------------------------------
// abort.test.ts (the AbortSignal exists in the current SDK only).

describe('upstream abort assertions (0.163.0), observed on our process', () => {
  function* infiniteShellCalls(): Generator<WireEvent[]> {
    for (;;) yield [started(), shellCallDone(), finished()];
  }
  const client = (url: string, executable: string) => new CodexCurrent({ codexPathOverride: executable, baseUrl: url, apiKey: 'test', env: cleanEnv(sb) });
  const isAbort = (e: unknown) => e instanceof Error && e.name === 'AbortError';
  // Killed while still starting (before its handler is installed), or shut down by it (143).
  const stoppedBySigterm = (o: Observed) => o.signal === 'SIGTERM' || o.code === 143;

  it('run() with an already aborted signal: AbortError, our binary never reaches the model, nothing is left running', async () => {
    proxy = await rawProxy(infiniteShellCalls());
    const obs = observedBinary(sb);
    const controller = new AbortController();
    controller.abort('Test abort');
    const err = await client(proxy.url, obs.path).startThread().run('Hello, world!', { signal: controller.signal }).catch((e: unknown) => e);
    expect(isAbort(err)).toBe(true);
    // The SDK kills its child at once; if our binary got to start, it was told to stop and
    // did (the SDK resolves only after its child's stdout, which ours shares, is closed).
    if (obs.log().some((o) => o.event === 'start')) expect(stoppedBySigterm(await obs.exited())).toBe(true);
    expect(proxy.requests).toEqual([]);
  });

  it('runStreamed() with an already aborted signal throws before the first event, and no request reaches the model', async () => {
    proxy = await rawProxy(infiniteShellCalls());
    const obs = observedBinary(sb);
    const controller = new AbortController();
    controller.abort('Test abort');
    const { events } = await client(proxy.url, obs.path).startThread().runStreamed('Hello, world!', { signal: controller.signal });
    let seen = 0;
    const err = await (async () => {
      for await (const _ of events) seen += 1;
    })().catch((e: unknown) => e);
    expect(isAbort(err)).toBe(true);
    expect(seen).toBe(0);
    if (obs.log().some((o) => o.event === 'start')) expect(stoppedBySigterm(await obs.exited())).toBe(true);
    expect(proxy.requests).toEqual([]);
  });

  it('run() aborted while a command runs: our process gets SIGTERM, kills the command, exits 143, and never sends its output', async () => {
    const pidFile = join(sb.workspace, 'cmd.pid');
    const sleeper: WireEvent = {
      type: 'response.output_item.done',
      item: { type: 'function_call', call_id: 'call_sleep', name: 'shell', arguments: JSON.stringify({ command: ['bash', '-c', `echo $$ > ${pidFile}; exec sleep 30`], timeout_ms: 60_000 }) },
    };
    proxy = await rawProxy([[started(), sleeper, finished()], [started(), message('must not be asked'), finished()]]);
    const obs = observedBinary(sb);
    const controller = new AbortController();
    const running = client(proxy.url, obs.path)
      .startThread({ workingDirectory: sb.workspace, sandboxMode: 'danger-full-access' })
      .run('Sleep', { signal: controller.signal })
      .catch((e: unknown) => e);
    while (!existsSync(pidFile) || readFileSync(pidFile, 'utf8').trim() === '') {
      if (obs.log().some((o) => o.event === 'exit')) throw new Error(`our process exited before the command started: ${JSON.stringify(obs.log())}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    const commandPid = Number(readFileSync(pidFile, 'utf8').trim());
    controller.abort('Aborted during execution');
    expect(isAbort(await running)).toBe(true);
    expect(await obs.exited()).toEqual({ event: 'exit', code: 143, signal: null });
    expect(obs.log().map((o) => o.event)).toEqual(['start', 'signal', 'exit']);
    expect(() => process.kill(commandPid, 0)).toThrow(/ESRCH/);
    // One request (the one that asked for the command); the output never went back.
    expect(proxy.requests).toHaveLength(1);
  });

  it('runStreamed() aborted after the fifth event: our process exits 143 and makes at most the request in flight', async () => {
    proxy = await rawProxy(infiniteShellCalls());
    const obs = observedBinary(sb);
    const controller = new AbortController();
    const { events } = await client(proxy.url, obs.path).startThread().runStreamed('Hello, world!', { signal: controller.signal });
    let count = 0;
    let requestsAtAbort = -1;
    const err = await (async () => {
      for await (const _ of events) {
        count += 1;
        if (count === 5) {
          requestsAtAbort = proxy!.requests.length;
          controller.abort('Aborted during iteration');
        }
      }
    })().catch((e: unknown) => e);
    expect(isAbort(err)).toBe(true);
    // Without the abort the shell calls loop forever; our process must stop on its own.
    expect(await obs.exited()).toEqual({ event: 'exit', code: 143, signal: null });
    expect(requestsAtAbort).toBeGreaterThan(0);
    expect(proxy.requests.length - requestsAtAbort).toBeLessThanOrEqual(1);
  });

  it('a signal that is never aborted changes nothing: our process exits 0', async () => {
    proxy = await rawProxy([[started(), message('Hi!'), finished()]]);
    const obs = observedBinary(sb);
    const result = await client(proxy.url, obs.path).startThread().run('Hello, world!', { signal: new AbortController().signal });
    expect(result.finalResponse).toBe('Hi!');
    expect(result.items).toHaveLength(1);
    expect(await obs.exited()).toEqual({ event: 'exit', code: 0, signal: null });
  });
});

// ---------------------------------------------------------------------------------------
// The same upstream-shaped events through our scripted server.

describe('upstream-shaped events through @codex-ts/test-support', () => {
  it('thin created/output_item.done/completed events, with null usage details, make a normal turn', async () => {
    const server = await startModelServer();
    try {
      server.queueResponses(
        [started('response_1'), message('First response', 'item_1'), finished('response_1')],
        [started('response_2'), message('Second response', 'item_2'), finished('response_2', { ...UPSTREAM_USAGE, input_tokens_details: null })],
      );
      const thread = mockProviderClient(sb, server.url).startThread();
      const first = await thread.run('first input');
      expect(first.usage).toEqual(expect.objectContaining({ input_tokens: 42, cached_input_tokens: 12, output_tokens: 5 }));
      const second = await thread.run('second input');
      expect(second.finalResponse).toBe('Second response');
      expect(second.usage).toEqual(expect.objectContaining({ input_tokens: 42, cached_input_tokens: 0, output_tokens: 5 }));
      const input = (server.responsesRequests()[1]!.json as Recorded['json']).input;
      expect(input.find((e) => e.role === 'assistant')?.content?.[0]?.text).toBe('First response');
      server.assertScriptDone();
    } finally {
      await server.close();
    }
  });

  it('the infinite shell-call script: each call runs, its output goes back, until the script says stop', async () => {
    const server = await startModelServer();
    try {
      server.queueResponses([started(), shellCallDone(10_000), finished()], [started(), shellCallDone(10_000), finished()], [started(), message('done'), finished()]);
      const result = await mockProviderClient(sb, server.url).startThread({ workingDirectory: sb.workspace }).run('loop');
      expect(result.items.map((i) => i.type)).toEqual(['command_execution', 'command_execution', 'agent_message']);
      expect(result.items[0]).toEqual(expect.objectContaining({ type: 'command_execution', aggregated_output: 'Hello, world!\n', exit_code: 0, status: 'completed' }));
      const outputs = (server.responsesRequests()[2]!.json as { input: { type?: string }[] }).input.filter((e) => e.type === 'function_call_output');
      expect(outputs).toHaveLength(2);
      server.assertScriptDone();
    } finally {
      await server.close();
    }
  });
});
