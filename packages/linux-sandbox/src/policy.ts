// The sandbox policy as Codex puts it on the wire (`SandboxPolicy`, tag "mode",
// kebab-case) and the derived facts every backend needs: writable roots (with their
// read-only `.git`/`.codex` subpaths) and whether network is allowed.
import { closeSync, fstatSync, lstatSync, openSync, readSync, realpathSync, constants as fsConstants } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { SandboxPolicy } from '@codex-ts/protocol';

/** Codex's `SandboxPolicy` wire shape (tag "mode"), from the protocol package. */
export type { SandboxPolicy };

/** Resource limits applied with setrlimit before the command starts (soft = hard). */
export interface ResourceLimits {
  /** RLIMIT_AS: address space in bytes. */
  memory_bytes?: number;
  /** RLIMIT_CPU: CPU time in seconds (SIGXCPU, then SIGKILL). */
  cpu_seconds?: number;
  /** RLIMIT_NPROC: processes of the user (ignored by the kernel for root). */
  processes?: number;
  /** RLIMIT_FSIZE: largest file the command may write, in bytes. */
  file_size_bytes?: number;
  /** RLIMIT_NOFILE: open file descriptors. */
  open_files?: number;
}

/** The keys of {@link ResourceLimits}, each a whole number from 1 to 2^53 (bytes, seconds or a count). */
export const RESOURCE_LIMIT_KEYS = ['memory_bytes', 'cpu_seconds', 'processes', 'file_size_bytes', 'open_files'] as const;

/**
 * Problems with a resource-limits object, each naming its key (empty when valid): unknown
 * keys, and values that are not whole numbers from 1 to 2^53 (NaN, 1.9, 0, -1, strings).
 * The helper checks again (`--limits`), so a caller skipping this still cannot pass NaN.
 */
export function limitsProblems(limits: unknown): string[] {
  if (limits === undefined) return [];
  if (limits === null || typeof limits !== 'object' || Array.isArray(limits)) return ['limits must be a table of numbers'];
  const out: string[] = [];
  for (const [k, v] of Object.entries(limits)) {
    if (!(RESOURCE_LIMIT_KEYS as readonly string[]).includes(k)) out.push(`unknown limit "${k}" (known: ${RESOURCE_LIMIT_KEYS.join(', ')})`);
    else if (v !== undefined && !(typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 2 ** 53)) {
      out.push(`limit "${k}" must be a whole number from 1 to ${2 ** 53} (got ${typeof v === 'number' ? String(v) : JSON.stringify(v)})`);
    }
  }
  return out;
}

/** A directory the command may write, with the paths that stay read-only (its protected names, and a linked worktree's gitdir and common dir, which may lie elsewhere). */
export interface WritableRoot {
  root: string;
  read_only_subpaths: string[];
}

/**
 * Names directly inside a writable root that stay read-only whether or not they exist
 * (Codex's protected metadata: git's, Codex's own config, agent skills). An absent one
 * cannot be created: the helper mounts a read-only placeholder there while the command runs.
 */
export const PROTECTED_NAMES: readonly string[] = ['.git', '.codex', '.agents', '.aws'];

/** The one path a small pointer file holds (after `prefix`), resolved against dir and canonical; undefined unless it names a directory. */
function readPointer(file: string, prefix: string, dir: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(file, fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW | fsConstants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > 4096) return undefined;
    const buf = Buffer.alloc(st.size);
    const text = buf.subarray(0, readSync(fd, buf, 0, buf.length, 0)).toString('utf8');
    if (!text.startsWith(prefix)) return undefined;
    const target = text.slice(prefix.length).trim();
    if (target === '') return undefined;
    const real = realpathSync(isAbsolute(target) ? target : resolve(dir, target));
    return lstatSync(real).isDirectory() ? real : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/**
 * For a root whose `.git` is a file (a linked worktree or a submodule: `gitdir: <path>`),
 * the gitdir it points to and that gitdir's common directory (its `commondir` file: where
 * git takes hooks and config from). Both stay read-only as a `.git` directory does: Codex
 * protects the gitdir; the common directory is protected here too. Empty otherwise.
 */
export function gitPointerTargets(root: string): string[] {
  const dotGit = join(root, '.git');
  try {
    if (!lstatSync(dotGit).isFile()) return [];
  } catch {
    return [];
  }
  const gitdir = readPointer(dotGit, 'gitdir:', root);
  if (gitdir === undefined) return [];
  const common = readPointer(join(gitdir, 'commondir'), '', gitdir);
  return common !== undefined && common !== gitdir ? [gitdir, common] : [gitdir];
}

/** True when the policy lets commands use the network. */
export function networkAllowed(policy: SandboxPolicy): boolean {
  if (policy.mode === 'danger-full-access') return true;
  if (policy.mode === 'workspace-write') return policy.network_access === true;
  return false;
}

/**
 * Writable roots as Codex computes them (`get_writable_roots_with_cwd`): cwd, the
 * configured roots, `/tmp` and `$TMPDIR` unless excluded. Canonical, existing, deduplicated,
 * parents before children. `env` is the command's environment (its TMPDIR counts).
 */
export function writableRoots(
  policy: SandboxPolicy,
  cwd: string,
  env: Record<string, string | undefined> = process.env,
): WritableRoot[] {
  if (policy.mode !== 'workspace-write') return [];
  const candidates = [cwd, ...(policy.writable_roots ?? [])];
  if (!policy.exclude_slash_tmp) candidates.push('/tmp');
  const tmpdir = env.TMPDIR;
  if (!policy.exclude_tmpdir_env_var && tmpdir) candidates.push(tmpdir);
  const seen = new Set<string>();
  const roots: WritableRoot[] = [];
  for (const c of candidates) {
    let real: string;
    try {
      real = realpathSync(isAbsolute(c) ? c : resolve(cwd, c));
    } catch {
      continue; // a root that does not exist cannot be written
    }
    if (seen.has(real)) continue;
    seen.add(real);
    const subpaths = PROTECTED_NAMES.map((n) => join(real, n));
    for (const t of gitPointerTargets(real)) if (!subpaths.includes(t)) subpaths.push(t);
    roots.push({ root: real, read_only_subpaths: subpaths });
  }
  return roots.sort((a, b) => a.root.length - b.root.length);
}
