// The one error class of @codex-ts/login: every failure carries a `code` from a closed
// union and the underlying cause, and its message names the file or endpoint and what to do.

/** Every way reading, writing or obtaining credentials can fail. */
export type LoginErrorCode =
  | 'auth_file_unreadable'
  | 'auth_file_invalid'
  | 'auth_file_read_only'
  | 'auth_file_write_failed'
  | 'invalid_api_key'
  | 'invalid_access_token'
  | 'access_token_rejected'
  | 'login_restricted'
  | 'keyring_unavailable'
  | 'keyring_failed'
  | 'lock_timeout'
  | 'refresh_token_expired'
  | 'refresh_token_reused'
  | 'refresh_token_revoked'
  | 'refresh_rejected'
  | 'refresh_failed'
  | 'account_changed'
  | 'not_signed_in'
  | 'unsupported_auth_mode'
  | 'state_mismatch'
  | 'login_failed'
  | 'login_cancelled'
  | 'token_exchange_failed'
  | 'port_in_use'
  | 'device_auth_disabled'
  | 'device_auth_failed'
  | 'device_auth_timeout';

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

/** True for failures only a new sign-in fixes (the refresh token is dead or belongs to someone else). */
export function needsSignInAgain(err: unknown): boolean {
  if (!(err instanceof LoginError)) return false;
  switch (err.code) {
    case 'refresh_token_expired':
    case 'refresh_token_reused':
    case 'refresh_token_revoked':
    case 'refresh_rejected':
    case 'account_changed':
    case 'not_signed_in':
      return true;
    default:
      return false;
  }
}
