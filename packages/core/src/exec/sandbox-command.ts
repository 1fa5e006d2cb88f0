// The argv a command runs as under a sandbox decision, without spawning it: the same
// wrapping `spawnerFor` applies (Linux helper or bubblewrap, Seatbelt on macOS, the
// reaping helper when unsandboxed), for callers that start the process themselves (a PTY).
import { buildSandboxCommand, probeReaper, SandboxError } from '@codex-ts/linux-sandbox';
import type { SandboxPolicy } from '@codex-ts/protocol';
import { seatbeltArgv, seatbeltEnv } from '@codex-ts/seatbelt';
import type { SandboxSettings } from './sandbox-spawn.js';

/** A command ready to exec: `file args...` with `env`; `reaper` = the leader is the reaping helper. */
export interface WrappedCommand {
  file: string;
  args: string[];
  env: Record<string, string>;
  reaper: boolean;
}

/**
 * Wrap `argv` for the policy; `sandboxed: false` runs it without a sandbox. Throws
 * SandboxError. `policyCwd` is the session's working directory the policy's writable roots
 * are resolved against; the directory the command starts in (a tool call's `workdir`) is
 * the spawn's cwd and never widens the policy.
 */
export function wrapCommand(opts: {
  argv: string[];
  policyCwd: string;
  /** Where the command starts (default: policyCwd). */
  cwd?: string;
  env: Record<string, string>;
  policy: SandboxPolicy;
  sandboxed: boolean;
  settings: SandboxSettings;
  /** The caller starts it on a PTY made for it: the sandboxed command gets it as its controlling terminal. */
  tty?: boolean;
}): WrappedCommand {
  const { argv, env } = opts;
  const cwd = opts.policyCwd;
  if (argv.length === 0) throw new SandboxError('invalid_options', 'empty command');
  if (!opts.sandboxed || opts.policy.mode === 'danger-full-access') {
    if (process.platform !== 'linux' || !probeReaper()) return { file: argv[0]!, args: argv.slice(1), env, reaper: false };
    const cmd = buildSandboxCommand({ argv, cwd, policy: { mode: 'danger-full-access' }, env, backend: 'none' });
    return { file: cmd.file, args: cmd.args, env: cmd.env, reaper: cmd.reaper };
  }
  if (process.platform === 'darwin') {
    const [file, ...args] = seatbeltArgv({ policy: opts.policy, cwd, env, command: argv });
    return { file: file!, args, env: seatbeltEnv(opts.policy, env), reaper: false };
  }
  if (process.platform !== 'linux') {
    throw new SandboxError('no_backend_available', `No sandbox exists for ${process.platform}; set sandbox_mode = "danger-full-access" to run commands without one.`);
  }
  // The policy (writable roots) comes from the session's cwd; the command starts in its own
  // directory (bubblewrap enters it with --chdir, the Landlock helper inherits it).
  const cmd = buildSandboxCommand({
    argv,
    cwd: opts.cwd ?? cwd,
    policyCwd: cwd,
    policy: opts.policy,
    env,
    ...(opts.settings.backend ? { backend: opts.settings.backend } : {}),
    ...(opts.settings.limits ? { limits: opts.settings.limits } : {}),
    ...(opts.tty ? { tty: true } : {}),
  });
  return { file: cmd.file, args: cmd.args, env: cmd.env, reaper: cmd.reaper };
}
