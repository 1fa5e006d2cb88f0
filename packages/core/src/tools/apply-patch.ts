// `apply_patch` (freeform or JSON function) and the patch path of the shell tool: plan the
// whole patch (nothing written), decide (policy × writable roots), ask when needed, then
// commit atomically, with patch_apply_begin/end events and Codex's output text. A patch the
// policy approves is committed by the apply_patch child inside the session's sandbox (the
// kernel is the guard); the lexical checks here only choose the question and the message.
import { resolve } from 'node:path';
import { APPLY_PATCH_FREEFORM_TOOL, APPLY_PATCH_JSON_TOOL, ApplyPatchError, commitPlan, formatSummary, parsePatch, planPatch, type AffectedPaths, type PatchPlan } from '@codex-ts/apply-patch';
import type { FileChange as WireFileChange } from '@codex-ts/protocol';
import { formatExecOutputFreeform, formatExecOutputJson } from '../exec/output-format.js';
import { createExecEnv } from '../exec/exec-env.js';
import { sandboxSettings } from '../exec/sandbox-spawn.js';
import { assessPatchSafety, computeWritableRoots, isPathWritable } from '../safety/assess-patch.js';
import type { SafetyCheck } from '../safety/policy-types.js';
import { findProtectedWrite, protectedWriteReason, withRealRoots } from '../safety/protected-paths.js';
import { applyPatchInChild, type PatchChildOutcome } from './patch-child.js';
import { parseArguments } from './registry.js';
import { ToolInputError, type ToolCall, type ToolContext, type ToolHandler, type ToolResult } from './types.js';

/** The apply_patch tool in the variant the model family takes. */
export function applyPatchTool(variant: 'freeform' | 'function'): ToolHandler {
  return {
    name: 'apply_patch',
    spec: (variant === 'freeform' ? APPLY_PATCH_FREEFORM_TOOL : APPLY_PATCH_JSON_TOOL) as unknown as ToolHandler['spec'],
    async handle(call, ctx) {
      let patch: string;
      if (call.kind === 'custom') patch = call.input;
      else {
        const a = parseArguments<{ input?: unknown }>(call);
        if (typeof a.input !== 'string') throw new ToolInputError('failed to parse function arguments: missing field `input`');
        patch = a.input;
      }
      return applyPatchFlow(patch, ctx.turn.cwd, call, ctx);
    },
  };
}

/** Wire FileChanges keyed by absolute path, as events carry them. */
export function wireChanges(plan: PatchPlan): Record<string, WireFileChange> {
  const out: Record<string, WireFileChange> = {};
  for (const [path, c] of Object.entries(plan.changes)) {
    if (c.type === 'add') out[path] = { add: { content: c.content } };
    else if (c.type === 'delete') out[path] = { delete: { content: c.content } };
    else out[path] = { update: { unified_diff: c.unified_diff, move_path: c.move_path } };
  }
  return out;
}

function patchPaths(plan: PatchPlan): string[] {
  const paths: string[] = [];
  for (const [path, c] of Object.entries(plan.changes)) {
    paths.push(path);
    if (c.type === 'update' && c.move_path) paths.push(c.move_path);
  }
  return paths;
}

function output(ctx: ToolContext, exitCode: number, text: string, started: number): ToolResult {
  const out = { exitCode, stdout: exitCode === 0 ? text : '', stderr: exitCode === 0 ? '' : text, aggregated: text, durationMs: Date.now() - started, timedOut: false };
  return { content: ctx.turn.freeform_apply_patch ? formatExecOutputFreeform(out) : formatExecOutputJson(out), success: exitCode === 0 };
}

/**
 * The protected-directory pre-check: a clear reason for writes under `.git`/`.codex` in a
 * writable root, present or not (asked like a write outside the roots, refused without a person).
 */
