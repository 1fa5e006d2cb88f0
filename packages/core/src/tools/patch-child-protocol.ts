// The wire between core and its apply_patch child (dist/apply-patch-child.cjs): one JSON
// request on the child's stdin, one JSON line of result on its stdout.
import type { AffectedPaths } from '@codex-ts/apply-patch';

/** What the child reads from stdin. */
export interface PatchChildRequest {
  /** The patch text (heredoc wrapper already removed). */
  patch: string;
  /** The directory relative patch paths resolve against (also the child's cwd). */
  cwd: string;
  /**
   * The session's writable roots: paths resolving outside them, or under a protected
   * `.git`/`.codex` inside them, are refused with a message before anything is written.
   * null: no lexical limit (the kernel alone decides, as in read-only mode).
   */
  writable_roots: string[] | null;
}

/** What the child prints: the summary of an applied patch, or why nothing was written. */
export type PatchChildResult =
  | { ok: true; affected: AffectedPaths }
  | { ok: false; code: string; message: string };
