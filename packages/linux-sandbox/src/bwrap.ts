// The bubblewrap backend's argv: the whole filesystem read-only, writable roots bound
// read-write, their .git/.codex re-bound read-only, fresh /dev and /proc, new user/pid/
// ipc (and, without network, net) namespaces, no capabilities. Seccomp, no_new_privs
// and rlimits come from the helper run inside in --seccomp-only mode.
import { networkAllowed, writableRoots, type SandboxPolicy } from './policy.js';

/** Inputs of {@link bwrapArgs}. */
export interface BwrapArgsOptions {
  policy: SandboxPolicy;
  /** Where the command starts (`--chdir`). */
  cwd: string;
  /** The directory the policy's writable roots come from (default `cwd`). */
  policyCwd?: string;
  env?: Record<string, string | undefined>;
}

/** bwrap's own arguments (without the bwrap path and without the trailing `--` command). */
export function bwrapArgs({ policy, cwd, policyCwd = cwd, env = process.env }: BwrapArgsOptions): string[] {
  const args = ['--new-session', '--die-with-parent', '--ro-bind', '/', '/', '--dev', '/dev'];
  const roots = writableRoots(policy, policyCwd, env);
  for (const r of roots) args.push('--bind', r.root, r.root);
  // After every writable bind, so a parent root bound later cannot re-expose them.
  for (const r of roots) for (const p of r.read_only_subpaths) args.push('--ro-bind', p, p);
  args.push('--unshare-user', '--unshare-pid', '--unshare-ipc');
  if (!networkAllowed(policy)) args.push('--unshare-net');
  args.push('--proc', '/proc', '--cap-drop', 'ALL', '--chdir', cwd);
  return args;
}
