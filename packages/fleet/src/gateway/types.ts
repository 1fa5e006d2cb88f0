// The fleet-queue <-> fleet-gateway contract (binding between the two lanes) plus the
// optional tuning knobs the gateway accepts. Wire names follow config.toml where they exist.

/** One upstream model provider the gateway may send a task's requests to. */
export interface FleetProvider {
  /** The `[model_providers.<id>]` key it came from; also its rate-limit key in Redis. */
  id: string;
  /** e.g. `https://api.openai.com/v1` (paths after the gateway's `/v1` are appended). */
  baseUrl: string;
  /** Which HTTP API it speaks; a request is only sent to providers of its own wire. */
  wireApi: 'responses' | 'chat';
  /** Sent as `Authorization: Bearer <apiKey>`; the client's own credential never is. */
  apiKey?: string;
  /** Extra request headers (e.g. `api-key` for Azure), set over the client's. */
  headers?: Record<string, string>;
  /** Relative share of requests, > 0. */
  weight: number;
}

/** Minimal logger shape (a pino Logger fits). */
export interface GatewayLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** What `startGateway` takes. */
export interface GatewayOptions {
  /** `redis://host:port[/db]`: limits and usage live there, shared by every gateway. */
  redisUrl: string;
  providers: FleetProvider[];
  /** Prefix of every Redis key (default `codex-fleet`). */
  keyPrefix?: string;
  /** A pino logger (or anything with debug/info/warn/error); silent when absent. */
  logger?: GatewayLogger;
  /** Longest a request waits for a rate-limited provider to free up (default 50 000 ms). */
  maxWaitMs?: number;
  /** Most upstream attempts per request before the last failure is returned (default 10). */
  maxAttempts?: number;
  /** Listen address (default 127.0.0.1, port 0 = any free port). */
  host?: string;
  port?: number;
}

/** Token usage, as `codex exec --json` reports it in `turn.completed`. */
export interface TokenUsage {
  input_tokens: number;
  cached_input_tokens: number;
  output_tokens: number;
  reasoning_output_tokens: number;
  total_tokens: number;
}

/** A running gateway. */
export interface Gateway {
  /** Base URL for one task: http://127.0.0.1:<port>/t/<taskId>/v1 */
  baseUrlFor(taskId: string): string;
  /** `-c` overrides that make `codex exec` use the gateway for this task (model_provider etc). */
  execOverrides(taskId: string, wireApi?: 'responses' | 'chat'): string[];
  /** Usage of one task, or of every task through every gateway sharing the Redis. */
  usage(taskId?: string): Promise<TokenUsage>;
  /** Stops listening, aborts requests in flight, closes the Redis connection. */
  close(): Promise<void>;
}

/** The token fields, in the order they are stored. */
export const USAGE_FIELDS = ['input_tokens', 'cached_input_tokens', 'output_tokens', 'reasoning_output_tokens', 'total_tokens'] as const;
