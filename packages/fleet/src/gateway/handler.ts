// One client request through the gateway: pick a free provider by weight, forward, and on a
// 429/5xx (or a transport error) before any byte went back, bench that provider in Redis and
// try the next. When every provider is benched, wait (bounded) for the first to free up.
// A good answer streams back unchanged while its token usage is read on the side.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { createBrotliDecompress, createGunzip, createInflate, type Gunzip } from 'node:zlib';
import { isValidTaskId, type ResolvedGatewayOptions } from './config.js';
import { collectBody, forward, passResponseHeaders, upstreamRequestHeaders, upstreamUrl, type Agents } from './forward.js';
import type { WeightedPicker } from './pick.js';
import { backoffMs, exhaustedFromHeaders, limitFromHeaders, type LimitDecision } from './rate-limit.js';
import type { LimitsCache } from './limits-cache.js';
import type { GatewayStore } from './store.js';
import type { FleetProvider, GatewayLogger } from './types.js';
import { UsageTap } from './usage-tap.js';

/** Largest request body accepted (a long conversation with images fits). */
export const MAX_REQUEST_BODY = 64 * 1024 * 1024;
const MAX_FAILURE_BODY = 64 * 1024;

/** What every request of one gateway shares. */
export interface HandlerContext {
  opts: ResolvedGatewayOptions;
  byId: Map<string, FleetProvider & { url: URL }>;
  picker: WeightedPicker;
  store: GatewayStore;
  limits: LimitsCache;
  /** Controllers of the requests in flight (close() aborts them). */
  inflight: Set<AbortController>;
  agents: Agents;
  log: GatewayLogger;
  /** Usage writes in flight (`usage()` waits for them). */
  track(p: Promise<void>): void;
}

interface Failure {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

function sendJson(res: ServerResponse, status: number, message: string, code: string, extra: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const body = JSON.stringify({ error: { message, type: code, param: null, code } });
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...extra });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too_large'> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_REQUEST_BODY) {
        req.removeAllListeners('data');
        req.resume();
        resolve('too_large');
      } else parts.push(c);
    });
    req.once('end', () => resolve(Buffer.concat(parts)));
    req.once('error', reject);
  });
}

/** `responses` / `chat` for the model endpoints; undefined (any provider) for the rest. */
export function wireOfPath(path: string): 'responses' | 'chat' | undefined {
  if (/\/responses(\/compact)?$/.test(path)) return 'responses';
  if (/\/chat\/completions$/.test(path)) return 'chat';
  return undefined;
}

/** Serves one request; never throws (failures become JSON errors or a destroyed response). */
export async function handleRequest(ctx: HandlerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const ac = new AbortController();
  ctx.inflight.add(ac);
  res.once('close', () => {
    if (!res.writableFinished) ac.abort(); // the client went away: stop upstream work too
  });
  try {
    await serve(ctx, req, res, ac.signal);
  } catch (err: unknown) {
    if (!ac.signal.aborted) {
      ctx.log.error({ err }, 'fleet gateway: request failed');
      if (res.headersSent) res.destroy();
      else sendJson(res, 502, `fleet gateway: ${err instanceof Error ? err.message : String(err)}`, 'gateway_error');
    }
  } finally {
    ctx.inflight.delete(ac);
  }
}

async function serve(ctx: HandlerContext, req: IncomingMessage, res: ServerResponse, signal: AbortSignal): Promise<void> {
  const target = new URL(req.url ?? '/', 'http://gateway');
  const m = /^\/t\/([^/]+)\/v1(\/.*)?$/.exec(target.pathname);
  let taskId = '';
  try {
    taskId = m ? decodeURIComponent(m[1]!) : '';
  } catch {
    // malformed %-escape: no such task
  }
  if (!m || !isValidTaskId(taskId)) {
    return sendJson(res, 404, `fleet gateway: no route for ${target.pathname}; use /t/<taskId>/v1/...`, 'not_found');
  }
  const path = m[2] ?? '';
  const wire = wireOfPath(path);
  const candidates = [...ctx.byId.values()].filter((p) => wire === undefined || p.wireApi === wire);
  if (candidates.length === 0) {
    const have = [...ctx.byId.values()].map((p) => `${p.id} (${p.wireApi})`).join(', ');
    return sendJson(res, 400, `fleet gateway: no provider speaks the ${wire} wire API (configured: ${have}); set wire_api to match`, 'no_provider');
  }
  const body = await readBody(req);
  if (body === 'too_large') return sendJson(res, 413, `fleet gateway: request body over ${MAX_REQUEST_BODY} bytes`, 'request_too_large');

  const ids = candidates.map((p) => p.id);
  const deadline = Date.now() + ctx.opts.maxWaitMs;
  let lastFailure: Failure | undefined;
  let lastError: Error | undefined;
  let attempts = 0;
  while (attempts < ctx.opts.maxAttempts && !signal.aborted) {
    const left = await remainingOrFree(ctx, ids);
    const free = ids.filter((id) => (left.get(id) ?? 0) === 0);
    if (free.length === 0) {
      const wait = Math.min(...ids.map((id) => left.get(id) ?? 0));
      if (Date.now() + wait > deadline) {
        return sendJson(res, 429, `fleet gateway: every provider is rate limited for at least another ${Math.ceil(wait / 1000)} s`, 'rate_limit_exceeded', {
          'retry-after': String(Math.max(1, Math.ceil(wait / 1000))),
        });
      }
      ctx.log.debug({ taskId, waitMs: wait }, 'fleet gateway: all providers limited, waiting');
      // A little jitter so the gateways of a fleet do not all fire in the same millisecond.
      await sleep(wait + Math.floor(Math.random() * 25), undefined, { signal }).catch(() => undefined);
      continue;
    }
    const p = ctx.byId.get(ctx.picker.pick(free)!)!;
    attempts += 1;
    const url = upstreamUrl(p.url, path, target.search);
    const attempt = await forward(url, { method: req.method ?? 'POST', headers: upstreamRequestHeaders(req.headers, p, body.length, req.method), body }, ctx.agents, signal);
    if (signal.aborted) {
      if (attempt.kind === 'response') attempt.res.destroy();
      return;
    }
    if (attempt.kind === 'error') {
      lastError = attempt.error;
      const d = await bench(ctx, p, undefined);
      ctx.log.warn({ provider: p.id, err: attempt.error.message, benchedMs: d.delayMs }, 'fleet gateway: provider unreachable, trying the next');
      continue;
    }
    const up = attempt.res;
    const status = up.statusCode ?? 502;
    if (status === 429 || status >= 500) {
      lastFailure = { status, headers: up.headers, body: await collectBody(up, MAX_FAILURE_BODY) };
      const d = await bench(ctx, p, up.headers);
      ctx.log.warn({ provider: p.id, status, benchedMs: d.delayMs, source: d.source }, 'fleet gateway: provider refused, trying the next');
      continue;
    }
    return relay(ctx, p, taskId, up, res, status);
  }
  if (signal.aborted) return;
  if (lastFailure) {
    res.writeHead(lastFailure.status, { ...passResponseHeaders(lastFailure.headers), 'content-length': lastFailure.body.length });
    res.end(lastFailure.body);
    return;
  }
  sendJson(res, 502, `fleet gateway: no provider answered after ${attempts} attempts: ${lastError?.message ?? 'unknown error'}`, 'upstream_unreachable');
}

