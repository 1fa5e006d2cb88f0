// Shared set-up for the gateway suites: one private redis-server per file, a fresh key
// prefix per test (so tests never see each other's limits), gateways that are always
// closed, and a small client for requests through a gateway.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Redis } from 'ioredis';
import { startGateway } from '../src/gateway/index.js';
import type { FleetProvider, Gateway, GatewayOptions } from '../src/gateway/index.js';

let serial = 0;

/** A unique Redis key prefix for one test. */
export function freshPrefix(): string {
  serial += 1;
  return `t${process.pid}-${serial}`;
}

/** Gateways started through `open()` are closed by `closeAll()`. */
export class Gateways {
  private readonly open_: Gateway[] = [];
  constructor(private readonly redisUrl: () => string) {}

  async open(providers: FleetProvider[], opts: Partial<GatewayOptions> & { keyPrefix: string }): Promise<Gateway> {
    const gw = await startGateway({ redisUrl: this.redisUrl(), providers, ...opts });
    this.open_.push(gw);
    return gw;
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.open_.splice(0).map((g) => g.close()));
  }
}

/** A Responses request body as codex sends it (streaming). */
export const RESPONSES_BODY = { model: 'gpt-5-codex', input: [{ role: 'user', content: [{ type: 'input_text', text: 'hi' }] }], stream: true };
/** A Chat request body asking for the usage chunk. */
export const CHAT_BODY = { model: 'gpt-oss:20b', messages: [{ role: 'user', content: 'hi' }], stream: true, stream_options: { include_usage: true } };

/** POSTs JSON through the gateway and reads the whole answer. */
export async function post(
  gw: Gateway,
  taskId: string,
  path: '/responses' | '/chat/completions',
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; text: string }> {
  const r = await fetch(`${gw.baseUrlFor(taskId)}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer client-key-must-not-leak', ...headers },
    body: JSON.stringify(body),
  });
  return { status: r.status, headers: r.headers, text: await r.text() };
}

/** The text deltas of a Responses SSE stream, joined. */
export function responsesText(sse: string): string {
  return sse
    .split('\n')
    .filter((l) => l.startsWith('data: '))
    .map((l) => JSON.parse(l.slice(6)) as { type?: string; delta?: string })
    .filter((e) => e.type === 'response.output_text.delta')
    .map((e) => e.delta)
    .join('');
}

/** A hand-written provider for byte-level checks: `handler` gets every request. */
export async function rawProvider(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; baseUrl: string; close(): Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const a = server.address();
  const port = typeof a === 'object' && a !== null ? a.port : 0;
  return {
    server,
    baseUrl: `http://127.0.0.1:${port}/v1`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Polls Redis until `key` exists (the other gateway has recorded its limit). */
export async function untilKey(redis: Redis, key: string): Promise<number> {
  for (;;) {
    const ttl = await redis.pttl(key);
    if (ttl > 0) return ttl;
    await new Promise((r) => setTimeout(r, 5));
  }
}
