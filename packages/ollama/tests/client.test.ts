// OllamaClient against the scripted model server's Ollama endpoints (/api/version,
// /api/tags, /api/pull) and against a closed port.
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startModelServer, type ScriptedModelServer } from '@codex-ts/test-support';
import { OllamaClient, OllamaError, hostRootFromBaseUrl, type PullEvent } from '@codex-ts/ollama';

let server: ScriptedModelServer;

beforeEach(async () => {
  server = await startModelServer({ models: ['gpt-oss:20b'] });
});

afterEach(async () => {
  await server.close();
});

/** A port that was just free: nothing listens there any more. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((res) => srv.listen(0, '127.0.0.1', res));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((res) => srv.close(() => res()));
  return port;
}

function paths(): string[] {
  return server.requests.map((r) => `${r.method} ${r.path}`);
}

describe('hostRootFromBaseUrl', () => {
  it('strips a trailing /v1 and slashes', () => {
    expect(hostRootFromBaseUrl('http://localhost:11434/v1')).toBe('http://localhost:11434');
    expect(hostRootFromBaseUrl('http://localhost:11434/v1/')).toBe('http://localhost:11434');
    expect(hostRootFromBaseUrl('http://localhost:11434')).toBe('http://localhost:11434');
    expect(hostRootFromBaseUrl('http://h/ollama/v1')).toBe('http://h/ollama');
  });
});

describe('OllamaClient', () => {
  it('probes the version and lists the models', async () => {
    const client = new OllamaClient({ baseUrl: server.baseUrl });
    expect(client.hostRoot).toBe(server.url);
    expect(await client.probe()).toBe('0.12.3');
    expect(await client.listModels()).toEqual(['gpt-oss:20b']);
  });

  it('does not pull a model that is already there', async () => {
    const client = new OllamaClient({ baseUrl: server.baseUrl });
    const events: PullEvent[] = [];
    const result = await client.ensureModelReady('gpt-oss:20b', { onProgress: (e) => events.push(e) });
    expect(result).toEqual({ pulled: false });
    expect(events).toEqual([]);
    expect(paths()).toEqual(['GET /api/version', 'GET /api/tags']);
  });

  it('pulls a missing model with progress, after which it is listed', async () => {
    server.queuePull([
      { status: 'pulling manifest' },
      { status: 'pulling aaaaaaaaaaaa', digest: 'sha256:aaaa', total: 100 },
      { status: 'pulling aaaaaaaaaaaa', digest: 'sha256:aaaa', total: 100, completed: 40 },
      { status: 'pulling aaaaaaaaaaaa', digest: 'sha256:aaaa', total: 100, completed: 100 },
      { status: 'verifying sha256 digest' },
      { status: 'writing manifest' },
      { status: 'success' },
    ]);
    const client = new OllamaClient({ baseUrl: server.baseUrl });
    expect(await client.listModels()).toEqual(['gpt-oss:20b']);
    const events: PullEvent[] = [];
    const result = await client.ensureModelReady('qwen3:4b', { onProgress: (e) => events.push(e) });
    expect(result).toEqual({ pulled: true });
    const layer = 'pulling aaaaaaaaaaaa';
    expect(events).toEqual([
      { type: 'status', status: 'pulling manifest' },
      { type: 'status', status: layer },
      { type: 'progress', digest: 'sha256:aaaa', total: 100 },
      { type: 'status', status: layer },
      { type: 'progress', digest: 'sha256:aaaa', total: 100, completed: 40 },
      { type: 'status', status: layer },
      { type: 'progress', digest: 'sha256:aaaa', total: 100, completed: 100 },
      { type: 'status', status: 'verifying sha256 digest' },
      { type: 'status', status: 'writing manifest' },
      { type: 'success' },
    ]);
    expect(server.requestsOf('ollama-pull').map((r) => r.json)).toEqual([{ model: 'qwen3:4b', stream: true }]);
    expect(await client.listModels()).toEqual(['gpt-oss:20b', 'qwen3:4b']);
    const again = await client.ensureModelReady('qwen3:4b');
    expect(again).toEqual({ pulled: false });
  });

  it('follows the default pull stream to success', async () => {
    const client = new OllamaClient({ baseUrl: server.baseUrl });
    const events: PullEvent[] = [];
    await client.pullModel('gpt-oss:120b', { onProgress: (e) => events.push(e) });
    expect(events[0]).toEqual({ type: 'status', status: 'pulling manifest' });
    expect(events.at(-1)).toEqual({ type: 'success' });
    const progress = events.filter((e) => e.type === 'progress');
    expect(progress.length).toBeGreaterThan(0);
    expect(await client.listModels()).toEqual(['gpt-oss:20b', 'gpt-oss:120b']);
  });

  it('turns an {"error": ...} line into pull_failed, and the model stays missing', async () => {
    server.queuePull([{ status: 'pulling manifest' }, { error: 'pull model manifest: file does not exist' }]);
    const client = new OllamaClient({ baseUrl: server.baseUrl });
    const events: PullEvent[] = [];
    const err = await client.ensureModelReady('nope:1b', { onProgress: (e) => events.push(e) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OllamaError);
    expect({ code: (err as OllamaError).code, message: (err as OllamaError).message }).toEqual({
      code: 'pull_failed',
      message: 'Pulling nope:1b failed: pull model manifest: file does not exist',
    });
    expect(events).toEqual([{ type: 'status', status: 'pulling manifest' }]);
    expect(await client.listModels()).toEqual(['gpt-oss:20b']);
  });

  it('reports a pull stream that ends without success', async () => {
    server.queuePull([{ status: 'pulling manifest' }]);
    const client = new OllamaClient({ baseUrl: server.baseUrl });
    const err = (await client.pullModel('x:1b').catch((e: unknown) => e)) as OllamaError;
    expect(err.code).toBe('pull_failed');
    expect(err.message).toBe(`Pulling x:1b failed: the stream from ${server.url}/api/pull ended before "success"`);
  });

  it('reports an HTTP error from /api/pull', async () => {
    server.queuePull({ fault: 'status', status: 500, body: { error: 'disk full' } });
    const client = new OllamaClient({ baseUrl: server.baseUrl });
    const err = (await client.pullModel('x:1b').catch((e: unknown) => e)) as OllamaError;
    expect({ code: err.code, message: err.message }).toEqual({
      code: 'pull_failed',
      message: `POST ${server.url}/api/pull answered HTTP 500: disk full`,
    });
  });

  it('names the URL and says to start Ollama when nothing listens', async () => {
    const port = await closedPort();
    const client = new OllamaClient({ baseUrl: `http://127.0.0.1:${port}/v1` });
    const err = (await client.ensureModelReady('gpt-oss:20b').catch((e: unknown) => e)) as OllamaError;
    expect(err).toBeInstanceOf(OllamaError);
    expect(err.code).toBe('unreachable');
    expect(err.message).toMatch(
      new RegExp(`^No running Ollama server detected at http://127\\.0\\.0\\.1:${port} \\(.*ECONNREFUSED.*\\): is Ollama running\\? \\(ollama serve\\)`),
    );
  });

  it('rethrows an abort as is', async () => {
    const client = new OllamaClient({ baseUrl: server.baseUrl });
    const ac = new AbortController();
    ac.abort(new Error('stop'));
    await expect(client.probe({ signal: ac.signal })).rejects.toThrow('stop');
  });
});
