// `exec_command` and `write_stdin` (Codex's unified exec): a shell command in a PTY or with
// pipes, under the same safety decision, approvals and sandbox as `shell`; it returns after
// the process exits or after `yield_time_ms` with a session id to keep talking to it. An
// `apply_patch <<'EOF'` script is applied as a patch instead (the apply_patch flow).
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { maybeParseApplyPatch } from '@codex-ts/apply-patch';
import { createExecEnv } from '../exec/exec-env.js';
import { looksLikeSandboxDenial } from '../exec/runner.js';
import { wrapCommand } from '../exec/sandbox-command.js';
import { sandboxSettings } from '../exec/sandbox-spawn.js';
import { assessCommandSafety } from '../safety/assess-command.js';
import { APPROVAL_POLICY_DEBUG_NAME } from '../safety/policy-types.js';
import { DEFAULT_EXEC_YIELD_TIME_MS, DEFAULT_WRITE_STDIN_YIELD_TIME_MS, UnifiedExecError } from '../unified-exec/manager.js';
import { formatUnifiedExecResponse } from '../unified-exec/output.js';
import { UnifiedExecProcess } from '../unified-exec/process.js';
import { deriveExecArgs } from '../unified-exec/shell-args.js';
import { applyPatchFlow } from './apply-patch.js';
import { parseCommand } from './parse-command.js';
import { parseArguments } from './registry.js';
import { ask } from './shell.js';
import { EXEC_COMMAND_SPEC, WRITE_STDIN_SPEC } from './unified-exec-spec.js';
import { ToolInputError, type ToolCall, type ToolContext, type ToolHandler, type ToolResult } from './types.js';

/** Variables every unified-exec process gets (no colours, no pagers, a plain terminal). */
export const UNIFIED_EXEC_ENV: Readonly<Record<string, string>> = {
  NO_COLOR: '1',
  TERM: 'dumb',
  LANG: 'C.UTF-8',
  LC_CTYPE: 'C.UTF-8',
  LC_ALL: 'C.UTF-8',
  COLORTERM: '',
  PAGER: 'cat',
  GIT_PAGER: 'cat',
  GH_PAGER: 'cat',
  CODEX_CI: '1',
};

/** Most bytes one write_stdin may send. */
const MAX_STDIN_CHARS = 1024 * 1024;

interface ExecCommandArgs {
  cmd: string;
  workdir?: string;
  shell?: string;
  login: boolean;
  tty: boolean;
  yield_time_ms: number;
  max_output_tokens?: number;
  escalated: boolean;
  justification?: string;
  prefix_rule?: string[];
}

function bad(msg: string): never {
  throw new ToolInputError(`failed to parse function arguments: ${msg}`);
}

