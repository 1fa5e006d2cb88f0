// `shell` (also `container.exec`, `local_shell`): decides (safety × policy × rules), asks
// when needed, runs under the sandbox, retries unsandboxed only with the user's approval,
// streams output deltas and returns Codex's formatted output. An apply_patch invocation
// through the shell is routed to the patch path. A call's `workdir` is only where the
// command starts: the sandbox policy's writable roots always come from the session.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { maybeParseApplyPatch } from '@codex-ts/apply-patch';
import { SandboxError } from '@codex-ts/linux-sandbox';
import type { EventMsg } from '@codex-ts/protocol';
import { createExecEnv } from '../exec/exec-env.js';
import { formatExecOutputFreeform, formatExecOutputJson } from '../exec/output-format.js';
import { DEFAULT_EXEC_TIMEOUT_MS, looksLikeSandboxDenial, runCommand, type RunCommandResult } from '../exec/runner.js';
import { sandboxSettings, spawnerFor } from '../exec/sandbox-spawn.js';
import { assessCommandSafety, escalationRejectReason } from '../safety/assess-command.js';
import { commandApprovalKey } from '../safety/approval-key.js';
import type { MatchedRule } from '../safety/policy-types.js';
import { applyPatchFlow } from './apply-patch.js';
import { parseCommand } from './parse-command.js';
import { parseArguments } from './registry.js';
import { ToolInputError, type ToolCall, type ToolContext, type ToolHandler, type ToolResult } from './types.js';

/** Max output-delta events per call (Codex: 10,000). */
export const MAX_EXEC_OUTPUT_DELTAS_PER_CALL = 10_000;
/** Max bytes streamed as deltas per call: Codex's 10,000 reads of 8 KiB. The rest is in exec_command_end. */
export const MAX_EXEC_OUTPUT_DELTA_BYTES = MAX_EXEC_OUTPUT_DELTAS_PER_CALL * 8192;

interface ShellArgs {
  command: string[];
  workdir?: string;
  timeout_ms?: number;
  with_escalated_permissions?: boolean;
  justification?: string;
}

function shellArgs(call: ToolCall): ShellArgs {
  if (call.kind === 'local_shell') {
    return { command: call.action.command, ...(call.action.working_directory ? { workdir: call.action.working_directory } : {}), ...(call.action.timeout_ms ? { timeout_ms: call.action.timeout_ms } : {}) };
  }
  const a = parseArguments<Record<string, unknown>>(call);
  if (!Array.isArray(a.command) || a.command.length === 0 || !a.command.every((x) => typeof x === 'string')) {
    throw new ToolInputError('failed to parse function arguments: `command` must be a non-empty array of strings');
  }
  const timeout = a.timeout_ms ?? a.timeout;
  return {
    command: a.command as string[],
    ...(typeof a.workdir === 'string' ? { workdir: a.workdir } : {}),
    ...(typeof timeout === 'number' ? { timeout_ms: timeout } : {}),
    ...(a.with_escalated_permissions === true ? { with_escalated_permissions: true } : {}),
    ...(typeof a.justification === 'string' ? { justification: a.justification } : {}),
  };
}

/** The shell tool. */
export const shellTool: ToolHandler = {
  name: 'shell',
  spec: {
    type: 'function',
    name: 'shell',
    description: 'Runs a shell command and returns its output.',
    strict: false,
    parameters: {
      type: 'object',
      properties: {
        command: { type: 'array', items: { type: 'string' }, description: 'The command to execute' },
        workdir: { type: 'string', description: 'The working directory to execute the command in' },
        timeout_ms: { type: 'number', description: 'The timeout for the command in milliseconds' },
        with_escalated_permissions: { type: 'boolean', description: 'Whether to request escalated permissions. Set to true if command needs to be run without sandbox restrictions' },
        justification: { type: 'string', description: 'Only set if with_escalated_permissions is true. 1-sentence explanation of why we want to run this command.' },
      },
      required: ['command'],
      additionalProperties: false,
    },
  },
  async handle(call, ctx) {
    const args = shellArgs(call);
    const cwd = resolveWorkdir(ctx.turn.cwd, args.workdir);
    const patch = maybeParseApplyPatch(args.command);
    if (patch.type === 'body') return applyPatchFlow(patch.patch, resolveWorkdir(cwd, patch.workdir), call, ctx);
    if (patch.type === 'patch_parse_error') return { content: `apply_patch verification failed: ${patch.error.message}`, success: false };
    return runShell(args, cwd, call, ctx);
  },
};

