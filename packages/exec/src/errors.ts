// The one error class of @codex-ts/exec: bad invocations and set-up failures that end
// `codex exec` with a message on stderr before any turn runs.

/** What went wrong before the turn could start. */
export type ExecErrorCode =
  | 'no_prompt'
  | 'stdin_unreadable'
  | 'output_schema'
  | 'config'
  | 'not_trusted'
  | 'bad_cwd'
  /** `-o FILE` cannot be written. */
  | 'bad_output_file'
  | 'image'
  | 'engine_failed'
  /** `exec resume ID` / `exec fork ID`: no such session. */
  | 'session_not_found'
  /** `--oss`: Ollama is not reachable or the model pull failed. */
  | 'oss';

/** A set-up failure; `message` is printed as is and exec exits with `exitCode` (1). */
export class ExecError extends Error {
  readonly code: ExecErrorCode;
  readonly exitCode: number;

  constructor(code: ExecErrorCode, message: string, opts: { cause?: unknown; exitCode?: number } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'ExecError';
    this.code = code;
    this.exitCode = opts.exitCode ?? 1;
  }
}