function protectedVerdict(paths: readonly string[], ctx: ToolContext): SafetyCheck | null {
  const turn = ctx.turn;
  if (turn.sandbox_policy.mode !== 'workspace-write') return null;
  // Writable roots are the session's (its cwd, its policy), whatever directory the patch ran from.
  const roots = withRealRoots(computeWritableRoots(turn.sandbox_policy, turn.cwd).map((r) => r.root));
  const hit = findProtectedWrite(paths, roots);
  if (!hit) return null;
  const display = hit.path.startsWith(`${turn.cwd}/`) ? hit.path.slice(turn.cwd.length + 1) : hit.path;
  const reason = protectedWriteReason(hit, display);
  if (turn.approval_policy === 'untrusted' || turn.approval_policy === 'on-request') return { kind: 'ask-user', reason };
  return { kind: 'reject', reason };
}

/** The paths a patch names, made absolute against `cwd`, before anything is read; [] if it does not parse. */
function namedPaths(patchText: string, cwd: string): string[] {
  let parsed: ReturnType<typeof parsePatch>;
  try {
    parsed = parsePatch(patchText);
  } catch (err: unknown) {
    if (err instanceof ApplyPatchError) return []; // planning reports the same error to the model
    throw err;
  }
  return parsed.hunks.flatMap((h) => (h.type === 'update' && h.movePath !== null ? [h.path, h.movePath] : [h.path])).map((p) => resolve(cwd, p));
}

/** The patch's verdict: the protected-directory check on named and resolved paths, then Codex's writable-roots decision. */
function decide(plan: PatchPlan, ctx: ToolContext): SafetyCheck {
  const turn = ctx.turn;
  const paths = patchPaths(plan);
  return (
    protectedVerdict([...paths, ...plan.writes.map((w) => w.target)], ctx) ??
    assessPatchSafety({ patchPaths: paths, approvalPolicy: turn.approval_policy, sandboxPolicy: turn.sandbox_policy, cwd: turn.cwd })
  );
}

function reject(ctx: ToolContext, cwd: string, paths: string[], reason: string): ToolResult {
  ctx.audit?.({ kind: 'patch', cwd, paths, decision: 'rejected', by: 'policy', reason });
  return { content: `patch rejected: ${reason}`, success: false };
}

/** Plan, decide, ask if needed, commit. Failures are outputs for the model. */
export async function applyPatchFlow(patchText: string, cwd: string, call: ToolCall, ctx: ToolContext): Promise<ToolResult> {
  const started = Date.now();
  // Refused before anything is read, so the reason is the same whatever a protected path holds.
  const named = namedPaths(patchText, cwd);
  const early = protectedVerdict(named, ctx);
  if (early?.kind === 'reject') return reject(ctx, cwd, named, early.reason);
  let plan: PatchPlan;
  try {
    plan = await planPatch(patchText, { cwd, writableRoots: ['/'], signal: ctx.signal });
  } catch (err: unknown) {
    return { content: `apply_patch verification failed: ${(err as Error).message}`, success: false };
  }
  const check = decide(plan, ctx);
  const changes = wireChanges(plan);
  let autoApproved = true;
  if (check.kind === 'reject') return reject(ctx, cwd, Object.keys(changes), check.reason);
  // "For this session" on a patch covers the files it touched: a later patch that touches
  // only those files is not asked about again.
  const keys = patchPaths(plan).map((p) => `patch:${p}`);
  if (check.kind === 'ask-user' && keys.every((k) => ctx.approvedForSession.has(k))) {
    ctx.audit?.({ kind: 'patch', cwd, paths: Object.keys(changes), decision: 'approved', by: 'user-session' });
    autoApproved = false;
  } else if (check.kind === 'ask-user') {
    const decision = await ctx.requestApproval({ type: 'apply_patch_approval_request', call_id: call.call_id, changes, ...(check.reason ? { reason: check.reason } : {}) });
    ctx.audit?.({ kind: 'patch', cwd, paths: Object.keys(changes), decision, by: 'user' });
    if (decision !== 'approved' && decision !== 'approved_for_session') return { content: 'patch rejected by user', success: false };
    if (decision === 'approved_for_session') for (const k of keys) ctx.approvedForSession.add(k);
    autoApproved = false;
  } else {
    ctx.audit?.({ kind: 'patch', cwd, paths: Object.keys(changes), decision: 'approved', by: 'policy' });
  }
  // What the policy approved runs in the sandbox. What a person approved runs without one (as
  // Codex does) only when it writes outside the writable roots: a patch they approved as
  // inside the workspace stays confined, so a symlink cannot carry it out.
  const sandboxed = ctx.turn.sandbox_policy.mode !== 'danger-full-access' && (check.kind === 'auto-approve' ? check.sandbox === 'platform' : hasPlatformSandbox() && staysInsideRoots(plan, ctx));
  ctx.emit({ type: 'patch_apply_begin', call_id: call.call_id, auto_approved: autoApproved, changes });
  const outcome = sandboxed ? await commitInSandbox(patchText, cwd, ctx) : await commitInProcess(plan, ctx);
  if (!outcome.ok) {
    ctx.emit({ type: 'patch_apply_end', call_id: call.call_id, stdout: '', stderr: outcome.message, success: false });
    return output(ctx, 1, outcome.message, started);
  }
  const stdout = formatSummary(outcome.affected);
  ctx.emit({ type: 'patch_apply_end', call_id: call.call_id, stdout, stderr: '', success: true });
  return output(ctx, 0, stdout, started);
}

