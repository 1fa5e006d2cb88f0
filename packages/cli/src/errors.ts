// The one base error class of the codex binary's own code (argument and config-edit failures;
// errors from the libraries keep their own classes). `code` says which kind without parsing
// the message.

/** Every error code the cli's own code throws. */
export type CliErrorCode = 'usage' | 'mcp_config_edit';

/** Base error of @codex-ts/cli. */
export class CliError extends Error {
  constructor(
    readonly code: CliErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
