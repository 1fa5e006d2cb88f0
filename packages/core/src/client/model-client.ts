// ModelClient: `stream(prompt, { signal })` over the Responses or Chat wire, with every
// retry in this one file. Two nested budgets, as Codex: `request_max_retries` silently
// retries 5xx/transport failures before a stream starts; `stream_max_retries` re-sends the
// whole request after a dropped, stalled or failed stream (and after the request budget
// runs out), announcing each through `onRetry`. After a stream retry the events start
// over with a new `created`: consumers drop what the failed attempt streamed.
import { setMaxListeners } from 'node:events';
import { STATUS_CODES } from 'node:http';
import type { Logger } from 'pino';
import type { ClientAuth } from './auth.js';
import { abortableSleep, backoffMs, type BackoffOptions } from './backoff.js';
import { buildChatBody, customToolNames } from './chat-messages.js';
import { ChatStreamParser } from './chat-wire.js';
import { HIGH_DEMAND_MESSAGE, ModelClientError, retryScope, toModelClientError } from './errors.js';
import { createSdkClient, sendRequest, type HttpRequest, type RequestContext } from './http.js';
import { baseUrl, isAzureResponsesEndpoint, retrySettings, type ModelProviderInfo, type RetrySettings } from './provider.js';
import { rateLimitsFromHeaders } from './rate-limits.js';
import { requestHeaders, type ClientIdentity } from './request-headers.js';
import { buildResponsesBody, ResponsesStreamParser, type StreamParser } from './responses-wire.js';
import { readSse } from './sse.js';
import type { Prompt, ResponseEvent, ResponseItem, RetryNotice } from './types.js';

/** How a ModelClient talks to its provider. */
export interface ModelClientOptions {
  provider: ModelProviderInfo;
  /** The credential; `undefined` sends no Authorization header. See `resolveProviderAuth`. */
  auth?: ClientAuth;
  /** Called once on a 401; resolve a fresh credential to retry with, or `undefined` to fail. */
  refreshAuth?: (signal: AbortSignal) => Promise<ClientAuth | undefined>;
  /** Called before each request for the credential to use (e.g. refreshed before it expires). */
  currentAuth?: (signal: AbortSignal) => Promise<ClientAuth | undefined>;
  /** originator / version for headers. Default `codex_cli_rs` / core's version. */
  identity?: Partial<ClientIdentity>;
  /** For env_http_headers and the originator override. Default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Told before every retry (both phases). Per-call `onRetry` replaces it. */
  onRetry?: (notice: RetryNotice) => void;
  logger?: Logger;
  /** Backoff tuning (tests use a small base). */
  backoff?: BackoffOptions;
  /** Override the provider's retry/timeout settings. */
  settings?: Partial<RetrySettings>;
  /** Injectable fetch (passed to the SDK). */
  fetch?: typeof fetch;
}

/** Per-call options of `stream`. */
export interface StreamOptions {
  signal?: AbortSignal;
  onRetry?: (notice: RetryNotice) => void;
}

const DEFAULT_IDENTITY: ClientIdentity = { originator: 'codex_cli_rs', version: '0.1.0' };

/** Streams model responses from one provider. Reusable across turns; safe to share. */
export class ModelClient {
  readonly provider: ModelProviderInfo;
  /** Effective retry and timeout settings. */
  readonly settings: RetrySettings;
  private auth: ClientAuth | undefined;
  private sdk: ReturnType<typeof createSdkClient> | undefined;
  private readonly opts: ModelClientOptions;
  private readonly env: NodeJS.ProcessEnv;
  private readonly identity: ClientIdentity;

  constructor(opts: ModelClientOptions) {
    this.opts = opts;
    this.provider = opts.provider;
    this.auth = opts.auth;
    this.env = opts.env ?? process.env;
    this.identity = { ...DEFAULT_IDENTITY, ...opts.identity };
    this.settings = retrySettings(opts.provider, opts.settings);
  }

  /** `responses` or `chat`. */
  get wireApi(): 'responses' | 'chat' {
    return this.provider.wire_api;
  }

