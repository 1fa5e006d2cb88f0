// Sends one model request through the `openai` SDK (loaded lazily, SDK retries off,
// its timeout used as our bound on waiting for response headers) and turns every SDK
// failure into a ModelClientError. Returns the raw Response so SSE is ours to parse.
import { STATUS_CODES } from 'node:http';
import type { ClientAuth } from './auth.js';
import { parseRetryAfter, parseTryAgainIn } from './backoff.js';
import { CONTEXT_WINDOW_EXCEEDED_MESSAGE, ModelClientError } from './errors.js';
import { describeTransportError } from './sse.js';

type OpenAIClient = import('openai').OpenAI;

/** One HTTP request to a provider. */
export interface HttpRequest {
  path: '/responses' | '/chat/completions' | '/responses/compact';
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

/** What the SDK client is built from. */
export interface HttpTarget {
  baseUrl: string;
  auth: ClientAuth | undefined;
  queryParams?: Record<string, string>;
  fetch?: typeof fetch;
}

// Headers the SDK adds that Codex does not send.
const SDK_HEADERS_TO_DROP = [
  'x-stainless-lang',
  'x-stainless-package-version',
  'x-stainless-os',
  'x-stainless-arch',
  'x-stainless-runtime',
  'x-stainless-runtime-version',
  'x-stainless-retry-count',
  'x-stainless-timeout',
];

/** Builds an SDK client with retries off; `openai` is imported on first use only. */
export async function createSdkClient(target: HttpTarget): Promise<OpenAIClient> {
  const { OpenAI } = await import('openai');
  const defaultHeaders: Record<string, string | null> = {};
  for (const h of SDK_HEADERS_TO_DROP) defaultHeaders[h] = null;
  // No credential: send no Authorization header at all (e.g. a local Ollama).
  if (!target.auth) defaultHeaders['authorization'] = null;
  // An agent assertion replaces the SDK's `Bearer <apiKey>`.
  else if (target.auth.authorization) defaultHeaders['authorization'] = target.auth.authorization;
  return new OpenAI({
    apiKey: target.auth?.token ?? 'unused',
    baseURL: target.baseUrl,
    organization: null,
    project: null,
    maxRetries: 0,
    logLevel: 'off',
    defaultHeaders,
    ...(target.queryParams && Object.keys(target.queryParams).length > 0 ? { defaultQuery: target.queryParams } : {}),
    ...(target.fetch ? { fetch: target.fetch } : {}),
  });
}

/** Context used in error messages. */
export interface RequestContext {
  url: string;
  model: string;
  providerName: string;
  headersTimeoutMs: number;
}

/**
 * Sends `req` and resolves the streaming Response once its headers arrive. Rejects with
 * `headers_timeout` after `ctx.headersTimeoutMs`, `aborted` on `signal`, and the mapped
 * error for a non-2xx status or a connection failure.
 */
export async function sendRequest(
  client: OpenAIClient,
  req: HttpRequest,
  ctx: RequestContext,
  signal: AbortSignal,
): Promise<Response> {
  const { APIError, APIConnectionError, APIConnectionTimeoutError, APIUserAbortError } = await import('openai');
  const options = {
    headers: req.headers,
    signal,
    maxRetries: 0,
    timeout: Math.max(1, Math.round(ctx.headersTimeoutMs)),
  };
  // The body is ours (Codex's shape), not the SDK's typed params.
  const body = req.body as never;
  try {
    const pending =
      req.path === '/responses'
        ? client.responses.create(body, options)
        : req.path === '/responses/compact'
          ? client.post('/responses/compact', { body, ...options })
          : client.chat.completions.create(body, options);
    return await pending.asResponse();
  } catch (err: unknown) {
    if (signal.aborted || err instanceof APIUserAbortError) {
      throw new ModelClientError('aborted', 'request aborted', { cause: err });
    }
    if (err instanceof APIConnectionTimeoutError) {
      throw new ModelClientError(
        'headers_timeout',
        `no response headers from ${ctx.url} within ${ctx.headersTimeoutMs} ms (request_headers_timeout_ms); the provider may be overloaded or stuck`,
        { cause: err },
      );
    }
    if (err instanceof APIConnectionError) {
      const detail = err.cause instanceof Error ? describeTransportError(err.cause) : err.message;
      throw new ModelClientError(
        'unreachable',
        `cannot reach model provider ${ctx.providerName} at ${ctx.url}: ${detail}. Check base_url and that the server is running.`,
        { cause: err },
      );
    }
    if (err instanceof APIError && err.status !== undefined) {
      throw httpStatusError(err.status, err.error, err.headers ?? new Headers(), ctx, err);
    }
    throw err;
  }
}

interface ProviderErrorBody {
  message?: string;
  code?: string;
  type?: string;
  resets_in_seconds?: number;
}

function providerError(raw: unknown): { body: ProviderErrorBody; text: string } {
  if (typeof raw === 'string') return { body: { message: raw }, text: raw };
  if (raw && typeof raw === 'object') {
    const o = raw as Record<string, unknown>;
    const body: ProviderErrorBody = {};
    if (typeof o['message'] === 'string') body.message = o['message'];
    if (typeof o['code'] === 'string') body.code = o['code'];
    if (typeof o['type'] === 'string') body.type = o['type'];
    if (typeof o['resets_in_seconds'] === 'number') body.resets_in_seconds = o['resets_in_seconds'];
    return { body, text: JSON.stringify(raw) };
  }
  return { body: {}, text: '' };
}

/** Maps an HTTP error status (and the provider's `error` object) to a ModelClientError. */
export function httpStatusError(
  status: number,
  rawError: unknown,
  headers: Headers,
  ctx: RequestContext,
  cause?: unknown,
): ModelClientError {
  const { body, text } = providerError(rawError);
  const statusLine = `${status} ${STATUS_CODES[status] ?? ''}`.trim();
  const msg = body.message ?? text;
  const code = body.code ?? body.type;
  const details = {
    status,
    cause,
    ...(code !== undefined ? { providerCode: code } : {}),
  };
  const unexpected = `unexpected status ${statusLine}: ${msg || '(no body)'}, url: ${ctx.url}`;
  if (code === 'context_length_exceeded') {
    return new ModelClientError('context_window_exceeded', CONTEXT_WINDOW_EXCEEDED_MESSAGE, details);
  }
  if (code === 'model_not_found' || (status === 404 && /model/i.test(msg))) {
    return new ModelClientError(
      'model_not_found',
      `model \`${ctx.model}\` is not available from provider ${ctx.providerName} (${msg || statusLine}). Pick another model with -m or check the provider's model list.`,
      details,
    );
  }
  if (status === 401 || status === 403) {
    return new ModelClientError(
      'unauthorized',
      `${unexpected}. Check the API key for provider ${ctx.providerName} (OPENAI_API_KEY / CODEX_API_KEY / \`codex login\`, or the provider's env_key).`,
      details,
    );
  }
  if (status === 429) return rateLimitError(body, msg, headers, details);
  if (status >= 500) {
    const retryAfterMs = parseRetryAfter(headers);
    return new ModelClientError('server_error', unexpected, {
      ...details,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
  }
  return new ModelClientError('invalid_request', unexpected, details);
}

const USAGE_LIMIT_CODES = new Set(['usage_limit_reached', 'usage_not_included', 'insufficient_quota']);

function rateLimitError(
  body: ProviderErrorBody,
  msg: string,
  headers: Headers,
  details: { status: number; cause?: unknown; providerCode?: string },
): ModelClientError {
  const usageCode = [body.code, body.type].find((c) => c !== undefined && USAGE_LIMIT_CODES.has(c));
  if (usageCode !== undefined) {
    return new ModelClientError('usage_limit', usageLimitMessage(usageCode, body.resets_in_seconds, msg), details);
  }
  const retryAfterMs = parseRetryAfter(headers) ?? parseTryAgainIn(msg);
  return new ModelClientError('rate_limited', 'exceeded retry limit, last status: 429 Too Many Requests', {
    ...details,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
}

/** Codex's usage-limit wording, with the reset time when the server gives one. */
export function usageLimitMessage(code: string, resetsInSeconds: number | undefined, detail: string): string {
  if (code === 'insufficient_quota') {
    return `Quota exceeded. Check your plan and billing details.${detail ? ` (${detail})` : ''}`;
  }
  if (code === 'usage_not_included') {
    return 'To use Codex with your ChatGPT plan, upgrade to Plus: https://openai.com/chatgpt/pricing.';
  }
  const when = resetsInSeconds !== undefined ? ` Try again in ${formatDuration(resetsInSeconds)}.` : ' Try again later.';
  return `You've hit your usage limit.${when}`;
}

function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h > 0) return `${h} hour${h === 1 ? '' : 's'} ${m} minute${m === 1 ? '' : 's'}`;
  if (m > 0) return `${m} minute${m === 1 ? '' : 's'}`;
  return `${s} second${s === 1 ? '' : 's'}`;
}
