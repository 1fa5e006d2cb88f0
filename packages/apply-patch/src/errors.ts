// The package's one error class. Every refusal carries a `code` the engine can switch on and a
// message in Codex's wording (where Codex has one) that tells the model what to fix.

/** Every way applying a patch can fail. */
export type ApplyPatchErrorCode =
  /** The envelope is wrong: missing `*** Begin Patch` / `*** End Patch`. */
  | 'invalid_patch'
  /** A hunk or chunk inside the envelope does not parse; `line` says where. */
  | 'invalid_hunk'
  /** The patch has no hunks: "No files were modified." */
  | 'empty_patch'
  /** An `@@ <context>` header line was not found in the file. */
  | 'context_not_found'
  /** The `-`/` ` lines of a chunk were not found in the file. */
  | 'lines_not_found'
  /** A file to update or delete could not be read (missing, a directory, unreadable). */
  | 'read_failed'
  /** A file could not be deleted (missing, a directory, permission). */
  | 'delete_failed'
  /** A file or its parent directories could not be written. */
  | 'write_failed'
  /** A path resolves outside the allowed roots (by `..`, an absolute path or a symlink). */
  | 'path_outside_cwd'
  /** The file to update is not UTF-8 text. */
  | 'binary_file'
  /** Two hunks of one patch contradict each other (e.g. a file deleted and updated). */
  | 'conflicting_hunks'
  /** A bare patch was given as a command without `apply_patch` in front of it. */
  | 'implicit_invocation'
  /** The work was cancelled through the AbortSignal before anything was written. */
  | 'aborted';

/** Extra facts about a failed chunk match (what the model needs to repair its patch). */
export interface MatchFailureDetail {
  /** The file as written in the patch. */
  path: string;
  /** 1-based number of the chunk (`@@` section) inside its `*** Update File:` hunk. */
  chunk: number;
  /** 1-based line of the closest region found in the file, or null when nothing was close. */
  closestLine: number | null;
  /** The lines of that region that differ from the patch: file line number, file text, patch text. */
  differing: { line: number; found: string; expected: string }[];
}

/** The single error type thrown by `@codex-ts/apply-patch`. */
export class ApplyPatchError extends Error {
  override readonly name = 'ApplyPatchError';
  readonly code: ApplyPatchErrorCode;
  /** 1-based line in the patch text, for parse errors. */
  readonly line: number | undefined;
  /** The patch path the error is about, when there is one. */
  readonly path: string | undefined;
  /** For `lines_not_found`: where the closest region was and how it differs. */
  readonly match: MatchFailureDetail | undefined;

  constructor(
    code: ApplyPatchErrorCode,
    message: string,
    opts: { cause?: unknown; line?: number; path?: string; match?: MatchFailureDetail } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.code = code;
    this.line = opts.line;
    this.path = opts.path;
    this.match = opts.match;
  }
}
