// The package's one error class. Every failure surfaced to callers is a FileSearchError
// whose `code` says what went wrong; the original error rides along as `cause`.

/** Codes carried by {@link FileSearchError}. */
export type FileSearchErrorCode =
  /** A caller passed an invalid option or CLI argument. */
  | 'invalid_argument'
  /** The search directory does not exist or is not a directory. */
  | 'not_a_directory'
  /** The search was cancelled through its AbortSignal. */
  | 'aborted'
  /** A walker worker thread failed. */
  | 'worker_failed';

/** The base (and only) error class of `@codex-ts/file-search`. */
export class FileSearchError extends Error {
  /** Machine-readable reason. */
  readonly code: FileSearchErrorCode;

  constructor(code: FileSearchErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FileSearchError';
    this.code = code;
  }
}

/** True when `code` is worth retrying (nothing here is: all codes are caller or environment faults). */
export function isRetryable(code: FileSearchErrorCode): boolean {
  switch (code) {
    case 'invalid_argument':
    case 'not_a_directory':
    case 'aborted':
      return false;
    case 'worker_failed':
      return true;
  }
}
