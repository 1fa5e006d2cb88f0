// The package's one error class. `code` says what failed; the message names the cause
// and the way out (config key or flag), ready to show to the user and the model.

/** What went wrong while preparing a sandboxed command. */
export type SandboxErrorCode =
  | 'backend_unavailable'
  | 'no_backend_available'
  | 'none_requires_full_access'
  | 'helper_setup_failed'
  | 'invalid_options'
  | 'aborted';

/** Config key choosing the Linux backend: `[sandbox] backend = "auto" | "landlock" | "bwrap"`. */
export const SANDBOX_BACKEND_CONFIG_KEY = 'sandbox.backend';

/** The ways out, appended to every refusal. */
export const SANDBOX_WAYS_OUT =
  'Ways out: pick a backend that works here with `[sandbox] backend = "bwrap"` or `"landlock"` in ' +
  'config.toml (or `-c sandbox.backend=bwrap`), or run without a sandbox at your own risk with ' +
  '`sandbox_mode = "danger-full-access"` (flag `--sandbox danger-full-access`).';

/** Base error of @codex-ts/linux-sandbox; a refusal never runs the command. */
export class SandboxError extends Error {
  readonly code: SandboxErrorCode;

  constructor(code: SandboxErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SandboxError';
    this.code = code;
  }
}
