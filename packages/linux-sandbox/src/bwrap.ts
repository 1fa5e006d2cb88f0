// The bubblewrap backend's argv: the whole filesystem read-only, writable roots bound
// read-write, their protected names (.git, .codex, .agents; placeholders made by the
// helper's --outer mode when absent) re-bound read-only, fresh /dev and /proc with
// /proc/sys read-only, new user/pid/ipc (and, without network, net) namespaces, a new
// session, no capabilities. Seccomp, no_new_privs, Landlock scopes and rlimits come from
// the helper run inside in --seccomp-only mode.
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
  // After every writable bind, so a parent root bound later cannot re-expose them. `-try`:
  // a name the user could not create (no write permission on the root) has no placeholder.
  for (const r of roots) for (const p of r.read_only_subpaths) args.push('--ro-bind-try', p, p);
  args.push('--unshare-user', '--unshare-pid', '--unshare-ipc');
  if (!networkAllowed(policy)) args.push('--unshare-net');
  // Host sysctls: as uid 0 (mapped to itself) they would be writable through a fresh proc.
  args.push('--proc', '/proc', '--ro-bind', '/proc/sys', '/proc/sys', '--cap-drop', 'ALL', '--chdir', cwd);
  return args;
}