  /**
   * Streams one model response. Errors are ModelClientErrors (see `retryScope`); an
   * aborted `signal` ends the stream with code `aborted`. Leaving the loop early cancels
   * the request.
   */
  async *stream(prompt: Prompt, opts: StreamOptions = {}): AsyncGenerator<ResponseEvent> {
    const outer = opts.signal;
    if (outer?.aborted) throw new ModelClientError('aborted', 'request aborted');
    const controller = new AbortController();
    const onAbort = (): void => controller.abort();
    outer?.addEventListener('abort', onAbort, { once: true });
    const signal = controller.signal;
    // Each attempt (up to request × stream retries) adds the SDK's and the sleep's abort
    // listeners to this per-call signal; they go away with it, so lift Node's warning limit.
    setMaxListeners(256, signal);
    const onRetry = opts.onRetry ?? this.opts.onRetry;
    try {
      if (this.opts.currentAuth) this.useAuth(await this.opts.currentAuth(signal));
      const req = this.buildRequest(prompt);
      const customTools = customToolNames(prompt.tools);
      const onMalformed = (data: string): void =>
        this.opts.logger?.warn({ frame: data.slice(0, 200) }, 'skipping SSE frame that is not JSON');
      for (let attempt = 0; ; attempt++) {
        try {
          const response = await this.openWithRetries(req, prompt.model, signal, onRetry);
          const limits = rateLimitsFromHeaders(response.headers);
          if (limits) yield limits;
          if (!response.body) throw new ModelClientError('stream_disconnected', 'stream disconnected before completion: empty body');
          const parser: StreamParser =
            this.wireApi === 'chat' ? new ChatStreamParser({ customTools, onMalformed }) : new ResponsesStreamParser({ onMalformed });
          // Inline (no nested generator): one async hop per event for the consumer, one per network chunk here.
          const out: ResponseEvent[] = [];
          let done = false;
          for await (const batch of readSse(response.body, { idleTimeoutMs: this.settings.streamIdleTimeoutMs, signal })) {
            let failure: unknown;
            try {
              for (const msg of batch) if ((done = parser.feed(msg, out))) break;
            } catch (err: unknown) {
              failure = err;
            }
            // Events decoded before a failure event are still delivered, then the failure.
            for (const ev of out) yield ev;
            out.length = 0;
            if (failure !== undefined) throw failure;
            if (done) break;
          }
          if (!done) {
            parser.end(out);
            for (const ev of out) yield ev;
          }
          return;
        } catch (e: unknown) {
          const err = toModelClientError(e, signal);
          if (signal.aborted) throw abortedError(err);
          if (retryScope(err) === 'none' || attempt >= this.settings.streamMaxRetries) throw err;
          const delayMs = err.retryAfterMs ?? backoffMs(attempt + 1, this.opts.backoff);
          this.notify(onRetry, { attempt: attempt + 1, max: this.settings.streamMaxRetries, delayMs, phase: 'stream', reason: err.message, code: err.code });
          await abortableSleep(delayMs, signal);
        }
      }
    } finally {
      outer?.removeEventListener('abort', onAbort);
      // Cancels whatever is still in flight when the consumer leaves early.
      controller.abort();
    }
  }

  /**
   * Codex's remote compaction: POST `/responses/compact` with the history and the
   * compaction instructions; resolves the items that replace the history (`output`).
   * Retried like the request phase of `stream`.
   */
  async compact(prompt: Prompt, opts: StreamOptions = {}): Promise<ResponseItem[]> {
    const signal = opts.signal ?? new AbortController().signal;
    const base = this.buildRequest(prompt);
    const body = { model: prompt.model, input: prompt.input, instructions: prompt.instructions, ...(prompt.reasoning ? { reasoning: prompt.reasoning } : {}) };
    const response = await this.openWithRetries({ path: '/responses/compact', body, headers: base.headers }, prompt.model, signal, opts.onRetry ?? this.opts.onRetry);
    const json = (await response.json()) as { output?: unknown };
    if (!Array.isArray(json.output)) throw new ModelClientError('invalid_request', 'the /responses/compact answer has no `output` array');
    return json.output as ResponseItem[];
  }