/**
 * The directory a call runs in: `workdir` (relative ones against `base`, the session cwd),
 * which must be an existing directory. Only a cwd: it grants no write access.
 */
export function resolveWorkdir(base: string, workdir: string | undefined | null): string {
  if (workdir === undefined || workdir === null || workdir === '') return base;
  if (workdir.includes('\0')) throw new ToolInputError(`workdir ${JSON.stringify(workdir)} is not a valid path: it contains a NUL byte`);
  const dir = resolve(base, workdir);
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch (err: unknown) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' || code === 'ENOTDIR' ? 'does not exist' : `cannot be used (${code ?? (err as Error).message})`;
    throw new ToolInputError(`workdir ${JSON.stringify(workdir)} (${dir}) ${why}; use an existing directory, relative to ${base}`);
  }
  if (!isDir) throw new ToolInputError(`workdir ${JSON.stringify(workdir)} (${dir}) is not a directory; use an existing directory, relative to ${base}`);
  return dir;
}

async function runShell(args: ShellArgs, cwd: string, call: ToolCall, ctx: ToolContext): Promise<ToolResult> {
  const turn = ctx.turn;
  const check = assessCommandSafety({
    command: args.command,
    approvalPolicy: turn.approval_policy,
    sandboxPolicy: turn.sandbox_policy,
    approvedForSession: ctx.approvedForSession,
    withEscalatedPermissions: args.with_escalated_permissions ?? false,
    ...(ctx.execPolicy ? { execPolicy: ctx.execPolicy } : {}),
  });
  let sandboxed: boolean;
  const rule = check.rule ?? null;
  if (args.with_escalated_permissions && turn.approval_policy !== 'on-request') {
    // Codex answers this from the tool handler itself, without the "exec command rejected" prefix.
    ctx.audit?.({ kind: 'command', command: args.command, cwd, rule, decision: 'rejected', by: 'policy', reason: escalationRejectReason(turn.approval_policy) });
    return { content: escalationRejectReason(turn.approval_policy), success: false };
  }
  if (check.kind === 'reject') {
    ctx.audit?.({ kind: 'command', command: args.command, cwd, rule, decision: 'rejected', by: rule ? 'rule' : 'policy', reason: check.reason });
    return { content: `exec command rejected: ${check.reason}`, success: false };
  }
  if (check.kind === 'ask-user') {
    const decision = await ask(ctx, call.call_id, args.command, cwd, args.justification ?? check.reason, rule);
    if (decision === 'denied') return { content: 'exec command rejected by user', success: false };
    sandboxed = false;
  } else {
    const by = check.userExplicitlyApproved ? 'user-session' : rule ? 'rule' : 'policy';
    ctx.audit?.({ kind: 'command', command: args.command, cwd, rule, decision: 'approved', by, sandbox: check.sandbox });
    sandboxed = check.sandbox === 'platform';
  }
  const timeoutMs = args.timeout_ms ?? DEFAULT_EXEC_TIMEOUT_MS;
  let result = await execOnce(args.command, cwd, timeoutMs, sandboxed, call, ctx);
  if (typeof result === 'string') return { content: result, success: false };
  if (sandboxed && !result.timedOut && looksLikeSandboxDenial(result) && (turn.approval_policy === 'on-failure' || turn.approval_policy === 'untrusted')) {
    ctx.emit({ type: 'background_event', message: `Execution failed: ${firstLine(result.stderr) || `exit code ${result.exitCode}`}` });
    const decision = await ask(ctx, call.call_id, args.command, cwd, 'command failed; retry without sandbox?', null);
    if (decision !== 'denied') {
      ctx.emit({ type: 'background_event', message: 'retrying command without sandbox' });
      const again = await execOnce(args.command, cwd, timeoutMs, false, call, ctx);
      if (typeof again === 'string') return { content: again, success: false };
      result = again;
    }
  }
  const out = { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr, aggregated: result.aggregated, durationMs: result.durationMs, timedOut: result.timedOut };
  const content = turn.freeform_apply_patch ? formatExecOutputFreeform(out, timeoutMs) : formatExecOutputJson(out, timeoutMs);
  return { content, success: result.exitCode === 0 };
}

