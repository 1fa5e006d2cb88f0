/**
 * Whole-turn conveniences: each returns the full event list for one model response
 * (`response.created` ... `response.completed`), ready for `server.queueResponses`.
 */
import type { StreamEvent } from '../types.js';
import { assistantMessage, customToolCall, functionCall, type FunctionCallOptions } from './items.js';
import { completed, responseCreated, type UsageInput } from './response.js';

/** Options shared by the turn helpers. */
export interface TurnOptions {
  /** The response id (default: assigned by the server). */
  id?: string;
  usage?: UsageInput;
}

/** Options for `turn.shell`: the arguments of Codex's `shell` function tool. */
export interface ShellCallOptions extends TurnOptions {
  call_id?: string;
  workdir?: string;
  timeout_ms?: number;
  /** The function name (default `shell`). */
  name?: string;
}

/** Options for `turn.applyPatch`. */
export interface ApplyPatchCallOptions extends TurnOptions {
  call_id?: string;
  /** `custom` (freeform, default) or `function` (arguments `{"input": patch}`, the gpt-oss variant). */
  variant?: 'custom' | 'function';
}

function wrap(body: StreamEvent[], opts: TurnOptions): StreamEvent[] {
  return [responseCreated(opts.id), ...body, completed({ id: opts.id, usage: opts.usage })];
}

/** The `shell` tool's JSON arguments: `{command, workdir?, timeout_ms?}`. */
export function shellArguments(command: string[], opts: { workdir?: string; timeout_ms?: number } = {}): Record<string, unknown> {
  const args: Record<string, unknown> = { command };
  if (opts.workdir !== undefined) args['workdir'] = opts.workdir;
  if (opts.timeout_ms !== undefined) args['timeout_ms'] = opts.timeout_ms;
  return args;
}

/** The events of one `shell` function call (no created/completed). */
export function shellCall(command: string[], opts: ShellCallOptions = {}): StreamEvent[] {
  return functionCall({ name: opts.name ?? 'shell', arguments: shellArguments(command, opts), call_id: opts.call_id });
}

/** The events of one `apply_patch` call, freeform by default. */
export function applyPatchCall(patch: string, opts: ApplyPatchCallOptions = {}): StreamEvent[] {
  return opts.variant === 'function'
    ? functionCall({ name: 'apply_patch', arguments: { input: patch }, call_id: opts.call_id })
    : customToolCall({ name: 'apply_patch', input: patch, call_id: opts.call_id });
}

/** Arguments of Codex 0.169's `exec_command` (only the keys given are sent). */
export interface ExecCommandArgs {
  workdir?: string;
  shell?: string;
  login?: boolean;
  tty?: boolean;
  yield_time_ms?: number;
  max_output_tokens?: number;
  sandbox_permissions?: 'use_default' | 'require_escalated';
  justification?: string;
  prefix_rule?: string[];
}

/** Options for `turn.execCommand`. */
export interface ExecCommandCallOptions extends TurnOptions, ExecCommandArgs {
  call_id?: string;
}

/** Options for `turn.writeStdin`. */
export interface WriteStdinCallOptions extends TurnOptions {
  call_id?: string;
  yield_time_ms?: number;
  max_output_tokens?: number;
}

const EXEC_ARG_KEYS = ['workdir', 'shell', 'login', 'tty', 'yield_time_ms', 'max_output_tokens', 'sandbox_permissions', 'justification', 'prefix_rule'] as const;

/** The events of one `exec_command` function call: `{cmd, ...}`. */
export function execCommandCall(cmd: string, opts: ExecCommandCallOptions = {}): StreamEvent[] {
  const args: Record<string, unknown> = { cmd };
  for (const k of EXEC_ARG_KEYS) if (opts[k] !== undefined) args[k] = opts[k];
  return functionCall({ name: 'exec_command', arguments: args, call_id: opts.call_id });
}

/** The events of one `write_stdin` function call: `{session_id, chars, ...}`. */
export function writeStdinCall(sessionId: number, chars: string, opts: WriteStdinCallOptions = {}): StreamEvent[] {
  const args: Record<string, unknown> = { session_id: sessionId, chars };
  if (opts.yield_time_ms !== undefined) args['yield_time_ms'] = opts.yield_time_ms;
  if (opts.max_output_tokens !== undefined) args['max_output_tokens'] = opts.max_output_tokens;
  return functionCall({ name: 'write_stdin', arguments: args, call_id: opts.call_id });
}

/** Whole-turn builders. */
export const turn = {
  /** Wraps any item events in `response.created` ... `response.completed`. */
  of(items: StreamEvent[] | StreamEvent[][], opts: TurnOptions = {}): StreamEvent[] {
    return wrap(items.flat(), opts);
  },
  /** A turn whose only output is an assistant message. */
  message(text: string, opts: TurnOptions & { messageId?: string; deltas?: string[] } = {}): StreamEvent[] {
    return wrap(assistantMessage(text, { id: opts.messageId, deltas: opts.deltas }), opts);
  },
  /** A turn with one or more tool calls: builder event lists or `{name, arguments, call_id}` specs. */
  toolCalls(calls: Array<StreamEvent[] | FunctionCallOptions>, opts: TurnOptions = {}): StreamEvent[] {
    return wrap(calls.flatMap((c) => (Array.isArray(c) ? c : functionCall(c))), opts);
  },
  /** A turn with one `shell` function call. */
  shell(command: string[], opts: ShellCallOptions = {}): StreamEvent[] {
    return wrap(shellCall(command, opts), opts);
  },
  /** A turn with one `exec_command` call (unified exec). */
  execCommand(cmd: string, opts: ExecCommandCallOptions = {}): StreamEvent[] {
    return wrap(execCommandCall(cmd, opts), opts);
  },
  /** A turn with one `write_stdin` call to a running unified-exec session. */
  writeStdin(sessionId: number, chars: string, opts: WriteStdinCallOptions = {}): StreamEvent[] {
    return wrap(writeStdinCall(sessionId, chars, opts), opts);
  },
  /** A turn with one `apply_patch` call (freeform custom tool call unless `variant: 'function'`). */
  applyPatch(patch: string, opts: ApplyPatchCallOptions = {}): StreamEvent[] {
    return wrap(applyPatchCall(patch, opts), opts);
  },
};