function hasPlatformSandbox(): boolean {
  return process.platform === 'linux' || process.platform === 'darwin';
}

/** Every path of the patch lexically inside the session's writable roots (and none protected). */
function staysInsideRoots(plan: PatchPlan, ctx: ToolContext): boolean {
  const turn = ctx.turn;
  if (turn.sandbox_policy.mode !== 'workspace-write') return false;
  const roots = computeWritableRoots(turn.sandbox_policy, turn.cwd);
  const paths = patchPaths(plan);
  return paths.every((p) => isPathWritable(p, turn.cwd, roots)) && findProtectedWrite(paths, withRealRoots(roots.map((r) => r.root))) === null;
}

type CommitOutcome = { ok: true; affected: AffectedPaths } | { ok: false; message: string };

async function commitInProcess(plan: PatchPlan, ctx: ToolContext): Promise<CommitOutcome> {
  try {
    await commitPlan(plan, { signal: ctx.signal });
    return { ok: true, affected: plan.affected };
  } catch (err: unknown) {
    return { ok: false, message: (err as Error).message };
  }
}

/** The child re-plans against the tree as it is then and commits; the kernel confines its writes. */
async function commitInSandbox(patch: string, cwd: string, ctx: ToolContext): Promise<CommitOutcome> {
  const turn = ctx.turn;
  const env = createExecEnv(turn.shell_environment_policy);
  const roots = turn.sandbox_policy.mode === 'workspace-write' ? computeWritableRoots(turn.sandbox_policy, turn.cwd, { env }).map((r) => r.root) : null;
  let r: PatchChildOutcome;
  try {
    r = await applyPatchInChild({
      request: { patch, cwd, writable_roots: roots },
      policy: turn.sandbox_policy,
      policyCwd: turn.cwd,
      settings: sandboxSettings(turn.sandbox_config),
      env,
      ...(ctx.applyPatchChild !== undefined ? { childPath: ctx.applyPatchChild } : {}),
    });
  } catch (err: unknown) {
    r = { ok: false, code: 'sandbox', message: (err as Error).message };
  }
  if (r.ok) return r;
  if (r.code === 'sandbox') {
    ctx.emit({ type: 'background_event', message: `sandbox error: ${r.message}` });
    return { ok: false, message: `sandbox error: the patch was not applied. ${r.message}` };
  }
  return { ok: false, message: r.message };
}