/**
 * Ask the user; records approved-for-session keys. Returns the (non-abort) decision.
 * `session_scope` (a codex-ts field) tells the user what "for this session" will cover:
 * the normalised command, so `bash -lc "<it>"` and its plain argv share one approval.
 */
export async function ask(ctx: ToolContext, callId: string, command: string[], cwd: string, reason: string | undefined, rule: MatchedRule | null, extra: Record<string, unknown> = {}): Promise<'approved' | 'denied'> {
  const scope = commandApprovalKey(command);
  const msg = { type: 'exec_approval_request', call_id: callId, command, cwd, ...(reason ? { reason } : {}), session_scope: scope, parsed_cmd: parseCommand(command), ...extra } as EventMsg;
  const decision = await ctx.requestApproval(msg);
  ctx.audit?.({ kind: 'command', command, cwd, rule, decision, by: 'user', reason: reason ?? null });
  if (decision === 'approved_for_session') ctx.approvedForSession.add(scope);
  return decision === 'approved' || decision === 'approved_for_session' ? 'approved' : 'denied';
}

/** One run with begin/delta/end events; a string result is a sandbox setup failure. */
async function execOnce(command: string[], cwd: string, timeoutMs: number, sandboxed: boolean, call: ToolCall, ctx: ToolContext): Promise<RunCommandResult | string> {
  let spawnChild;
  try {
    spawnChild = spawnerFor({ policy: ctx.turn.sandbox_policy, policyCwd: ctx.turn.cwd, sandboxed, settings: sandboxSettings(ctx.turn.sandbox_config) });
  } catch (err: unknown) {
    return sandboxFailure(err, ctx);
  }
  ctx.emit({ type: 'exec_command_begin', call_id: call.call_id, command, cwd, parsed_cmd: parseCommand(command) });
  let deltas = 0;
  let deltaBytes = 0;
  let result: RunCommandResult;
  try {
    result = await runCommand({
      argv: command,
      cwd,
      env: createExecEnv(ctx.turn.shell_environment_policy),
      timeoutMs,
      signal: ctx.signal,
      spawnChild,
      onOutput: (stream, chunk) => {
        deltaBytes += chunk.length;
        if (deltas++ < MAX_EXEC_OUTPUT_DELTAS_PER_CALL && deltaBytes <= MAX_EXEC_OUTPUT_DELTA_BYTES) ctx.emit({ type: 'exec_command_output_delta', call_id: call.call_id, stream, chunk: chunk.toString('base64') });
      },
    });
  } catch (err: unknown) {
    return sandboxFailure(err, ctx);
  }
  const secs = Math.floor(result.durationMs / 1000);
  ctx.emit({
    type: 'exec_command_end',
    call_id: call.call_id,
    stdout: result.stdout,
    stderr: result.stderr,
    aggregated_output: result.aggregated,
    exit_code: result.exitCode,
    duration: { secs, nanos: (result.durationMs - secs * 1000) * 1e6 },
    formatted_output: result.aggregated,
  });
  if (sandboxed && /^codex-linux-sandbox: /m.test(result.stderr) && result.exitCode >= 120 && result.exitCode <= 123) {
    return sandboxFailure(new SandboxError('helper_setup_failed', result.stderr.trim()), ctx);
  }
  return result;
}

function sandboxFailure(err: unknown, ctx: ToolContext): string {
  const message = err instanceof Error ? err.message : String(err);
  ctx.emit({ type: 'background_event', message: `sandbox error: ${message}` });
  return `sandbox error: the command was not run. ${message}`;
}

function firstLine(s: string): string {
  return s.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
}
