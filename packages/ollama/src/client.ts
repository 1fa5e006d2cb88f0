// OllamaClient: talks to Ollama's native API at the host root of the `oss` provider's
// base URL (`http://host:11434/v1` -> `http://host:11434`). It probes the server, lists
// the local models, pulls one with streaming progress, and `ensureModelReady` chains them
// (codex-rs `ensure_oss_ready`). Every failure is an OllamaError; an abort rethrows as is.
import { OllamaError } from './errors.js';
import { pullEventsFromLine, readNdjson, type PullEvent } from './pull-events.js';

/** Codex's default model for `--oss`. */
export const DEFAULT_OSS_MODEL = 'gpt-oss:20b';

/** Where Ollama listens when nothing else is configured. */
export const DEFAULT_OLLAMA_BASE_URL = 'http://localhost:11434/v1';

/** How long `probe` waits for an answer before calling the server unreachable. */
export const DEFAULT_PROBE_TIMEOUT_MS = 5_000;

const INSTALL_HINT = 'Install instructions: https://github.com/ollama/ollama?tab=readme-ov-file#ollama';

/** Options of `new OllamaClient(...)`. */
export interface OllamaClientOptions {
  /** The provider base URL (`http://localhost:11434/v1`) or the host root itself. */
  baseUrl: string;
  /** The fetch to use (default: the global fetch). */
  fetch?: typeof fetch;
  /** Probe timeout in ms (default 5000). */
  probeTimeoutMs?: number;
}

/** Options of the calls that only need to be cancellable. */
export interface OllamaCallOptions {
  signal?: AbortSignal;
}

/** Options of `pullModel` and `ensureModelReady`. */
export interface PullOptions extends OllamaCallOptions {
  /** Called for every pull event, in order. */
  onProgress?: (event: PullEvent) => void;
}

/** What `ensureModelReady` did. */
export interface EnsureModelResult {
  /** Whether the model had to be pulled. */
  pulled: boolean;
}

/** The Ollama host root for a provider base URL: trailing slashes and a trailing `/v1` removed. */
export function hostRootFromBaseUrl(baseUrl: string): string {
  let root = baseUrl.trim().replace(/\/+$/, '');
  if (root.endsWith('/v1')) root = root.slice(0, -3).replace(/\/+$/, '');
  return root;
}

/** A client for one local Ollama server. */
export class OllamaClient {
  /** The native API root, e.g. `http://localhost:11434`. */
  readonly hostRoot: string;
  private readonly fetchImpl: typeof fetch;
  private readonly probeTimeoutMs: number;

  constructor(opts: OllamaClientOptions) {
    this.hostRoot = hostRootFromBaseUrl(opts.baseUrl);
    this.fetchImpl = opts.fetch ?? globalThis.fetch;
    this.probeTimeoutMs = opts.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  }

  /**
   * Checks that a server answers `GET /api/version`; resolves to its version string
   * (empty when it does not say). Throws `unreachable` naming the URL otherwise.
   */
  async probe(opts: OllamaCallOptions = {}): Promise<string> {
    const url = `${this.hostRoot}/api/version`;
    const timeout = AbortSignal.timeout(this.probeTimeoutMs);
    const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
    let res: Response;
    try {
      res = await this.fetchImpl(url, { signal });
    } catch (err: unknown) {
      if (opts.signal?.aborted) throw err;
      const why = timeout.aborted ? `no answer within ${this.probeTimeoutMs} ms` : describe(err);
      throw new OllamaError('unreachable', unreachableMessage(this.hostRoot, why), { cause: err });
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new OllamaError('unreachable', unreachableMessage(this.hostRoot, `GET ${url} answered HTTP ${res.status}`));
    }
    const body = await this.readJson(res, url);
    return typeof body['version'] === 'string' ? body['version'] : '';
  }

