// Turns (argv, policy, backend) into the exact executable, arguments and environment
// that run the command under that backend. Pure apart from the backend probe.
import { bwrapArgs } from './bwrap.js';
import { SandboxError } from './errors.js';
import { defaultHelperPath } from './locate.js';
import { limitsProblems, networkAllowed, type ResourceLimits, type SandboxPolicy } from './policy.js';
import { probeReaper, resolveBackend, type SandboxBackend, type SandboxBackendChoice, type ProbeOptions } from './probe.js';

/** Environment variable Codex sets whenever the policy denies network. */
export const NETWORK_DISABLED_ENV_VAR = 'CODEX_SANDBOX_NETWORK_DISABLED';

/** Inputs of {@link buildSandboxCommand}. */
export interface SandboxCommandOptions extends ProbeOptions {
  argv: readonly string[];
  /** The command's working directory. */
  cwd: string;
  /**
   * The directory the policy is taken from: its `cwd` writable root and relative roots
   * (Codex's `sandbox_policy_cwd`; default `cwd`). Callers running a model-chosen workdir
   * pass the session's cwd here, so the workdir is only where the command starts.
   */
  policyCwd?: string;
  policy: SandboxPolicy;
  env?: Record<string, string | undefined>;
  backend?: SandboxBackendChoice;
  limits?: ResourceLimits;
  /**
   * The command runs on a terminal made for it (a PTY whose session the spawned process
   * leads, as node-pty starts it): the sandboxed command gets that terminal as its
   * controlling terminal in its own session (`/dev/tty`, job control, Ctrl-C to its
   * foreground group; `/dev/console` names it inside). Without it the command has none.
   */
  tty?: boolean;
}

/** What to spawn. */
export interface SandboxCommand {
  file: string;
  args: string[];
  env: Record<string, string>;
  backend: SandboxBackend;
  /**
   * True when `file` is the helper as reaper: it kills every descendant (even those that
   * left the process group) when the command exits or on SIGTERM. Stop it with
   * {@link REAPER_KILL_SEQUENCE}: SIGTERM the helper's pid, and SIGKILL the group only once
   * it has exited (a SIGKILL would stop it before it cleans up).
   */
  reaper: boolean;
}

/** How to stop a reaping helper: SIGTERM it, then SIGKILL its group when it has exited, or both after graceMs. */
export const REAPER_KILL_SEQUENCE = { first: 'SIGTERM', graceMs: 500 } as const;

function helperArgs(o: SandboxCommandOptions, seccompOnly: boolean): string[] {
  // Inside bwrap its pid namespace already takes every descendant down with the command.
  const args = seccompOnly ? ['--seccomp-only', '--no-reap'] : [];
  if (o.tty) args.push('--pty');
  args.push('--policy', JSON.stringify(o.policy), '--cwd', o.policyCwd ?? o.cwd);
  if (o.limits && Object.keys(o.limits).length > 0) args.push('--limits', JSON.stringify(o.limits));
  return [...args, '--', ...o.argv];
}

/** The command's environment: the caller's, plus CODEX_SANDBOX_NETWORK_DISABLED=1 without network. */
export function sandboxEnv(policy: SandboxPolicy, env: Record<string, string | undefined> = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  if (!networkAllowed(policy)) out[NETWORK_DISABLED_ENV_VAR] = '1';
  return out;
}

/**
 * Resolves the backend (probing once per process) and builds the command line.
 * Throws SandboxError when no backend can run it; the command is then not run.
 */
export function buildSandboxCommand(o: SandboxCommandOptions): SandboxCommand {
  if (o.argv.length === 0) throw new SandboxError('invalid_options', 'spawnSandboxed: argv is empty; give the command to run.');
  const problems = limitsProblems(o.limits);
  if (problems.length > 0) throw new SandboxError('invalid_options', `Invalid sandbox resource limits: ${problems.join('; ')}. Fix \`[sandbox.limits]\` in config.toml.`);
  const env = sandboxEnv(o.policy, o.env);
  const { backend, probe } = resolveBackend(o.backend ?? 'auto', o.policy, o);
  const hasLimits = o.limits !== undefined && Object.keys(o.limits).length > 0;
  switch (backend) {
    case 'none': {
      // The helper, when built, only reaps (and applies limits): no sandbox, no no_new_privs.
      const limits = hasLimits ? ['--limits', JSON.stringify(o.limits)] : [];
      if (probeReaper(o)) {
        return { file: o.helperPath ?? defaultHelperPath(), args: ['--no-sandbox', ...limits, '--', ...o.argv], env, backend, reaper: true };
      }
      if (!hasLimits) return { file: o.argv[0]!, args: o.argv.slice(1), env, backend, reaper: false };
      // rlimits need the helper (this reports why it cannot run).
      return { file: o.helperPath ?? defaultHelperPath(), args: ['--no-sandbox', ...limits, '--', ...o.argv], env, backend, reaper: true };
    }
    case 'landlock':
      return { file: probe!.path!, args: helperArgs(o, false), env, backend, reaper: true };
    case 'bwrap': {
      // helper --outer (placeholders for absent protected names, reaping) -> bwrap (the
      // view, namespaces) -> helper --seccomp-only (seccomp, scopes, limits) -> command.
      const helper = o.helperPath ?? defaultHelperPath();
      const outer = ['--outer', ...(o.tty ? ['--pty'] : []), '--policy', JSON.stringify(o.policy), '--cwd', o.policyCwd ?? o.cwd, '--', probe!.path!];
      const args = [...outer, ...bwrapArgs({ policy: o.policy, cwd: o.cwd, ...(o.policyCwd !== undefined ? { policyCwd: o.policyCwd } : {}), env }), '--', helper, ...helperArgs(o, true)];
      return { file: helper, args, env, backend, reaper: true };
    }
  }
}
