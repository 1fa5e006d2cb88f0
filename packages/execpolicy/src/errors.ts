// The one error class of @codex-ts/execpolicy. Every load-time failure (syntax, bad
// argument, contradicting example) carries a code and, where known, file:line:column.

/** Every failure code this package can raise. */
export type ExecPolicyErrorCode =
  | 'syntax'
  | 'eval'
  | 'invalid-decision'
  | 'invalid-pattern'
  | 'invalid-example'
  | 'invalid-rule'
  | 'example-did-not-match'
  | 'example-did-match'
  | 'read-failed';

/** A position inside a rules file; line and column are 1-based. */
export interface SourceLocation {
  readonly path: string;
  readonly line: number;
  readonly column: number;
}

/**
 * Error raised while reading, parsing or validating a rules file. `message` is
 * `path:line:column: detail` when a location is known; `detail` is the bare text.
 */
export class ExecPolicyError extends Error {
  readonly code: ExecPolicyErrorCode;
  readonly detail: string;
  readonly location: SourceLocation | undefined;

  constructor(
    code: ExecPolicyErrorCode,
    detail: string,
    options: { location?: SourceLocation; cause?: unknown } = {},
  ) {
    const loc = options.location;
    super(loc ? `${loc.path}:${loc.line}:${loc.column}: ${detail}` : detail, { cause: options.cause });
    this.name = 'ExecPolicyError';
    this.code = code;
    this.detail = detail;
    this.location = loc;
  }

  /** A copy of this error pinned to `location` (kept if one is already set). */
  withLocation(location: SourceLocation | undefined): ExecPolicyError {
    if (this.location || !location) return this;
    return new ExecPolicyError(this.code, this.detail, { location, cause: this.cause });
  }
}
