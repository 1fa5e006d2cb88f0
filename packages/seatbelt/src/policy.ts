// The sandbox policy in Codex's wire shape, and the writable roots Seatbelt grants:
// cwd, configured roots, /tmp and $TMPDIR unless excluded, canonicalised (/var ->
// /private/var on macOS), each with its read-only .git/.codex subpaths.
import { lstatSync, realpathSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { SandboxPolicy } from '@codex-ts/protocol';

/** Names directly inside each writable root that stay read-only, present or not (as Codex: git, Codex config, agent skills). */
export const PROTECTED_NAMES: readonly string[] = ['.git', '.codex', '.agents', '.aws'];

/** Codex's `SandboxPolicy` wire shape (tag "mode"), from the protocol package. */
export type { SandboxPolicy };

/** A writable directory and the subpaths inside it that stay read-only. */
export interface WritableRoot {
  root: string;
  read_only_subpaths: string[];
}

function canonical(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p; // as Codex: fall back to the path as given
  }
}

/** True when the policy lets commands use the network. */
export function networkAllowed(policy: SandboxPolicy): boolean {
  if (policy.mode === 'danger-full-access') return true;
  return policy.mode === 'workspace-write' && policy.network_access === true;
}

/** Writable roots for a workspace-write policy, in Codex's order (configured, cwd, /tmp, $TMPDIR). */
export function seatbeltWritableRoots(
  policy: SandboxPolicy,
  cwd: string,
  env: Record<string, string | undefined> = process.env,
): WritableRoot[] {
  if (policy.mode !== 'workspace-write') return [];
  const candidates = [...(policy.writable_roots ?? []).map((r) => (isAbsolute(r) ? r : resolve(cwd, r))), cwd];
  if (!policy.exclude_slash_tmp) candidates.push('/tmp');
  if (!policy.exclude_tmpdir_env_var && env.TMPDIR) candidates.push(env.TMPDIR);
  const seen = new Set<string>();
  const out: WritableRoot[] = [];
  for (const c of candidates) {
    const root = canonical(c);
    if (seen.has(root)) continue;
    // /tmp only counts when it exists (Codex checks is_dir).
    if (c === '/tmp' && !exists(root)) continue;
    seen.add(root);
    // Codex's protected names stay read-only whether or not they exist: SBPL denies by path.
    out.push({ root, read_only_subpaths: PROTECTED_NAMES.map((n) => join(root, n)) });
  }
  return out;
}

function exists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}
