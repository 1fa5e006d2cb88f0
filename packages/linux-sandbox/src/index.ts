/**
 * @codex-ts/linux-sandbox: runs commands under a Codex SandboxPolicy on Linux, through
 * the native Landlock+seccomp helper or bubblewrap, chosen by probing (cached per process).
 */
export type { SandboxPolicy, ResourceLimits, WritableRoot } from './policy.js';
export { networkAllowed, writableRoots, gitPointerTargets, PROTECTED_NAMES, RESOURCE_LIMIT_KEYS, limitsProblems } from './policy.js';
export type { SandboxErrorCode } from './errors.js';
export { SandboxError, SANDBOX_BACKEND_CONFIG_KEY, SANDBOX_WAYS_OUT } from './errors.js';
export { HELPER_EXIT, HELPER_MESSAGE_PREFIX, isHelperSetupFailure } from './exit-codes.js';
export { defaultHelperPath, findBwrap } from './locate.js';
export { bwrapArgs } from './bwrap.js';
export type { BwrapArgsOptions } from './bwrap.js';
export type { SandboxBackend, SandboxBackendChoice, BackendProbe, ProbeOptions } from './probe.js';
export { probeBackend, probeBackends, probeReaper, clearProbeCache, resolveBackend, resolveBackendAsync, startProbes } from './probe.js';
export type { SandboxCommand, SandboxCommandOptions } from './command.js';
export { buildSandboxCommand, sandboxEnv, NETWORK_DISABLED_ENV_VAR, REAPER_KILL_SEQUENCE } from './command.js';
export type { SpawnSandboxedOptions, SandboxResult, SandboxedProcess } from './spawn.js';
export { spawnSandboxed, runSandboxedCommand, TIMEOUT_EXIT_CODE } from './spawn.js';

/** This package's name. */
export const PACKAGE_NAME = '@codex-ts/linux-sandbox';
