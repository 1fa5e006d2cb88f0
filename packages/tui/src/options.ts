// The options of the interactive TUI (`codex [PROMPT]`), as the cli fills them in.
import type { AskForApproval, SandboxMode } from '@codex-ts/protocol';

export interface TuiOptions {
  /** A first message, sent as soon as the session is up. */
  prompt?: string;
  /** `-m/--model`. */
  model?: string;
  /** `-p/--profile`. */
  profile?: string;
  /** `-s/--sandbox`. */
  sandbox?: SandboxMode;
  /** `-a/--ask-for-approval`. */
  approvalPolicy?: AskForApproval;
  /** `--full-auto`: workspace-write + on-request. */
  fullAuto?: boolean;
  /** `--dangerously-bypass-approvals-and-sandbox` / `--yolo`: danger-full-access + never. */
  dangerouslyBypassApprovalsAndSandbox?: boolean;
  /** `-C/--cd`. */
  cd?: string;
  /** `--add-dir`. */
  addDir?: string[];
  /** `--oss`. */
  oss?: boolean;
  /** `-c key=value`, raw, in order. */
  config?: string[];
  /** `--no-alt-screen` (inline) / `--alt-screen`; default: `tui.alternate_screen` or inline. */
  altScreen?: boolean;
  /** `-i/--image`: image files attached to the first message (relative to the cwd). */
  images?: string[];
  /** `codex resume` / `codex fork`: which session to open (none: a new session). */
  session?: SessionChoice;
}

/** `codex resume [ID | --last] [--all]` and `codex fork [ID | --last] [--all]`. */
export interface SessionChoice {
  action: 'resume' | 'fork';
  /** A session id (or a rollout path); unknown ids are an error (exit 1). */
  id?: string;
  /** The newest session of this directory (of all with `all`), no picker. */
  last?: boolean;
  /** Every directory's sessions (the picker starts on "All"). */
  all?: boolean;
  /** Also `codex exec` sessions (`--include-non-interactive`). */
  includeNonInteractive?: boolean;
}

/** A terminal-like output stream. */
export interface TuiOutput {
  write(data: string): unknown;
  columns?: number;
  rows?: number;
  isTTY?: boolean;
  on?(event: 'resize', cb: () => void): unknown;
  off?(event: 'resize', cb: () => void): unknown;
}

/** A terminal-like input stream. */
export interface TuiInput {
  isTTY?: boolean;
  setRawMode?(on: boolean): unknown;
  setEncoding?(enc: BufferEncoding): unknown;
  on(event: 'data', cb: (d: string | Buffer) => void): unknown;
  off(event: 'data', cb: (d: string | Buffer) => void): unknown;
  resume?(): unknown;
  pause?(): unknown;
}

/** The process edges; every field defaults to the real process. */
export interface TuiIo {
  stdin: TuiInput;
  stdout: TuiOutput;
  stderr: { write(s: string): unknown };
  env: NodeJS.ProcessEnv;
  cwd: string;
  version: string;
  /** Tests: sees the App once it exists (e.g. to record session actions). */
  onApp?: (app: import('./app/app.js').App) => void;
}
