// The full Seatbelt profile for a policy and the exact sandbox-exec argv: writable roots
// are passed as -D parameters (WRITABLE_ROOT_i, WRITABLE_ROOT_i_RO_j) so paths never
// need escaping inside the SBPL text; network rules only when the policy allows it.
import { SEATBELT_BASE_POLICY } from './base-policy.js';
import { networkAllowed, seatbeltWritableRoots, type SandboxPolicy, type WritableRoot } from './policy.js';

/** Only this sandbox-exec is trusted (a PATH lookup could be hijacked). */
export const SANDBOX_EXEC_PATH = '/usr/bin/sandbox-exec';
/** Set in the command's environment under Seatbelt. */
export const CODEX_SANDBOX_ENV_VAR = 'CODEX_SANDBOX';
/** Set to "1" whenever the policy denies network. */
export const NETWORK_DISABLED_ENV_VAR = 'CODEX_SANDBOX_NETWORK_DISABLED';

const READ_POLICY = '; allow read-only file operations\n(allow file-read*)';
const NETWORK_POLICY = '(allow network-outbound)\n(allow network-inbound)\n(allow system-socket)';

/** Options shared by the profile and argv builders. */
export interface SeatbeltOptions {
  policy: SandboxPolicy;
  cwd: string;
  /** The command's environment (its TMPDIR is a writable root). Default process.env. */
  env?: Record<string, string | undefined>;
}

function writePolicy(policy: SandboxPolicy, roots: WritableRoot[]): string {
  if (policy.mode === 'danger-full-access') return '(allow file-write* (regex #"^/"))';
  if (roots.length === 0) return '';
  const parts = roots.map((r, i) => {
    if (r.read_only_subpaths.length === 0) return `(subpath (param "WRITABLE_ROOT_${i}"))`;
    const excluded = r.read_only_subpaths.map((_, j) => `(require-not (subpath (param "WRITABLE_ROOT_${i}_RO_${j}")))`);
    return `(require-all (subpath (param "WRITABLE_ROOT_${i}")) ${excluded.join(' ')} )`;
  });
  return `(allow file-write*\n${parts.join(' ')}\n)`;
}

/** The SBPL profile text passed to `sandbox-exec -p`. */
export function seatbeltProfile(policy: SandboxPolicy, cwd: string, env: Record<string, string | undefined> = process.env): string {
  const roots = seatbeltWritableRoots(policy, cwd, env);
  const network = networkAllowed(policy) ? NETWORK_POLICY : '';
  return `${SEATBELT_BASE_POLICY}\n${READ_POLICY}\n${writePolicy(policy, roots)}\n${network}`;
}

/** The -D parameters naming each writable root and its read-only subpaths. */
export function seatbeltParams(policy: SandboxPolicy, cwd: string, env: Record<string, string | undefined> = process.env): string[] {
  const params: string[] = [];
  seatbeltWritableRoots(policy, cwd, env).forEach((r, i) => {
    params.push(`-DWRITABLE_ROOT_${i}=${r.root}`);
    r.read_only_subpaths.forEach((p, j) => params.push(`-DWRITABLE_ROOT_${i}_RO_${j}=${p}`));
  });
  return params;
}

/** The complete argv: `/usr/bin/sandbox-exec -p PROFILE -DWRITABLE_ROOT_0=... -- CMD...`. */
export function seatbeltArgv(opts: SeatbeltOptions & { command: readonly string[] }): string[] {
  return [
    SANDBOX_EXEC_PATH,
    '-p',
    seatbeltProfile(opts.policy, opts.cwd, opts.env),
    ...seatbeltParams(opts.policy, opts.cwd, opts.env),
    '--',
    ...opts.command,
  ];
}

/** The command's environment under Seatbelt: CODEX_SANDBOX=seatbelt, and the network flag. */
export function seatbeltEnv(policy: SandboxPolicy, env: Record<string, string | undefined> = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  out[CODEX_SANDBOX_ENV_VAR] = 'seatbelt';
  if (!networkAllowed(policy)) out[NETWORK_DISABLED_ENV_VAR] = '1';
  return out;
}
