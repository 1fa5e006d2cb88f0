// startGateway: validates the options, connects to Redis, listens on 127.0.0.1 and hands
// out per-task base URLs and the `codex exec -c …` overrides that point a task at it.
// close() stops listening, aborts every request in flight and waits for usage writes.
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { Redis } from 'ioredis';
import { isValidTaskId, resolveGatewayOptions } from './config.js';
import { GatewayError } from './errors.js';
import { handleRequest, type HandlerContext } from './handler.js';
import { LimitsCache } from './limits-cache.js';
import { WeightedPicker } from './pick.js';
import { GatewayStore } from './store.js';
import type { Gateway, GatewayLogger, GatewayOptions, TokenUsage } from './types.js';

/** The `model_providers` key the overrides define for the gateway. */
export const GATEWAY_PROVIDER_ID = 'codex-fleet-gateway';
// How much longer than the gateway's own wait codex-ts waits for response headers.
const HEADERS_TIMEOUT_MARGIN_MS = 60_000;

const silent: GatewayLogger = { debug() {}, info() {}, warn() {}, error() {} };

async function connectRedis(url: string): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, connectTimeout: 5_000, commandTimeout: 5_000 });
  redis.on('error', () => undefined); // reported per command; ioredis reconnects on its own
  try {
    await redis.connect();
    await redis.ping();
  } catch (err: unknown) {
    redis.disconnect();
    throw new GatewayError('redis_unavailable', `fleet gateway: cannot reach Redis at ${url}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  return redis;
}

function listen(server: http.Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (err) => reject(new GatewayError('listen_failed', `fleet gateway: cannot listen on ${host}:${port}: ${err.message}`, { cause: err })));
    server.listen(port, host, () => {
      const a = server.address();
      resolve(typeof a === 'object' && a !== null ? a.port : port);
    });
  });
}

/**
 * Starts a gateway: a local HTTP server that a task's `codex exec` uses as its model provider.
 * Throws `GatewayError` (`invalid_config`, `redis_unavailable`, `listen_failed`) before
 * anything is left running.
 */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const opts = resolveGatewayOptions(options);
  const log = options.logger ?? silent;
  const redis = await connectRedis(opts.redisUrl);
  const store = new GatewayStore(redis, opts.keyPrefix, (err) => log.warn({ err }, 'fleet gateway: cannot record usage in Redis'));
  let sub: Redis | undefined;
  let limits: LimitsCache;
  try {
    sub = await connectRedis(opts.redisUrl);
    limits = await LimitsCache.start(store, opts.providers.map((p) => p.id), sub, log);
  } catch (err: unknown) {
    sub?.disconnect();
    redis.disconnect();
    throw err instanceof GatewayError ? err : new GatewayError('redis_unavailable', `fleet gateway: cannot subscribe to rate limits in Redis: ${String(err)}`, { cause: err });
  }
  const pending = new Set<Promise<void>>();
  const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
  const ctx: HandlerContext = {
    opts,
    byId: new Map(opts.providers.map((p) => [p.id, { ...p, url: new URL(p.baseUrl) }])),
    picker: new WeightedPicker(new Map(opts.providers.map((p) => [p.id, p.weight]))),
    store,
    limits,
    inflight: new Set(),
    agents,
    log,
    track(p) {
      pending.add(p);
      void p.finally(() => pending.delete(p));
    },
  };
  const sockets = new Set<Socket>();
  const server = http.createServer({ noDelay: true, keepAlive: true }, (req, res) => {
    void handleRequest(ctx, req, res);
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  let port: number;
  try {
    port = await listen(server, opts.host, opts.port);
  } catch (err: unknown) {
    sub.disconnect();
    redis.disconnect();
    throw err;
  }
  const origin = `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}`;
  const wires = new Set(opts.providers.map((p) => p.wireApi));
  const defaultWire = wires.has('responses') ? 'responses' : 'chat';
  log.info({ origin, providers: opts.providers.map((p) => ({ id: p.id, wireApi: p.wireApi, weight: p.weight })) }, 'fleet gateway: listening');
  let closed: Promise<void> | undefined;

  const baseUrlFor = (taskId: string): string => {
    if (!isValidTaskId(taskId)) {
      throw new GatewayError('invalid_task_id', `fleet gateway: task id ${JSON.stringify(taskId)} must be 1-200 letters, digits or ._:@+- (starting with a letter or digit)`);
    }
    return `${origin}/t/${encodeURIComponent(taskId)}/v1`;
  };

  return {
    baseUrlFor,
    execOverrides(taskId, wireApi) {
      const wire = wireApi ?? defaultWire;
      if (wire !== 'responses' && wire !== 'chat') throw new GatewayError('invalid_config', `fleet gateway: wire API ${JSON.stringify(wire)} must be "responses" or "chat"`);
      if (!wires.has(wire)) throw new GatewayError('invalid_config', `fleet gateway: no configured provider speaks the ${wire} wire API`);
      const key = `model_providers.${GATEWAY_PROVIDER_ID}`;
      return [
        '-c', `model_provider="${GATEWAY_PROVIDER_ID}"`,
        '-c', `${key}.name="codex fleet gateway"`,
        '-c', `${key}.base_url="${baseUrlFor(taskId)}"`,
        '-c', `${key}.wire_api="${wire}"`,
        '-c', `${key}.requires_openai_auth=false`,
        '-c', `${key}.request_headers_timeout_ms=${opts.maxWaitMs + HEADERS_TIMEOUT_MARGIN_MS}`,
      ];
    },
    async usage(taskId?: string): Promise<TokenUsage> {
      if (taskId !== undefined && !isValidTaskId(taskId)) throw new GatewayError('invalid_task_id', `fleet gateway: task id ${JSON.stringify(taskId)} is not valid`);
      if (closed) throw new GatewayError('closed', 'fleet gateway: usage() after close()');
      await Promise.all([...pending]);
      await store.flush();
      return store.usage(taskId);
    },
    close() {
      closed ??= (async () => {
        for (const ac of ctx.inflight) ac.abort();
        await new Promise<void>((r) => {
          server.close(() => r());
          for (const s of sockets) s.destroy();
        });
        await Promise.all([...pending]);
        await store.flush().catch((err: unknown) => log.warn({ err }, 'fleet gateway: cannot record usage in Redis'));
        agents.http.destroy();
        agents.https.destroy();
        await Promise.all([redis.quit().catch(() => redis.disconnect()), sub.quit().catch(() => sub.disconnect())]);
      })();
      return closed;
    },
  };
}
