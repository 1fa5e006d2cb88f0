// The one base error class of the TUI's own code. Each kind keeps its class (and `name`) so
// callers can tell them apart; `code` says which kind without parsing the message.

/** Every error code the TUI's own code throws. */
export type TuiErrorCode = 'trust_config' | 'unknown_session' | 'clipboard_image';

/** Base error of @codex-ts/tui. */
export class TuiError extends Error {
  constructor(
    readonly code: TuiErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
