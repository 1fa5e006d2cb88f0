// Chooses how a command is started for a sandbox decision: plainly, under the Linux helper
// or bubblewrap (`@codex-ts/linux-sandbox`), or under Seatbelt on macOS. A sandbox that
// cannot be set up throws SandboxError; callers report it and never run unsandboxed.
// The policy's writable roots come from the session (`policyCwd`, the policy's own roots,
// TMPDIR per policy), never from the request: a request's cwd is only where the child starts.
import { spawn } from 'node:child_process';
import { buildSandboxCommand, probeReaper, SandboxError, startProbes, type ResourceLimits, type SandboxBackendChoice } from '@codex-ts/linux-sandbox';
import { SandboxTableSchema, type SandboxPolicy } from '@codex-ts/protocol';
import { seatbeltArgv, seatbeltEnv } from '@codex-ts/seatbelt';
import { markReaper, plainSpawn, type SpawnChild } from './runner.js';

/** `[sandbox]` settings from config.toml (codex-ts extension). */
export interface SandboxSettings {
  backend?: SandboxBackendChoice;
  limits?: ResourceLimits;
}

/**
 * `[sandbox]` from the TOML table. config.toml was validated at load (SandboxTableSchema:
 * backend name, whole-number limits in range, each error naming its key); this parses
 * again so a table built another way cannot slip an unchecked value through.
 */
export function sandboxSettings(table: Record<string, unknown> | undefined): SandboxSettings {
  const parsed = SandboxTableSchema.safeParse(table ?? {}, { jitless: true });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new SandboxError('invalid_options', `Invalid \`sandbox.${issue.path.map(String).join('.')}\` in config.toml: ${issue.message}.`);
  }
  const out: SandboxSettings = {};
  if (parsed.data.backend) out.backend = parsed.data.backend;
  if (parsed.data.limits) out.limits = parsed.data.limits as ResourceLimits;
  return out;
}

/**
 * Starts probing, in the background at session start, the Linux sandbox backend(s) the
 * session's `[sandbox] backend` can use, so no command waits for a probe (until they answer,
 * the backend is predicted and the helper itself refuses if the prediction was wrong).
 * Never throws (a bad table is reported when a command resolves its sandbox); a no-op off Linux.
 */
export function warmSandboxProbes(table?: Record<string, unknown>): void {
  let choice: SandboxBackendChoice = 'auto';
  try {
    choice = sandboxSettings(table).backend ?? 'auto';
  } catch {
    // reported by the first sandboxed command
  }
  void startProbes({}, choice);
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