  /** The names of the locally available models (`GET /api/tags`). */
  async listModels(opts: OllamaCallOptions = {}): Promise<string[]> {
    const url = `${this.hostRoot}/api/tags`;
    const res = await this.request(url, { ...(opts.signal ? { signal: opts.signal } : {}) });
    const body = await this.readJson(res, url);
    const models = body['models'];
    if (!Array.isArray(models)) throw new OllamaError('bad_response', `GET ${url}: expected {"models": [...]}`);
    return models
      .map((m: unknown) => (typeof m === 'object' && m !== null ? (m as Record<string, unknown>)['name'] : undefined))
      .filter((n): n is string => typeof n === 'string');
  }

  /**
   * Pulls `model` (`POST /api/pull`, streamed NDJSON), reporting every event to
   * `onProgress`. Resolves on `success`; throws `pull_failed` on an error line or
   * when the stream ends without `success`.
   */
  async pullModel(model: string, opts: PullOptions = {}): Promise<void> {
    const url = `${this.hostRoot}/api/pull`;
    const res = await this.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model, stream: true }),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    if (!res.body) throw new OllamaError('bad_response', `POST ${url}: the response has no body`);
    try {
      for await (const line of readNdjson(res.body, url)) {
        for (const event of pullEventsFromLine(line, model)) {
          opts.onProgress?.(event);
          if (event.type === 'success') return;
        }
      }
    } catch (err: unknown) {
      if (err instanceof OllamaError || opts.signal?.aborted) throw err;
      throw new OllamaError('pull_failed', `Pulling ${model} failed: the stream from ${url} broke: ${describe(err)}`, { cause: err });
    } finally {
      // Leaving early (success, error line) must not leave the connection streaming.
      await res.body.cancel().catch(() => undefined);
    }
    throw new OllamaError('pull_failed', `Pulling ${model} failed: the stream from ${url} ended before "success"`);
  }

  /** Probe the server, list its models, and pull `model` when it is not there yet. */
  async ensureModelReady(model: string, opts: PullOptions = {}): Promise<EnsureModelResult> {
    const call = opts.signal ? { signal: opts.signal } : {};
    await this.probe(call);
    const models = await this.listModels(call);
    if (models.includes(model)) return { pulled: false };
    await this.pullModel(model, opts);
    return { pulled: true };
  }

  /** fetch with transport errors and non-2xx answers turned into OllamaErrors. */
  private async request(url: string, init: RequestInit): Promise<Response> {
    const method = init.method ?? 'GET';
    let res: Response;
    try {
      res = await this.fetchImpl(url, init);
    } catch (err: unknown) {
      if (init.signal?.aborted) throw err;
      throw new OllamaError('unreachable', unreachableMessage(this.hostRoot, `${method} ${url}: ${describe(err)}`), { cause: err });
    }
    if (!res.ok) {
      const text = await res.text().catch(() => '');
      const detail = errorText(text);
      const code = method === 'POST' && url.endsWith('/api/pull') ? 'pull_failed' : 'http_status';
      throw new OllamaError(code, `${method} ${url} answered HTTP ${res.status}${detail ? `: ${detail}` : ''}`);
    }
    return res;
  }

  private async readJson(res: Response, url: string): Promise<Record<string, unknown>> {
    const text = await res.text();
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch (err: unknown) {
      throw new OllamaError('bad_response', `${url} did not answer JSON: ${text.slice(0, 200)}`, { cause: err });
    }
    throw new OllamaError('bad_response', `${url} did not answer a JSON object: ${text.slice(0, 200)}`);
  }
}

function unreachableMessage(root: string, why: string): string {
  return `No running Ollama server detected at ${root} (${why}): is Ollama running? (ollama serve) ${INSTALL_HINT}`;
}

/** The message of an error, with the cause's (fetch hides ECONNREFUSED there). */
function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? err.cause.message : undefined;
  return cause && cause !== err.message ? `${err.message}: ${cause}` : err.message;
}

/** Ollama's `{"error": "..."}` body, else the raw text (shortened). */
function errorText(text: string): string {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null) {
      const e = (value as Record<string, unknown>)['error'];
      if (typeof e === 'string') return e;
      if (typeof e === 'object' && e !== null && typeof (e as Record<string, unknown>)['message'] === 'string') {
        return (e as Record<string, unknown>)['message'] as string;
      }
    }
  } catch {
    // Not JSON: show the text itself.
  }
  return text.trim().slice(0, 200);
}
