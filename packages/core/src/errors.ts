// The one base error class of @codex-ts/core. Each area's error (ConfigError, ModelClientError,
// SessionStoreError, ...) extends it with its own string-literal `code` union, so a caller can
// catch everything core throws with one `instanceof CoreError` and still switch exhaustively
// over one area's codes. `cause` is passed through untouched; `name` is each subclass's own.

/** Base of every error core throws: a machine-readable `code` and the `cause`, if any. */
export class CoreError<Code extends string = string> extends Error {
  readonly code: Code;

  constructor(code: Code, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
  }
}
