/**
 * @codex-ts/seatbelt: the macOS Seatbelt profile for a Codex sandbox policy and the exact
 * `/usr/bin/sandbox-exec` argv and environment to run a command under it.
 */
export type { SandboxPolicy, WritableRoot } from './policy.js';
export { networkAllowed, seatbeltWritableRoots } from './policy.js';
export { SEATBELT_BASE_POLICY } from './base-policy.js';
export type { SeatbeltOptions } from './profile.js';
export {
  seatbeltProfile,
  seatbeltParams,
  seatbeltArgv,
  seatbeltEnv,
  SANDBOX_EXEC_PATH,
  CODEX_SANDBOX_ENV_VAR,
  NETWORK_DISABLED_ENV_VAR,
} from './profile.js';

/** This package's name. */
export const PACKAGE_NAME = '@codex-ts/seatbelt';