function optString(a: Record<string, unknown>, key: string): string | undefined {
  const v = a[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') bad(`\`${key}\` must be a string`);
  return v;
}

function optBool(a: Record<string, unknown>, key: string, dflt: boolean): boolean {
  const v = a[key];
  if (v === undefined || v === null) return dflt;
  if (typeof v !== 'boolean') bad(`\`${key}\` must be a boolean`);
  return v;
}

function optCount(a: Record<string, unknown>, key: string): number | undefined {
  const v = a[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) bad(`\`${key}\` must be a non-negative number`);
  return v;
}

function execArgs(call: ToolCall): ExecCommandArgs {
  const a = parseArguments<Record<string, unknown>>(call);
  if (typeof a.cmd !== 'string') bad('missing field `cmd` (a string)');
  if (a.cmd.includes('\0')) bad('`cmd` contains a NUL byte');
  const perms = optString(a, 'sandbox_permissions') ?? 'use_default';
  if (perms !== 'use_default' && perms !== 'require_escalated') bad(`unknown \`sandbox_permissions\` "${perms}": use "use_default" or "require_escalated"`);
  const rule = a.prefix_rule;
  if (rule !== undefined && rule !== null && (!Array.isArray(rule) || !rule.every((x) => typeof x === 'string'))) bad('`prefix_rule` must be an array of strings');
  const workdir = optString(a, 'workdir');
  const shell = optString(a, 'shell');
  const maxTokens = optCount(a, 'max_output_tokens');
  const justification = optString(a, 'justification');
  return {
    cmd: a.cmd,
    ...(workdir ? { workdir } : {}),
    ...(shell ? { shell } : {}),
    login: optBool(a, 'login', true),
    tty: optBool(a, 'tty', false),
    yield_time_ms: optCount(a, 'yield_time_ms') ?? DEFAULT_EXEC_YIELD_TIME_MS,
    ...(maxTokens !== undefined ? { max_output_tokens: maxTokens } : {}),
    escalated: perms === 'require_escalated',
    ...(justification !== undefined ? { justification } : {}),
    ...(Array.isArray(rule) ? { prefix_rule: rule as string[] } : {}),
  };
}

/** The `exec_command` tool. */
export const execCommandTool: ToolHandler = {
  name: 'exec_command',
  spec: EXEC_COMMAND_SPEC,
  async handle(call, ctx) {
    const args = execArgs(call);
    let command: string[];
    try {
      command = deriveExecArgs(args.cmd, { ...(args.shell ? { shell: args.shell } : {}), login: args.login });
    } catch (err: unknown) {
      throw new ToolInputError((err as Error).message);
    }
    const turn = ctx.turn;
    // The workdir is only where the command starts; the sandbox comes from the turn.
    const cwd = resolve(turn.cwd, args.workdir ?? '.');
    const patch = maybeParseApplyPatch(command);
    if (patch.type === 'body') {
      const r = await applyPatchFlow(patch.patch, resolve(cwd, patch.workdir ?? '.'), call, ctx);
      return { content: formatUnifiedExecResponse({ chunkId: '', wallTimeMs: 0, exitCode: null, sessionId: null, originalTokenCount: null, output: r.content }), success: r.success ?? true };
    }
    if (patch.type === 'patch_parse_error') return { content: `apply_patch verification failed: ${patch.error.message}`, success: false };
    if (args.escalated && turn.approval_policy !== 'on-request') {
      const name = APPROVAL_POLICY_DEBUG_NAME[turn.approval_policy];
      const reason = `approval policy is ${name}; reject command — you cannot ask for escalated permissions if the approval policy is ${name}`;
      ctx.audit?.({ kind: 'command', command, cwd, rule: null, decision: 'rejected', by: 'policy', reason });
      return { content: reason, success: false };
    }
    if (!isDirectory(cwd)) return { content: `exec_command failed: workdir \`${cwd}\` does not exist or is not a directory`, success: false };
    const manager = ctx.unifiedExec;
    if (!manager) return { content: 'exec_command failed: unified exec is not available in this session', success: false };
    const sandboxed = await decide(command, cwd, args, call, ctx);
    if (typeof sandboxed === 'string') return { content: sandboxed, success: false };
    let result = await runOnce(command, cwd, args, sandboxed, call, ctx);
    if (typeof result === 'string') return { content: result, success: false };
    const policy = turn.approval_policy;
    if (sandboxed && result.exitCode !== null && looksLikeSandboxDenial({ exitCode: result.exitCode, stdout: result.text, stderr: '' }) && (policy === 'on-failure' || policy === 'untrusted')) {
      ctx.emit({ type: 'background_event', message: `Execution failed: exit code ${result.exitCode}` });
      if ((await ask(ctx, call.call_id, command, cwd, 'command failed; retry without sandbox?', null)) === 'approved') {
        ctx.emit({ type: 'background_event', message: 'retrying command without sandbox' });
        const again = await runOnce(command, cwd, args, false, call, ctx);
        if (typeof again === 'string') return { content: again, success: false };
        result = again;
      }
    }
    return { content: formatUnifiedExecResponse(result), success: true };
  },
};

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The safety decision; true = run sandboxed, false = without, string = rejected (model text). */
async function decide(command: string[], cwd: string, args: ExecCommandArgs, call: ToolCall, ctx: ToolContext): Promise<boolean | string> {
  const turn = ctx.turn;
  const check = assessCommandSafety({
    command,
    approvalPolicy: turn.approval_policy,
    sandboxPolicy: turn.sandbox_policy,
    approvedForSession: ctx.approvedForSession,
    withEscalatedPermissions: args.escalated,
    ...(ctx.execPolicy ? { execPolicy: ctx.execPolicy } : {}),
  });
  const rule = check.rule ?? null;
  if (check.kind === 'reject') {
    ctx.audit?.({ kind: 'command', command, cwd, rule, decision: 'rejected', by: rule ? 'rule' : 'policy', reason: check.reason });
    return `exec command rejected: ${check.reason}`;
  }
  if (check.kind === 'ask-user') {
    const extra = args.escalated && args.prefix_rule ? { proposed_execpolicy_amendment: args.prefix_rule } : {};
    const decision = await ask(ctx, call.call_id, command, cwd, args.justification ?? check.reason, rule, extra);
    return decision === 'denied' ? 'exec command rejected by user' : false;
  }
  const by = check.userExplicitlyApproved ? 'user-session' : rule ? 'rule' : 'policy';
  ctx.audit?.({ kind: 'command', command, cwd, rule, decision: 'approved', by, sandbox: check.sandbox });
  return check.sandbox === 'platform';
}

type RunResult = Parameters<typeof formatUnifiedExecResponse>[0] & { text: string };

/** One start through the session's manager; a string is the failure text for the model. */
async function runOnce(command: string[], cwd: string, args: ExecCommandArgs, sandboxed: boolean, call: ToolCall, ctx: ToolContext): Promise<RunResult | string> {
  const manager = ctx.unifiedExec!;
  const sessionId = manager.allocateId();
  const env = { ...createExecEnv(ctx.turn.shell_environment_policy), ...UNIFIED_EXEC_ENV };
  try {
    const r = await manager.execCommand({
      sessionId,
      callId: call.call_id,
      command,
      cwd,
      parsedCmd: parseCommand(command),
      tty: args.tty,
      yieldTimeMs: args.yield_time_ms,
      ...(args.max_output_tokens !== undefined ? { maxOutputTokens: args.max_output_tokens } : {}),
      signal: ctx.signal,
      emit: ctx.emit.bind(ctx),
      start: async () => {
        const wrapped = wrapCommand({ argv: command, policyCwd: ctx.turn.cwd, cwd, env, policy: ctx.turn.sandbox_policy, sandboxed, settings: sandboxSettings(ctx.turn.sandbox_config), tty: args.tty });
        return UnifiedExecProcess.spawn({ file: wrapped.file, args: wrapped.args, env: wrapped.env, cwd, tty: args.tty, reaper: wrapped.reaper });
      },
    });
    if (sandboxed && r.exitCode !== null && r.exitCode >= 120 && r.exitCode <= 123 && /^codex-linux-sandbox: /m.test(r.text)) {
      const message = r.text.trim();
      ctx.emit({ type: 'background_event', message: `sandbox error: ${message}` });
      return `sandbox error: the command was not run. ${message}`;
    }
    return r;
  } catch (err: unknown) {
    if (err instanceof UnifiedExecError) return `exec_command failed: ${err.message}`;
    throw err;
  }
}

/** The `write_stdin` tool. */
export const writeStdinTool: ToolHandler = {
  name: 'write_stdin',
  spec: WRITE_STDIN_SPEC,
  async handle(call, ctx): Promise<ToolResult> {
    const a = parseArguments<Record<string, unknown>>(call);
    const id = a.session_id;
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) bad('missing field `session_id` (an integer)');
    const chars = optString(a, 'chars') ?? '';
    if (chars.length > MAX_STDIN_CHARS) bad(`\`chars\` is longer than ${MAX_STDIN_CHARS} characters`);
    const yieldTimeMs = optCount(a, 'yield_time_ms') ?? DEFAULT_WRITE_STDIN_YIELD_TIME_MS;
    const maxTokens = optCount(a, 'max_output_tokens');
    const manager = ctx.unifiedExec;
    if (!manager) return { content: 'write_stdin failed: unified exec is not available in this session', success: false };
    try {
      const r = await manager.writeStdin({ sessionId: id, chars, yieldTimeMs, signal: ctx.signal, ...(maxTokens !== undefined ? { maxOutputTokens: maxTokens } : {}) });
      ctx.emit({ type: 'terminal_interaction', call_id: r.callId, process_id: String(id), stdin: chars });
      return { content: formatUnifiedExecResponse(r), success: true };
    } catch (err: unknown) {
      if (err instanceof UnifiedExecError) return { content: `write_stdin failed: ${err.message}`, success: false };
      throw err;
    }
  },
};
