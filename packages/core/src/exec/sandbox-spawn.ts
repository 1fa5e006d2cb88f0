// Chooses how a command is started for a sandbox decision: plainly, under the Linux helper
// or bubblewrap (`@codex-ts/linux-sandbox`), or under Seatbelt on macOS. A sandbox that
// cannot be set up throws SandboxError; callers report it and never run unsandboxed.
// The policy's writable roots come from the session (`policyCwd`, the policy's own roots,
// TMPDIR per policy), never from the request: a request's cwd is only where the child starts.
import { spawn } from 'node:child_process';
import { buildSandboxCommand, probeReaper, SandboxError, type ResourceLimits, type SandboxBackendChoice } from '@codex-ts/linux-sandbox';
import type { SandboxPolicy } from '@codex-ts/protocol';
import { seatbeltArgv, seatbeltEnv } from '@codex-ts/seatbelt';
import { markReaper, plainSpawn, type SpawnChild } from './runner.js';

/** `[sandbox]` settings from config.toml (codex-ts extension). */
export interface SandboxSettings {
  backend?: SandboxBackendChoice;
  limits?: ResourceLimits;
}

/** Read `[sandbox]` leniently from the TOML table. */
export function sandboxSettings(table: Record<string, unknown> | undefined): SandboxSettings {
  const out: SandboxSettings = {};
  const b = table?.backend;
  if (typeof b === 'string') out.backend = b as SandboxBackendChoice;
  const l = table?.limits;
  if (l && typeof l === 'object' && !Array.isArray(l)) out.limits = l as ResourceLimits;
  return out;
}

/**
 * Without a sandbox: on Linux through the helper's reaper mode when it is built (no
 * sandbox, no no_new_privs; it only kills whatever the command leaves behind, even
 * processes that left its group), else a plain spawn.
 */
export const unsandboxedSpawn: SpawnChild = (req) => {
  if (process.platform !== 'linux' || !probeReaper()) return plainSpawn(req);
  const cmd = buildSandboxCommand({ argv: req.argv, cwd: req.cwd, policy: { mode: 'danger-full-access' }, env: req.env, backend: 'none' });
  const child = spawn(cmd.file, cmd.args, { cwd: req.cwd, env: cmd.env, stdio: [req.stdin ?? 'ignore', 'pipe', 'pipe'], detached: true });
  return cmd.reaper ? markReaper(child) : child;
};

/** Inputs of {@link spawnerFor}. */
export interface SpawnerOptions {
  policy: SandboxPolicy;
  /**
   * The session's cwd: the policy's `cwd` root and the base of its relative roots. Never a
   * tool call's workdir (that is only the cwd each request starts in).
   */
  policyCwd: string;
  sandboxed: boolean;
  settings: SandboxSettings;
}

/** The SpawnChild for a policy; `sandboxed === false` means run without a sandbox. */
export function spawnerFor(opts: SpawnerOptions): SpawnChild {
  if (!opts.sandboxed || opts.policy.mode === 'danger-full-access') return unsandboxedSpawn;
  const policyCwd = opts.policyCwd;
  if (process.platform === 'darwin') {
    return ({ argv, cwd, env, stdin }) => {
      const [file, ...args] = seatbeltArgv({ policy: opts.policy, cwd: policyCwd, env, command: argv });
      return spawn(file!, args, { cwd, env: seatbeltEnv(opts.policy, env), stdio: [stdin ?? 'ignore', 'pipe', 'pipe'], detached: true });
    };
  }
  if (process.platform !== 'linux') {
    throw new SandboxError('no_backend_available', `No sandbox exists for ${process.platform}; set sandbox_mode = "danger-full-access" to run commands without one.`);
  }
  return ({ argv, cwd, env, stdin }) => {
    const cmd = buildSandboxCommand({ argv, cwd, policyCwd, policy: opts.policy, env, ...(opts.settings.backend ? { backend: opts.settings.backend } : {}), ...(opts.settings.limits ? { limits: opts.settings.limits } : {}) });
    const child = spawn(cmd.file, cmd.args, { cwd, env: cmd.env, stdio: [stdin ?? 'ignore', 'pipe', 'pipe'], detached: true });
    return cmd.reaper ? markReaper(child) : child;
  };
}
