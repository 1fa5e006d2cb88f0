// The gateway as a transparent stream: bytes and headers pass through unchanged and as they
// arrive, the client's abort reaches the provider, gzip-encoded streams still count their
// usage, and a real `codex exec --json` runs through it on both wires with the gateway's
// `-c` overrides.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { redisMissingReason, startModelServer, startRedisServer, turn, type RedisServer, type ScriptedModelServer } from '@codex-ts/test-support';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freshPrefix, Gateways, RESPONSES_BODY, rawProvider } from './gateway-helpers.js';

const CODEX_BIN = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../cli/bin/codex');
const skip = redisMissingReason();
if (skip) console.warn(`SKIPPED fleet gateway stream tests: ${skip}`);

function runCodex(args: string[], cwd: string, home: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(OPENAI_|CODEX_)/.test(k)) env[k] = v;
  const child = spawn(process.execPath, [CODEX_BIN, ...args], { cwd, env: { ...env, CODEX_HOME: home, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((res, rej) => {
    child.on('error', rej);
    child.on('close', (code) => res({ code, stdout, stderr }));
  });
}

describe.skipIf(skip !== undefined)('fleet gateway streams', () => {
  let redisServer: RedisServer;
  const gateways = new Gateways(() => redisServer.url);
  const cleanups: Array<() => Promise<void> | void> = [];

  beforeAll(async () => {
    redisServer = await startRedisServer();
  });
  afterEach(async () => {
    await gateways.closeAll();
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  afterAll(async () => {
    await redisServer?.stop();
  });

  it('streams bytes and headers through unchanged, each frame before the provider sends the next', async () => {
    const frames = ['event: a\ndata: {"n":1}\n\n', 'event: b\ndata: {"n":2, "text":"héllo ✓"}\n\n', ': comment\n\n', 'data: [DONE]\n\n'];
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let seen: IncomingMessage['headers'] = {};
    const p = await rawProvider((req, res) => {
      seen = req.headers;
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'x-request-id': 'req_123',
        'openai-processing-ms': '7',
        'keep-alive': 'timeout=77',
        connection: 'keep-alive, x-hop',
        'x-hop': 'connection-scoped',
      });
      res.write(frames[0]);
      void released.then(() => {
        for (const f of frames.slice(1)) res.write(f);
        res.end();
      });
    });
    cleanups.push(() => p.close());
    const gw = await gateways.open([{ id: 'raw', baseUrl: p.baseUrl, wireApi: 'responses', weight: 1, apiKey: 'sk-raw', headers: { 'x-tenant': 't1' } }], {
      keyPrefix: freshPrefix(),
    });
    const r = await fetch(`${gw.baseUrlFor('task-s')}/responses?api-version=2`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer client', 'x-client': 'yes', 'openai-beta': 'responses=experimental' },
      body: JSON.stringify(RESPONSES_BODY),
    });
    expect([r.status, r.headers.get('content-type'), r.headers.get('x-request-id'), r.headers.get('openai-processing-ms')]).toEqual([200, 'text/event-stream', 'req_123', '7']);
    // Hop-by-hop headers, and those the provider's Connection header names, stay on its connection.
    expect([r.headers.get('keep-alive'), r.headers.get('x-hop')]).toEqual([expect.not.stringMatching(/77/), null]);
    const reader = r.body!.getReader();
    const first = await reader.read(); // arrives while the provider still holds the rest
    expect(Buffer.from(first.value!).toString()).toBe(frames[0]);
    release();
    const rest: Buffer[] = [];
    for (let c = await reader.read(); !c.done; c = await reader.read()) rest.push(Buffer.from(c.value));
    expect(Buffer.concat(rest).toString()).toBe(frames.slice(1).join(''));
    expect({
      authorization: seen['authorization'],
      tenant: seen['x-tenant'],
      client: seen['x-client'],
      beta: seen['openai-beta'],
    }).toEqual({ authorization: 'Bearer sk-raw', tenant: 't1', client: 'yes', beta: 'responses=experimental' });
  });

  it('keeps the query string and reads usage from a gzip-encoded stream', async () => {
    const sse = `event: response.completed\ndata: ${JSON.stringify({ type: 'response.completed', response: { usage: { input_tokens: 9, output_tokens: 1, total_tokens: 10 } } })}\n\n`;
    let url = '';
    const p = await rawProvider((req, res) => {
      url = req.url ?? '';
      res.writeHead(200, { 'content-type': 'text/event-stream', 'content-encoding': 'gzip' });
      res.end(gzipSync(sse));
    });
    cleanups.push(() => p.close());
    const gw = await gateways.open([{ id: 'gz', baseUrl: `${p.baseUrl}?api-version=2025-01-01`, wireApi: 'responses', weight: 1 }], { keyPrefix: freshPrefix() });
    const r = await fetch(`${gw.baseUrlFor('task-gz')}/responses?extra=1`, { method: 'POST', body: '{}', headers: { 'accept-encoding': 'gzip' } });
    expect(await r.text()).toBe(sse); // fetch decompresses what passed through compressed
    expect(url).toBe('/v1/responses?api-version=2025-01-01&extra=1');
    expect(await gw.usage('task-gz')).toEqual({ input_tokens: 9, cached_input_tokens: 0, output_tokens: 1, reasoning_output_tokens: 0, total_tokens: 10 });
  });

  it('aborts the upstream request when the client goes away mid-stream', async () => {
    let upstreamClosed!: () => void;
    const closed = new Promise<void>((r) => (upstreamClosed = r));
    const p = await rawProvider((req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: {"type":"response.created"}\n\n'); // then never finishes
      res.once('close', () => upstreamClosed());
      req.resume();
    });
    cleanups.push(() => p.close());
    const gw = await gateways.open([{ id: 'hold', baseUrl: p.baseUrl, wireApi: 'responses', weight: 1 }], { keyPrefix: freshPrefix() });
    const ac = new AbortController();
    const r = await fetch(`${gw.baseUrlFor('task-abort')}/responses`, { method: 'POST', body: '{}', signal: ac.signal });
    const reader = r.body!.getReader();
    expect(Buffer.from((await reader.read()).value!).toString()).toBe('data: {"type":"response.created"}\n\n');
    ac.abort();
    await closed; // resolves only once the provider's side of the request is closed
    expect(await gw.usage('task-abort')).toEqual({ input_tokens: 0, cached_input_tokens: 0, output_tokens: 0, reasoning_output_tokens: 0, total_tokens: 0 });
  });

  it('aborts the upstream request when the client goes away before the provider answers', async () => {
    let upstreamClosed!: () => void;
    const closed = new Promise<void>((r) => (upstreamClosed = r));
    let arrived!: () => void;
    const got = new Promise<void>((r) => (arrived = r));
    const p = await rawProvider((req, res) => {
      res.once('close', () => upstreamClosed()); // never answers
      req.resume();
      arrived();
    });
    cleanups.push(() => p.close());
    const gw = await gateways.open([{ id: 'silent', baseUrl: p.baseUrl, wireApi: 'responses', weight: 1 }], { keyPrefix: freshPrefix() });
    const ac = new AbortController();
    const pending = fetch(`${gw.baseUrlFor('task-abort2')}/responses`, { method: 'POST', body: '{}', signal: ac.signal }).catch((e: unknown) => e);
    await got;
    ac.abort();
    expect(await pending).toMatchObject({ name: 'AbortError' });
    await closed;
  });

  it.each(['responses', 'chat'] as const)('runs a real `codex exec --json` through the gateway (%s wire)', async (wire) => {
    const server: ScriptedModelServer = await startModelServer();
    cleanups.push(() => server.close());
    const root = mkdtempSync(join(tmpdir(), 'codex-fleet-gw-'));
    cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    const [home, ws] = [join(root, 'home'), join(root, 'ws')];
    mkdirSync(home);
    mkdirSync(ws);
    const usage = { input_tokens: 50, cached_tokens: 10, output_tokens: 6, reasoning_tokens: 2 };
    if (wire === 'responses') server.queue(turn.shell(['bash', '-lc', 'echo gateway-ok'], { call_id: 'c1', usage }), turn.message('all done', { usage }));
    else server.queue(turn.message('all done', { usage }));
    const gw = await gateways.open([{ id: 'scripted', baseUrl: server.baseUrl, wireApi: wire, weight: 1, apiKey: 'sk-provider-secret' }], { keyPrefix: freshPrefix() });
    const args = ['exec', '--json', '--skip-git-repo-check', '-s', 'danger-full-access', ...gw.execOverrides('task-e2e', wire), 'run it'];
    const r = await runCodex(args, ws, home);
    expect(r.code, r.stderr).toBe(0);
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; item?: { type: string; text?: string; aggregated_output?: string }; usage?: unknown });
    const turns = wire === 'responses' ? 2 : 1;
    expect(events.filter((e) => e.type === 'item.completed').map((e) => e.item!.type)).toEqual(wire === 'responses' ? ['command_execution', 'agent_message'] : ['agent_message']);
    expect(events.find((e) => e.item?.type === 'agent_message')!.item!.text).toBe('all done');
    if (wire === 'responses') {
      const done = events.find((e) => e.type === 'item.completed' && e.item?.type === 'command_execution');
      expect(done!.item!.aggregated_output).toBe('gateway-ok\n');
      expect(JSON.stringify(server.responsesRequests()[1]!.json)).toContain('gateway-ok'); // the tool output went back through the gateway
    }
    const kind = wire === 'responses' ? 'responses' : 'chat';
    expect(server.requests.filter((q) => q.kind === kind).map((q) => q.headers['authorization'])).toEqual(Array(turns).fill('Bearer sk-provider-secret'));
    expect(events.find((e) => e.type === 'turn.completed')!.usage).toMatchObject({ input_tokens: 50 * turns, cached_input_tokens: 10 * turns, output_tokens: 6 * turns });
    expect(await gw.usage('task-e2e')).toEqual({ input_tokens: 50 * turns, cached_input_tokens: 10 * turns, output_tokens: 6 * turns, reasoning_output_tokens: 2 * turns, total_tokens: 56 * turns });
    server.assertScriptDone();
  });
});
