// Shared fixtures for the client suites: a provider pointed at the scripted server, a
// fast-retry client, a small prompt and an event collector.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startModelServer, type ScriptedModelServer } from '@codex-ts/test-support';
import { ModelClient, ModelClientError } from '../../src/client/index.js';
import type { ModelClientOptions, ModelProviderInfo, Prompt, ResponseEvent, RetryNotice } from '../../src/client/index.js';

/** One scripted server for the file: started before the first test, reset before each, closed after the last. */
export function useSharedServer(started: (server: ScriptedModelServer) => void): void {
  let server: ScriptedModelServer | undefined;
  beforeAll(async () => {
    server = await startModelServer();
    started(server);
  });
  afterAll(async () => {
    await server?.close();
  });
  beforeEach(() => {
    server!.reset();
  });
}

export function mockProvider(server: ScriptedModelServer, extra: Partial<ModelProviderInfo> = {}): ModelProviderInfo {
  return { name: 'Mock', base_url: server.baseUrl, env_key: 'MOCK_API_KEY', wire_api: 'responses', requires_openai_auth: false, ...extra };
}

export interface TestClient {
  client: ModelClient;
  retries: RetryNotice[];
}

export function makeClient(server: ScriptedModelServer, opts: Partial<ModelClientOptions> & { provider?: Partial<ModelProviderInfo> } = {}): TestClient {
  const retries: RetryNotice[] = [];
  const { provider, ...rest } = opts;
  const client = new ModelClient({
    provider: mockProvider(server, provider),
    auth: { token: 'sk-test', mode: 'api_key' },
    identity: { originator: 'codex_exec', version: '0.1.0' },
    env: {},
    backoff: { baseMs: 5, random: () => 0.5 },
    settings: { requestMaxRetries: 2, streamMaxRetries: 2, streamIdleTimeoutMs: 5_000, requestHeadersTimeoutMs: 5_000 },
    onRetry: (n) => retries.push(n),
    ...rest,
  });
  return { client, retries };
}

export function prompt(extra: Partial<Prompt> = {}): Prompt {
  return {
    model: 'gpt-5-codex',
    instructions: 'You are Codex.',
    input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] }],
    tools: [],
    parallel_tool_calls: false,
    conversation_id: 'conv-1',
    ...extra,
  };
}

export async function collect(stream: AsyncIterable<ResponseEvent>): Promise<ResponseEvent[]> {
  const out: ResponseEvent[] = [];
  for await (const ev of stream) out.push(ev);
  return out;
}

/** Runs the stream to its error; fails the test if it completes. */
export async function collectError(stream: AsyncIterable<ResponseEvent>): Promise<{ events: ResponseEvent[]; error: ModelClientError }> {
  const events: ResponseEvent[] = [];
  try {
    for await (const ev of stream) events.push(ev);
  } catch (err: unknown) {
    if (err instanceof ModelClientError) return { events, error: err };
    throw err;
  }
  throw new Error(`stream completed without an error: ${JSON.stringify(events)}`);
}

/** Headers without the ones that change per request or that Node's fetch adds itself. */
export function stableHeaders(headers: Record<string, string>): Record<string, string> {
  const {
    host: _h,
    'content-length': _l,
    connection: _c,
    'accept-encoding': _e,
    'accept-language': _a,
    'sec-fetch-mode': _s,
    ...rest
  } = headers;
  return rest;
}
