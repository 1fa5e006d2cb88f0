/**
 * The fleet's provider gateway: a local HTTP proxy each task's `codex exec` uses as its model
 * provider, with provider weights, fallback on 429/5xx, rate limits shared by every gateway
 * through Redis, and per-task and total token usage.
 */
export { GATEWAY_PROVIDER_ID, startGateway } from './gateway.js';
export { GatewayError, type GatewayErrorCode } from './errors.js';
export type { FleetProvider, Gateway, GatewayLogger, GatewayOptions, TokenUsage } from './types.js';
