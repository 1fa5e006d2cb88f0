// The one error class of @codex-ts/login: every failure carries a `code` from a closed
// union and the underlying cause, and its message names the file and what to do.

/** Every way reading or writing credentials can fail. */
export type LoginErrorCode = 'auth_file_unreadable' | 'auth_file_invalid' | 'auth_file_write_failed' | 'invalid_api_key';

/** Base error of @codex-ts/login. */
export class LoginError extends Error {
  /** Which failure this is. */
  readonly code: LoginErrorCode;

  constructor(code: LoginErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LoginError';
    this.code = code;
  }
}
