// PLACEHOLDER owned by the fleet-gateway lane: only the contract types and a `startGateway`
// that reports the gateway as unavailable, so fleet-queue builds on its own. The lead keeps
// fleet-gateway's implementation of this file at merge.
import type { Logger } from 'pino';
import { FleetError } from '../errors.js';

/** One upstream provider the gateway balances over. */
export interface FleetProvider {
  id: string;
  baseUrl: string;
  wireApi: 'responses' | 'chat';
  apiKey?: string;
  headers?: Record<string, string>;
  weight: number;
}

/** Options for {@link startGateway}. */
export interface GatewayOptions {
  redisUrl: string;
  providers: FleetProvider[];
  /** Default 'codex-fleet'. */
  keyPrefix?: string;
  logger?: Logger;
}

/** A running gateway. */
export interface Gateway {
  /** Base URL for one task: http://127.0.0.1:<port>/t/<taskId>/v1 */
  baseUrlFor(taskId: string): string;
  /** `-c` overrides that make `codex exec` use the gateway for this task (model_provider etc). */
  execOverrides(taskId: string, wireApi?: 'responses' | 'chat'): string[];
  usage(taskId?: string): Promise<{
    input_tokens: number;
    cached_input_tokens: number;
    output_tokens: number;
    reasoning_output_tokens: number;
    total_tokens: number;
  }>;
  close(): Promise<void>;
}

/** Placeholder: the gateway is built by the fleet-gateway lane. */
export function startGateway(_opts: GatewayOptions): Promise<Gateway> {
  return Promise.reject(new FleetError('gateway_unavailable', 'the fleet provider gateway is not part of this build ([[fleet.providers]] needs it)'));
}
