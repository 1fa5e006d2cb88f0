/**
 * @codex-ts/fleet: many headless codex tasks across machines on Redis + BullMQ.
 * `codex fleet submit|worker|status|watch|cancel|results` are built on this package.
 */
export const PACKAGE_NAME = '@codex-ts/fleet';
export { GATEWAY_PROVIDER_ID, GatewayError, startGateway } from './gateway/index.js';
export type { FleetProvider, Gateway, GatewayErrorCode, GatewayLogger, GatewayOptions, TokenUsage } from './gateway/index.js';