async function remainingOrFree(ctx: HandlerContext, ids: string[]): Promise<Map<string, number>> {
  try {
    return await ctx.limits.remaining(ids);
  } catch (err: unknown) {
    // Redis away: serve anyway (each provider's own 429s still bench it locally per attempt).
    ctx.log.warn({ err }, 'fleet gateway: cannot read rate limits from Redis; treating providers as free');
    return new Map();
  }
}

/** Benches `p` for as long as its headers say, else by exponential back-off. */
async function bench(ctx: HandlerContext, p: FleetProvider, headers: IncomingMessage['headers'] | undefined): Promise<LimitDecision> {
  try {
    const hinted = headers ? limitFromHeaders(headers, Date.now()) : undefined;
    const d = hinted ?? { delayMs: backoffMs(await ctx.store.strike(p.id)), source: 'backoff' as const };
    if (d.delayMs > 0) ctx.limits.note(p.id, await ctx.store.markLimited(p.id, d.delayMs, { status: headers ? 'http' : 'transport', source: d.source, at: Date.now() }));
    return d;
  } catch (err: unknown) {
    ctx.log.warn({ err, provider: p.id }, 'fleet gateway: cannot record a rate limit in Redis');
    return { delayMs: 0, source: 'backoff' };
  }
}

function decoderFor(encoding: string | undefined): Gunzip | ReturnType<typeof createBrotliDecompress> | ReturnType<typeof createInflate> | undefined {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'br':
      return createBrotliDecompress();
    case 'deflate':
      return createInflate();
    default:
      return undefined;
  }
}

/** Streams a good (or non-retryable) answer back as it arrives; usage is recorded at the end. */
function relay(ctx: HandlerContext, p: FleetProvider, taskId: string, up: IncomingMessage, res: ServerResponse, status: number): Promise<void> {
  res.writeHead(status, passResponseHeaders(up.headers));
  res.flushHeaders();
  const ok = status >= 200 && status < 300;
  const tap = ok ? new UsageTap(up.headers['content-type']) : undefined;
  const decoder = tap ? decoderFor(up.headers['content-encoding'] as string | undefined) : undefined;
  if (decoder) {
    decoder.on('data', (c: Buffer) => tap!.write(c));
    decoder.on('error', () => undefined); // a bad encoding costs the usage, not the stream
  }
  return new Promise((resolve) => {
    up.on('data', (c: Buffer) => {
      if (decoder) decoder.write(c);
      else tap?.write(c);
      if (!res.write(c)) {
        up.pause();
        res.once('drain', () => up.resume());
      }
    });
    let done = false;
    const finish = (complete: boolean): void => {
      if (done) return;
      done = true;
      if (complete) res.end();
      else res.destroy(); // the client sees the cut, as it would have from the provider
      if (!tap) return resolve();
      const record = async (): Promise<void> => {
        if (decoder) {
          await new Promise<void>((r) => {
            decoder.once('end', r);
            decoder.once('error', () => r());
            decoder.end();
          });
        }
        const exhausted = exhaustedFromHeaders(up.headers);
        ctx.store.recordSuccess(p.id, taskId, tap.result());
        if (exhausted !== undefined) ctx.limits.note(p.id, await ctx.store.markLimited(p.id, exhausted, { status, source: 'x-ratelimit-remaining', at: Date.now() }));
      };
      ctx.track(record().catch((err: unknown) => ctx.log.warn({ err, taskId }, 'fleet gateway: cannot record usage in Redis')));
      resolve();
    };
    up.once('end', () => finish(true));
    up.once('error', () => finish(false));
    up.once('close', () => finish(up.complete));
    res.once('close', () => {
      if (!res.writableFinished) up.destroy(); // client gone: close the upstream connection
    });
  });
}
