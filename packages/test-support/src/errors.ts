/** The package's one error class; `code` tells callers what went wrong without parsing messages. */

/** Every error code this package throws. */
export type TestSupportErrorCode = 'invalid_script' | 'wait_timeout' | 'script_incomplete' | 'usage';

/** Base error of @codex-ts/test-support. */
export class TestSupportError extends Error {
  constructor(
    readonly code: TestSupportErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TestSupportError';
  }
}

/** A script file that does not parse or validate; the message names the file, turn and key. */
export class ScriptError extends TestSupportError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('invalid_script', message, options);
    this.name = 'ScriptError';
  }
}
