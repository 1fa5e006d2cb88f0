// Turns (argv, policy, backend) into the exact executable, arguments and environment
// that run the command under that backend. Pure apart from the backend probe.
import { bwrapArgs } from './bwrap.js';
import { SandboxError } from './errors.js';
import { defaultHelperPath } from './locate.js';
import { networkAllowed, type ResourceLimits, type SandboxPolicy } from './policy.js';
import { resolveBackend, type SandboxBackend, type SandboxBackendChoice, type ProbeOptions } from './probe.js';

/** Environment variable Codex sets whenever the policy denies network. */
export const NETWORK_DISABLED_ENV_VAR = 'CODEX_SANDBOX_NETWORK_DISABLED';

/** Inputs of {@link buildSandboxCommand}. */
export interface SandboxCommandOptions extends ProbeOptions {
  argv: readonly string[];
  cwd: string;
  policy: SandboxPolicy;
  env?: Record<string, string | undefined>;
  backend?: SandboxBackendChoice;
  limits?: ResourceLimits;
}

/** What to spawn. */
export interface SandboxCommand {
  file: string;
  args: string[];
  env: Record<string, string>;
  backend: SandboxBackend;
}

function helperArgs(o: SandboxCommandOptions, seccompOnly: boolean): string[] {
  const args = seccompOnly ? ['--seccomp-only'] : [];
  args.push('--policy', JSON.stringify(o.policy), '--cwd', o.cwd);
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
  const env = sandboxEnv(o.policy, o.env);
  const { backend, probe } = resolveBackend(o.backend ?? 'auto', o.policy, o);
  const hasLimits = o.limits !== undefined && Object.keys(o.limits).length > 0;
  switch (backend) {
    case 'none': {
      if (!hasLimits) return { file: o.argv[0]!, args: o.argv.slice(1), env, backend };
      // rlimits still need the helper; under danger-full-access it applies nothing else.
      return { file: o.helperPath ?? defaultHelperPath(), args: helperArgs(o, false), env, backend };
    }
    case 'landlock':
      return { file: probe!.path!, args: helperArgs(o, false), env, backend };
    case 'bwrap': {
      const args = [...bwrapArgs({ policy: o.policy, cwd: o.cwd, env }), '--'];
      if (probe!.seccomp) args.push(o.helperPath ?? defaultHelperPath(), ...helperArgs(o, true));
      else if (hasLimits) {
        throw new SandboxError('invalid_options', 'Resource limits under bwrap need the codex-linux-sandbox helper, which is not built or does not run here. Build it with `pnpm --filter @codex-ts/linux-sandbox build`, or drop the limits.');
      } else args.push(...o.argv);
      return { file: probe!.path!, args, env, backend };
    }
  }
}
