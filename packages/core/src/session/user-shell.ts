// A command the user typed (`!cmd` in the TUI, op `run_user_shell_command`), as Codex runs
// it: in the user's login shell, without the sandbox (the user asked for it, not the model),
// shown as a command cell (source `user_shell`), and recorded in the history as a
// `<user_shell_command>` user message so the model sees it at the next turn. No model
// request is made for it.
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { EventMsg } from '@codex-ts/protocol';
import type { ResponseItem } from '../client/types.js';
import { createExecEnv } from '../exec/exec-env.js';
import { truncateForModel } from '../exec/output-format.js';
import { runCommand } from '../exec/runner.js';
import type { ShellEnvironmentPolicy } from '../config/types.js';
import { parseCommand } from '../tools/parse-command.js';
import { userMessage } from './prompt.js';

/** Codex's limit for a user shell command: one hour (an interrupt stops it sooner). */
export const USER_SHELL_TIMEOUT_MS = 60 * 60 * 1000;

export interface UserShellDeps {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  shellEnvironmentPolicy?: Partial<ShellEnvironmentPolicy>;
  emit(msg: EventMsg): void;
  /** Append to the session's history (and rollout). */
  record(items: ResponseItem[]): void;
  modelContextWindow?: number;
}

/** The argv for `command` in the user's shell (`$SHELL`, else bash), as a login shell. */
export function userShellArgv(command: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const shell = env.SHELL && /^(ba|z|k|da|fi)?sh$/.test(basename(env.SHELL)) ? env.SHELL : 'bash';
  return basename(shell) === 'fish' ? [shell, '-l', '-c', command] : [shell, '-lc', command];
}

/** The history message for a finished command. */
export function userShellRecord(command: string, exitCode: number, durationMs: number, output: string): string {
  return ['<user_shell_command>', '<command>', command, '</command>', '<result>', `Exit code: ${exitCode}`, `Duration: ${(durationMs / 1000).toFixed(4)} seconds`, 'Output:', truncateForModel(output), '</result>', '</user_shell_command>'].join('\n');
}

/** Run it; resolves when the command ended and its record is in the history. */
export async function runUserShell(deps: UserShellDeps, command: string, signal: AbortSignal): Promise<void> {
  deps.emit({ type: 'task_started', ...(deps.modelContextWindow ? { model_context_window: deps.modelContextWindow } : {}) } as EventMsg);
  const argv = userShellArgv(command, deps.env);
  const callId = randomUUID();
  const base = { call_id: callId, command: argv, cwd: deps.cwd, parsed_cmd: parseCommand(argv), source: 'user_shell' as const };
  deps.emit({ type: 'exec_command_begin', ...base } as EventMsg);
  let exitCode = -1;
  let stdout = '';
  let stderr = '';
  let aggregated = '';
  let durationMs = 0;
  try {
    const r = await runCommand({
      argv,
      cwd: deps.cwd,
      env: createExecEnv(deps.shellEnvironmentPolicy, deps.env),
      timeoutMs: USER_SHELL_TIMEOUT_MS,
      signal,
      onOutput: (stream, chunk) => deps.emit({ type: 'exec_command_output_delta', call_id: callId, stream, chunk: chunk.toString('base64') } as EventMsg),
    });
    ({ exitCode, stdout, stderr, aggregated, durationMs } = r);
    if (r.spawnError) aggregated = stderr = `execution error: ${r.spawnError}`;
  } catch (err: unknown) {
    aggregated = stderr = `execution error: ${(err as Error).message}`;
  }
  if (signal.aborted) {
    exitCode = -1;
    stdout = '';
    aggregated = stderr = 'command aborted by user';
    durationMs = 0;
  }
  const secs = Math.floor(durationMs / 1000);
  deps.emit({
    type: 'exec_command_end',
    ...base,
    stdout,
    stderr,
    aggregated_output: aggregated,
    exit_code: exitCode,
    duration: { secs, nanos: Math.round((durationMs - secs * 1000) * 1e6) },
    formatted_output: truncateForModel(aggregated),
  } as EventMsg);
  deps.record([userMessage(userShellRecord(command, exitCode, durationMs, aggregated))]);
  if (!signal.aborted) deps.emit({ type: 'task_complete', last_agent_message: null } as EventMsg);
}
