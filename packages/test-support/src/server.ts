/**
 * The scripted model server: one node:http server on 127.0.0.1:0 that records every
 * request and answers the Responses and Chat wires from queued turns (failing loudly
 * with a 500 when the script runs out), `/v1/models`, and Ollama's native API.
 * `close()` aborts every stream and destroys every socket, so no test can hang on it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type {
  CompactReply,
  EndpointKind,
  Fault,
  RecordedRequest,
  ScriptProblem,
  StatusFault,
  TurnInput,
} from './types.js';
import { TestSupportError } from './errors.js';
import { ndjsonLine } from './internal/frames.js';
import { ollamaPullProgress, ollamaTag } from './internal/ollama.js';
import { renderFrames } from './internal/render-turn.js';
import { writeStatus, writeStream } from './internal/stream-writer.js';
import { checkMatch, TurnQueue, type QueueName } from './internal/turn-queue.js';

/** Options for `startModelServer`. */
export interface ModelServerOptions {
  /** Interface to listen on (default `127.0.0.1`). */
  host?: string;
  /** Port (default 0: any free port). */
  port?: number;
  /** Model ids for `GET /v1/models` and `GET /api/tags` (default `gpt-5-codex`, `gpt-oss:20b`). */
  models?: string[];
  /** Delay before every streamed frame, unless a turn sets its own. */
  eventDelayMs?: number;
  /** `GET /api/version` answer (default `0.12.3`). */
  ollamaVersion?: string;
  /** Receives one line per request served (the CLI sends these to stderr). */
  log?: (line: string) => void;
}

/** One scripted `/api/pull` reply: NDJSON objects, or a fault (optionally with lines). */
export type PullInput = Array<Record<string, unknown>> | (Fault & { lines?: Array<Record<string, unknown>> });

/** Options for `waitForRequests`. */
export interface WaitOptions {
  kind?: EndpointKind;
  /** Default 10_000 ms. */
  timeoutMs?: number;
  /** Stops waiting (rejects with the signal's reason). */
  signal?: AbortSignal;
}

/** A running scripted model server. */
export interface ScriptedModelServer {
  /** `http://127.0.0.1:PORT` (the Ollama host root). */
  readonly url: string;
  /** `http://127.0.0.1:PORT/v1` (what `OPENAI_BASE_URL` / `base_url` should be). */
  readonly baseUrl: string;
  readonly port: number;
  /** Every request received, in arrival order. */
  readonly requests: RecordedRequest[];
  /** Every script failure (ran out, mismatch, unknown endpoint), in order. */
  readonly problems: ScriptProblem[];
  /** Models listed by `/v1/models` and `/api/tags` (a successful pull adds to it). */
  readonly models: string[];
  /** Queues turns for `POST …/responses` (consumed before the shared queue). */
  queueResponses(...turns: TurnInput[]): void;
  /** Queues turns for `POST …/chat/completions` (consumed before the shared queue). */
  queueChat(...turns: TurnInput[]): void;
  /** Queues turns for whichever model wire asks next. */
  queue(...turns: TurnInput[]): void;
  /** Serves `turns` on either wire, restarting from the first when they run out. */
  loop(turns: TurnInput[]): void;
  /** Queues answers for `POST …/responses/compact` (remote compaction); none queued is a script failure. */
  queueCompact(...replies: CompactReply[]): void;
  /** Queues replies for `POST /api/pull` (default when empty: a successful progress stream). */
  queuePull(...pulls: PullInput[]): void;
  /** Turns still queued, per queue. */
  pending(): Record<QueueName, number>;
  /** Requests of one endpoint kind. */
  requestsOf(kind: EndpointKind): RecordedRequest[];
  /** Requests to `POST …/responses`. */
  responsesRequests(): RecordedRequest[];
  /** Requests to `POST …/chat/completions`. */
  chatRequests(): RecordedRequest[];
  /** Resolves once at least `count` requests (of `kind`, if given) arrived; rejects on timeout. */
  waitForRequests(count: number, opts?: WaitOptions): Promise<RecordedRequest[]>;
  /** Throws if the script had problems or turns are left over. */
  assertScriptDone(): void;
  /** Clears queues, recorded requests and problems. */
  reset(): void;
  /** Aborts open streams, destroys every connection and stops listening. */
  close(): Promise<void>;
}

/** Starts a scripted model server (127.0.0.1 on a free port unless told otherwise). */
export async function startModelServer(opts: ModelServerOptions = {}): Promise<ScriptedModelServer> {
  const impl = new ModelServer(opts);
  await impl.listen(opts.host ?? '127.0.0.1', opts.port ?? 0);
  return impl;
}

function classify(method: string, path: string): EndpointKind {
  if (method === 'POST' && path.endsWith('/responses')) return 'responses';
  if (method === 'POST' && path.endsWith('/responses/compact')) return 'responses-compact';
  if (method === 'POST' && path.endsWith('/chat/completions')) return 'chat';
  if (method === 'GET' && path.endsWith('/models')) return 'models';
  if (method === 'GET' && path === '/api/version') return 'ollama-version';
  if (method === 'GET' && path === '/api/tags') return 'ollama-tags';
  if (method === 'POST' && path === '/api/pull') return 'ollama-pull';
  return 'unknown';
}