  private buildRequest(prompt: Prompt): HttpRequest {
    const wire = this.wireApi;
    const headers = requestHeaders({
      wire,
      provider: this.provider,
      auth: this.auth,
      identity: this.identity,
      conversationId: prompt.conversation_id,
      env: this.env,
    });
    if (wire === 'chat') return { path: '/chat/completions', body: buildChatBody(prompt), headers };
    return { path: '/responses', body: buildResponsesBody(prompt, { azure: isAzureResponsesEndpoint(this.provider) }), headers };
  }

  /** The request phase: send until headers arrive, retrying 5xx/transport errors silently. */
  private async openWithRetries(
    req: HttpRequest,
    model: string,
    signal: AbortSignal,
    onRetry: StreamOptions['onRetry'],
  ): Promise<Response> {
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      const chatgpt = this.auth?.mode === 'chatgpt';
      const ctx: RequestContext = {
        url: `${baseUrl(this.provider, chatgpt)}${req.path}`,
        model,
        providerName: this.provider.name,
        headersTimeoutMs: this.settings.requestHeadersTimeoutMs,
      };
      try {
        const client = await this.client();
        return await sendRequest(client, req, ctx, signal);
      } catch (e: unknown) {
        const err = toModelClientError(e, signal);
        if (signal.aborted) throw abortedError(err);
        if (err.code === 'unauthorized' && this.opts.refreshAuth && !refreshed) {
          refreshed = true;
          const fresh = await this.opts.refreshAuth(signal);
          if (fresh) {
            this.auth = fresh;
            this.sdk = undefined;
            attempt--;
            continue;
          }
        }
        if (retryScope(err) !== 'request') throw err;
        if (attempt >= this.settings.requestMaxRetries) throw exhausted(err);
        const delayMs = err.retryAfterMs ?? backoffMs(attempt + 1, this.opts.backoff);
        this.notify(onRetry, { attempt: attempt + 1, max: this.settings.requestMaxRetries, delayMs, phase: 'request', reason: err.message, code: err.code });
        await abortableSleep(delayMs, signal);
      }
    }
  }

  /** Switches credentials; the SDK client (which holds the bearer token) is rebuilt on next use. */
  private useAuth(auth: ClientAuth | undefined): void {
    if (auth?.token === this.auth?.token && auth?.accountId === this.auth?.accountId && auth?.mode === this.auth?.mode) return;
    this.auth = auth;
    this.sdk = undefined;
  }

  private client(): ReturnType<typeof createSdkClient> {
    this.sdk ??= createSdkClient({
      baseUrl: baseUrl(this.provider, this.auth?.mode === 'chatgpt'),
      auth: this.auth,
      ...(this.provider.query_params ? { queryParams: this.provider.query_params } : {}),
      ...(this.opts.fetch ? { fetch: this.opts.fetch } : {}),
    });
    return this.sdk;
  }

  private notify(onRetry: StreamOptions['onRetry'], notice: RetryNotice): void {
    this.opts.logger?.warn({ ...notice }, `model request retry ${notice.attempt}/${notice.max} (${notice.phase})`);
    onRetry?.(notice);
  }
}

function abortedError(cause: ModelClientError): ModelClientError {
  return cause.code === 'aborted' ? cause : new ModelClientError('aborted', 'request aborted', { cause });
}

/** Codex's wording once the request budget is spent on 5xx answers. */
function exhausted(err: ModelClientError): ModelClientError {
  if (err.code !== 'server_error' || err.status === undefined) return err;
  const message =
    err.status === 500 ? HIGH_DEMAND_MESSAGE : `exceeded retry limit, last status: ${statusLine(err.status)}`;
  return new ModelClientError('server_error', message, { status: err.status, cause: err });
}

function statusLine(status: number): string {
  return `${status} ${STATUS_CODES[status] ?? ''}`.trim();
}
