// Codex's patch decision (safety.rs assess_patch_safety): empty → reject; untrusted → ask;
// inside the writable roots (or on-failure) → run, sandboxed when possible; else ask,
// or reject under `never`.
import { existsSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import type { AskForApproval, SafetyCheck, SandboxPolicy, WritableRoot } from './policy-types.js';

/** Input of `assessPatchSafety`. */
export interface AssessPatchInput {
  /** Every path the patch adds, deletes, updates or moves to (relative to `cwd` or absolute). */
  readonly patchPaths: readonly string[];
  readonly approvalPolicy: AskForApproval;
  readonly sandboxPolicy: SandboxPolicy;
  readonly cwd: string;
  /** Writable roots of a workspace-write sandbox; default: `computeWritableRoots`. */
  readonly writableRoots?: readonly (string | WritableRoot)[];
  /** Whether a platform sandbox exists (default: Linux and macOS). */
  readonly hasPlatformSandbox?: boolean;
}

/** Options of `computeWritableRoots`. */
export interface WritableRootsOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Probe for `<root>/.git` directories and `/tmp` (default: the real filesystem). */
  readonly isDirectory?: (path: string) => boolean;
}

function realIsDirectory(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Codex's `get_writable_roots_with_cwd`: configured roots, `cwd`, `/tmp` and `$TMPDIR`
 * (unless excluded); each root's `.git` directory stays read-only. Empty unless workspace-write.
 */
export function computeWritableRoots(sandboxPolicy: SandboxPolicy, cwd: string, options: WritableRootsOptions = {}): WritableRoot[] {
  if (sandboxPolicy.mode !== 'workspace-write') return [];
  const isDir = options.isDirectory ?? realIsDirectory;
  const env = options.env ?? process.env;
  const roots = [...(sandboxPolicy.writable_roots ?? []), cwd];
  if (!sandboxPolicy.exclude_slash_tmp && isDir('/tmp')) roots.push('/tmp');
  const tmpdir = env.TMPDIR;
  if (!sandboxPolicy.exclude_tmpdir_env_var && tmpdir) roots.push(tmpdir);
  return roots.map((root) => {
    const git = posix.join(root, '.git');
    return isDir(git) ? { root, readOnlySubpaths: [git] } : { root };
  });
}

function within(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith('/') ? root : `${root}/`);
}

/** True when `path` (normalised against `cwd` without touching the disk) is writable. */
export function isPathWritable(path: string, cwd: string, roots: readonly WritableRoot[]): boolean {
  const abs = posix.resolve(cwd, path);
  return roots.some((r) => {
    const root = posix.resolve(r.root);
    return within(abs, root) && !(r.readOnlySubpaths ?? []).some((sub) => within(abs, posix.resolve(root, sub)));
  });
}

/** Decides whether a patch is applied without asking, asked about, or rejected. */
export function assessPatchSafety(input: AssessPatchInput): SafetyCheck {
  const { approvalPolicy, sandboxPolicy } = input;
  if (input.patchPaths.length === 0) return { kind: 'reject', reason: 'empty patch' };
  if (approvalPolicy === 'untrusted') return { kind: 'ask-user' };
  let constrained: boolean;
  if (sandboxPolicy.mode === 'danger-full-access') constrained = true;
  else if (sandboxPolicy.mode === 'read-only') constrained = false;
  else {
    const roots = (input.writableRoots ?? computeWritableRoots(sandboxPolicy, input.cwd)).map((r) =>
      typeof r === 'string' ? { root: r } : r,
    );
    constrained = input.patchPaths.every((p) => isPathWritable(p, input.cwd, roots));
  }
  if (constrained || approvalPolicy === 'on-failure') {
    if (sandboxPolicy.mode === 'danger-full-access') return { kind: 'auto-approve', sandbox: 'none', userExplicitlyApproved: false };
    const platform = input.hasPlatformSandbox ?? (process.platform === 'linux' || process.platform === 'darwin');
    return platform ? { kind: 'auto-approve', sandbox: 'platform', userExplicitlyApproved: false } : { kind: 'ask-user' };
  }
  if (approvalPolicy === 'never') {
    const reason = sandboxPolicy.mode === 'read-only'
      ? 'writing is blocked by read-only sandbox; rejected by user approval settings'
      : 'writing outside of the project; rejected by user approval settings';
    return { kind: 'reject', reason };
  }
  return { kind: 'ask-user' };
}