class ModelServer implements ScriptedModelServer {
  readonly requests: RecordedRequest[] = [];
  readonly problems: ScriptProblem[] = [];
  readonly models: string[];
  private readonly script = new TurnQueue();
  private readonly pulls: PullInput[] = [];
  private readonly compacts: CompactReply[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly closing = new AbortController();
  private readonly waiters = new Set<() => void>();
  private readonly server = createServer((req, res) => void this.handle(req, res));
  private serial = 0;
  private address: AddressInfo | undefined;

  constructor(private readonly opts: ModelServerOptions) {
    this.models = [...(opts.models ?? ['gpt-5-codex', 'gpt-oss:20b'])];
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  listen(host: string, port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        this.address = this.server.address() as AddressInfo;
        resolve();
      });
    });
  }

  get port(): number {
    return this.address?.port ?? 0;
  }
  get url(): string {
    const host = this.address?.family === 'IPv6' ? `[${this.address.address}]` : this.address?.address;
    return `http://${host}:${this.port}`;
  }
  get baseUrl(): string {
    return `${this.url}/v1`;
  }

  queueResponses(...turns: TurnInput[]): void {
    this.script.push('responses', turns);
  }
  queueChat(...turns: TurnInput[]): void {
    this.script.push('chat', turns);
  }
  queue(...turns: TurnInput[]): void {
    this.script.push('shared', turns);
  }
  loop(turns: TurnInput[]): void {
    this.script.loop(turns);
  }
  queueCompact(...replies: CompactReply[]): void {
    this.compacts.push(...replies);
  }
  queuePull(...pulls: PullInput[]): void {
    this.pulls.push(...pulls);
  }
  pending(): Record<QueueName, number> {
    return this.script.pending();
  }
  requestsOf(kind: EndpointKind): RecordedRequest[] {
    return this.requests.filter((r) => r.kind === kind);
  }
  responsesRequests(): RecordedRequest[] {
    return this.requestsOf('responses');
  }
  chatRequests(): RecordedRequest[] {
    return this.requestsOf('chat');
  }

  waitForRequests(count: number, wait: WaitOptions = {}): Promise<RecordedRequest[]> {
    const matching = (): RecordedRequest[] => (wait.kind ? this.requestsOf(wait.kind) : [...this.requests]);
    return new Promise((resolve, reject) => {
      const finish = (): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
        wait.signal?.removeEventListener('abort', onAbort);
      };
      const check = (): void => {
        const found = matching();
        if (found.length < count) return;
        finish();
        resolve(found);
      };
      const onAbort = (): void => {
        finish();
        reject(wait.signal?.reason);
      };
      const timer = setTimeout(() => {
        finish();
        const what = wait.kind ? `${wait.kind} request(s)` : 'request(s)';
        reject(new TestSupportError('wait_timeout', `timed out waiting for ${count} ${what}; got ${matching().length}`));
      }, wait.timeoutMs ?? 10_000);
      this.waiters.add(check);
      wait.signal?.addEventListener('abort', onAbort, { once: true });
      if (wait.signal?.aborted) onAbort();
      else check();
    });
  }

  assertScriptDone(): void {
    const pending = this.script.pending();
    const left = pending.responses + pending.chat + pending.shared + this.compacts.length;
    const messages = this.problems.map((p) => p.message);
    if (left > 0) messages.push(`${left} scripted turn(s) were never requested: ${JSON.stringify(pending)}`);
    if (messages.length > 0) throw new TestSupportError('script_incomplete', `scripted model server: ${messages.join('; ')}`);
  }

  reset(): void {
    this.script.clear();
    this.pulls.length = 0;
    this.compacts.length = 0;
    this.requests.length = 0;
    this.problems.length = 0;
  }

  async close(): Promise<void> {
    this.closing.abort();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const client = new AbortController();
    res.on('close', () => client.abort());
    const signal = AbortSignal.any([client.signal, this.closing.signal]);
    try {
      const recorded = await this.record(req);
      await this.route(recorded, res, signal);
    } catch (err: unknown) {
      this.opts.log?.(`error: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `scripted model server crashed: ${String(err)}`, type: 'server_error' } }));
      } else {
        res.destroy();
      }
    }
  }

  private async record(req: IncomingMessage): Promise<RecordedRequest> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://scripted.invalid');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    let json: unknown;
    try {
      json = body.length > 0 ? JSON.parse(body) : undefined;
    } catch {
      json = undefined; // not JSON: the raw body is still recorded
    }
    const method = req.method ?? 'GET';
    const recorded: RecordedRequest = {
      index: this.requests.length,
      kind: classify(method, url.pathname),
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      body,
      json,
      receivedAt: Date.now(),
    };
    this.requests.push(recorded);
    for (const waiter of [...this.waiters]) waiter();
    return recorded;
  }

  private async route(req: RecordedRequest, res: ServerResponse, signal: AbortSignal): Promise<void> {
    switch (req.kind) {
      case 'responses':
      case 'chat':
        return this.serveModelTurn(req, req.kind, res, signal);
      case 'responses-compact': {
        const reply = this.compacts.shift();
        if (!reply) return this.fail(res, req, 'exhausted', `the script ran out: no compaction queued for ${req.method} ${req.path} (request #${req.index + 1}); queue one with server.queueCompact()`);
        this.opts.log?.(`${req.method} ${req.path} (request #${req.index + 1}) -> compaction${'fault' in reply ? ` [fault: status ${reply.status}]` : ''}`);
        if ('fault' in reply) return writeStatus(res, reply, reply.headers);
        return sendJson(res, 200, { id: `resp_compact_${req.index + 1}`, object: 'response.compaction', output: reply.output });
      }
      case 'models':
        return sendJson(res, 200, {
          object: 'list',
          data: this.models.map((id) => ({ id, object: 'model', created: 1_754_000_000, owned_by: 'codex-ts-scripted' })),
        });
      case 'ollama-version':
        return sendJson(res, 200, { version: this.opts.ollamaVersion ?? '0.12.3' });
      case 'ollama-tags':
        return sendJson(res, 200, { models: this.models.map(ollamaTag) });
      case 'ollama-pull':
        return this.servePull(req, res, signal);
      case 'unknown': {
        const message = `scripted model server: no endpoint for ${req.method} ${req.path}`;
        this.problems.push({ kind: 'unsupported', requestIndex: req.index, message });
        this.opts.log?.(message);
        return sendJson(res, 404, { error: { message, type: 'not_found', code: 'not_found' } });
      }
    }
  }

  private async serveModelTurn(
    req: RecordedRequest,
    wire: 'responses' | 'chat',
    res: ServerResponse,
    signal: AbortSignal,
  ): Promise<void> {
    const label = `${req.method} ${req.path} (request #${req.index + 1})`;
    const next = this.script.peek(wire);
    if (!next) {
      const hint = wire === 'responses' ? 'queueResponses()' : 'queueChat()';
      const message = `the script ran out: no turn queued for ${label}; queue more with server.${hint} or server.queue()`;
      return this.fail(res, req, 'exhausted', message);
    }
    const mismatch = checkMatch(next.turn.match, req);
    if (mismatch !== undefined) {
      const name = next.turn.label ? ` "${next.turn.label}"` : '';
      return this.fail(res, req, 'mismatch', `the next scripted turn${name} does not match ${label}: ${mismatch}`);
    }
    const taken = this.script.take(next.queue);
    const { turn } = taken;
    this.serial += 1;
    const fault = turn.fault;
    this.opts.log?.(
      `${label} -> ${taken.queue} turn ${taken.number}${turn.label ? ` "${turn.label}"` : ''}${fault ? ` [fault: ${fault.fault}]` : ''}`,
    );
    if (fault?.fault === 'status') return writeStatus(res, fault, turn.headers);
    const model = typeof (req.json as { model?: unknown })?.model === 'string' ? (req.json as { model: string }).model : undefined;
    const includeUsage = (req.json as { stream_options?: { include_usage?: unknown } } | undefined)?.stream_options?.include_usage === true;
    const frames = renderFrames(turn.respond ? { ...turn, events: turn.respond(req) } : turn, { wire, serial: this.serial, model, includeUsage });
    void (await writeStream(res, frames, {
      contentType: 'text/event-stream',
      fault,
      eventDelayMs: turn.eventDelayMs ?? this.opts.eventDelayMs,
      headers: turn.headers,
      signal,
    }));
  }

  private fail(res: ServerResponse, req: RecordedRequest, kind: ScriptProblem['kind'], message: string): void {
    this.problems.push({ kind, requestIndex: req.index, message });
    this.opts.log?.(message);
    sendJson(res, 500, { error: { message: `scripted model server: ${message}`, type: `script_${kind}`, code: `script_${kind}` } });
  }

  private async servePull(req: RecordedRequest, res: ServerResponse, signal: AbortSignal): Promise<void> {
    const body = (req.json ?? {}) as { model?: unknown; name?: unknown; stream?: unknown };
    const model = String(body.model ?? body.name ?? '');
    const scripted = this.pulls.shift();
    const fault = scripted && !Array.isArray(scripted) ? scripted : undefined;
    if (fault?.fault === 'status') return writeStatus(res, fault as StatusFault);
    const lines = Array.isArray(scripted) ? scripted : (fault?.lines ?? ollamaPullProgress(model));
    this.opts.log?.(`${req.method} ${req.path} model=${model}${fault ? ` [fault: ${fault.fault}]` : ''}`);
    const succeeded = lines.some((l) => l['status'] === 'success');
    if (body.stream === false) {
      const last = lines[lines.length - 1] ?? {};
      if (succeeded) this.addModel(model);
      return sendJson(res, 'error' in last ? 500 : 200, last);
    }
    const ended = await writeStream(res, lines.map(ndjsonLine), {
      contentType: 'application/x-ndjson',
      fault,
      eventDelayMs: this.opts.eventDelayMs,
      signal,
    });
    if (succeeded && ended) this.addModel(model);
  }

  private addModel(model: string): void {
    if (model && !this.models.includes(model)) this.models.push(model);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
