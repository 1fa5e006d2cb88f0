// The typed options of `codex exec` (exec/src/cli.rs), as the cli's yargs layer fills
// them in, and the process edges runExec talks to (stdin, stdout, stderr, env).
import type { SandboxMode } from '@codex-ts/protocol';
import type { PromptStdin } from './prompt.js';

/** `--color`. */
export type ColorMode = 'always' | 'never' | 'auto';

/** `codex exec resume [SESSION_ID] [--last]`. */
export interface ResumeOptions {
  /** A session id (uuid) or a rollout path. With `last`, a given id is taken as the prompt. */
  sessionId?: string;
  /** Resume the most recent session (started in this cwd unless `all`). */
  last?: boolean;
  /** `--all`: `--last` looks at sessions of every directory. */
  all?: boolean;
}

/** `codex exec fork SESSION_ID [PROMPT]`. */
export interface ForkOptions {
  /** The session to fork (uuid). */
  sessionId: string;
}

/** Everything `codex exec` accepts. */
export interface ExecOptions {
  /** The prompt; `-` or absent means read stdin. */
  prompt?: string;
  /** `-i/--image`: local images attached before the prompt. */
  images?: string[];
  /** `-m/--model`. */
  model?: string;
  /** `--oss`: the local `oss` provider (Ollama) and its default model. */
  oss?: boolean;
  /** `-s/--sandbox`. */
  sandbox?: SandboxMode;
  /** `-p/--profile`. */
  profile?: string;
  /** `--full-auto`: sandbox `workspace-write`. */
  fullAuto?: boolean;
  /** `--dangerously-bypass-approvals-and-sandbox` / `--yolo`: sandbox `danger-full-access`. */
  dangerouslyBypassApprovalsAndSandbox?: boolean;
  /** `-C/--cd`: the working directory of the session. */
  cd?: string;
  /** `--add-dir`: more writable roots for workspace-write. */
  addDir?: string[];
  /** `--skip-git-repo-check`. */
  skipGitRepoCheck?: boolean;
  /** `--output-schema FILE`: JSON Schema for the final message. */
  outputSchema?: string;
  /** `--color` (human mode only). */
  color?: ColorMode;
  /** `--json` / `--experimental-json`: JSONL on stdout. */
  json?: boolean;
  /** `-o/--output-last-message FILE`. */
  outputLastMessage?: string;
  /** `-c key=value`, raw, in order. */
  config?: string[];
  /** `--include-plan-tool`: offer `update_plan` (sets `include_plan_tool=true`). */
  includePlanTool?: boolean;
  /** `exec resume`. */
  resume?: ResumeOptions;
  /** `exec fork`. */
  fork?: ForkOptions;
  /** `--ephemeral`: do not record the session on disk (no rollout file). */
  ephemeral?: boolean;
  /** `--ignore-user-config`: do not read `$CODEX_HOME/config.toml` (auth still comes from CODEX_HOME). */
  ignoreUserConfig?: boolean;
  /** `--ignore-rules`: do not load `$CODEX_HOME/rules/*.rules`. */
  ignoreRules?: boolean;
  /** `--strict-config`: unknown config keys are errors instead of warnings. */
  strictConfig?: boolean;
  /** `--enable FEATURE` (repeatable): `-c features.FEATURE=true`. */
  enable?: string[];
  /** `--disable FEATURE` (repeatable): `-c features.FEATURE=false`. */
  disable?: string[];
  /** `--thread-source` (current SDK): accepted, no effect here. */
  threadSource?: string;
  /** `--cyber-access-program` (current SDK): accepted, no effect here. */
  cyberAccessProgram?: string;
}

/** A writable text sink (process.stdout / process.stderr, or a test buffer). */
export interface TextSink {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** The process edges of one exec run; every field defaults to the real process. */
export interface ExecIo {
  stdin: PromptStdin;
  stdout: TextSink;
  stderr: TextSink;
  env: NodeJS.ProcessEnv;
  /** The process working directory that relative paths resolve against. */
  cwd: string;
  /** Install a SIGINT handler that interrupts the turn (exit 130). */
  handleSigint: boolean;
  /** codex-ts's version, shown in the human header. */
  version: string;
}
