// OllamaClient against Ollama's own response shapes (packages/test-support/fixtures/ollama,
// transcribed from Ollama's docs and source; see the README there), served byte for byte
// in 7-byte writes, instead of against our emulator.
import { afterEach, describe, expect, it } from 'vitest';
import { readFixture, startFixtureServer, type FixtureServer } from '@codex-ts/test-support';
import { OllamaClient, OllamaError, type PullEvent } from '@codex-ts/ollama';

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const json = (file: string) => ({ contentType: 'application/json; charset=utf-8', body: readFixture('ollama', file) });
const ndjson = (file: string) => ({ contentType: 'application/x-ndjson', body: readFixture('ollama', file) });

async function serve(pull: string): Promise<OllamaClient> {
  server = await startFixtureServer({ 'GET /api/version': json('version.json'), 'GET /api/tags': json('tags.json'), 'POST /api/pull': ndjson(pull) });
  return new OllamaClient({ baseUrl: `${server.url}/v1` });
}

const D1 = 'sha256:6a0746a1ec1aef3e7ec53868f220ff6e389f6f8ef87a01d77c96807de94ca2aa';
const D2 = 'sha256:4fa551d4f938f68b8c1e6afa9d28befb70e3f33f75d0753248d530364aeea40f';
const layer1 = 'pulling 6a0746a1ec1a';

describe("OllamaClient against Ollama's documented API shapes", () => {
  it('probe and /api/tags: the version, and the model names of the documented listing', async () => {
    const client = await serve('pull-success.ndjson');
    expect(await client.probe()).toBe('0.5.1');
    expect(await client.listModels()).toEqual(['codellama:13b', 'llama3:latest']);
  });

  it('a streamed pull: every documented line becomes an event, in order, ending in success', async () => {
    const client = await serve('pull-success.ndjson');
    const events: PullEvent[] = [];
    const result = await client.ensureModelReady('gpt-oss:20b', { onProgress: (e) => events.push(e) });
    expect(result).toEqual({ pulled: true });
    expect(events).toEqual([
      { type: 'status', status: 'pulling manifest' },
      { type: 'status', status: layer1 },
      { type: 'progress', digest: D1, total: 4661211424 },
      { type: 'status', status: layer1 },
      { type: 'progress', digest: D1, total: 4661211424, completed: 241970 },
      { type: 'status', status: layer1 },
      { type: 'progress', digest: D1, total: 4661211424, completed: 2330605712 },
      { type: 'status', status: layer1 },
      { type: 'progress', digest: D1, total: 4661211424, completed: 4661211424 },
      { type: 'status', status: 'pulling 4fa551d4f938' },
      { type: 'progress', digest: D2, total: 12403, completed: 12403 },
      { type: 'status', status: 'verifying sha256 digest' },
      { type: 'status', status: 'writing manifest' },
      { type: 'status', status: 'removing any unused layers' },
      { type: 'success' },
    ]);
    expect(server!.requests.map((r) => r.route)).toEqual(['GET /api/version', 'GET /api/tags', 'POST /api/pull']);
    expect(JSON.parse(server!.requests[2]!.body)).toEqual({ model: 'gpt-oss:20b', stream: true });
  });

  it('an error line mid-pull (after HTTP 200 and progress): pull_failed with Ollama\'s text, progress reported up to it', async () => {
    const client = await serve('pull-error-midway.ndjson');
    const events: PullEvent[] = [];
    const err = await client.pullModel('gpt-oss:20b', { onProgress: (e) => events.push(e) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OllamaError);
    expect({ code: (err as OllamaError).code, message: (err as OllamaError).message }).toEqual({
      code: 'pull_failed',
      message: 'Pulling gpt-oss:20b failed: max retries exceeded: unexpected EOF',
    });
    expect(events.at(-1)).toEqual({ type: 'progress', digest: D1, total: 4661211424, completed: 1165302856 });
    expect(events.filter((e) => e.type === 'success')).toEqual([]);
  });

  it('a model already in the documented listing is not pulled', async () => {
    const client = await serve('pull-success.ndjson');
    expect(await client.ensureModelReady('llama3:latest')).toEqual({ pulled: false });
    expect(server!.requests.map((r) => r.route)).toEqual(['GET /api/version', 'GET /api/tags']);
  });
});
