// Helpers for the approval suites: a session whose workspace is the only writable root
// (no /tmp, no $TMPDIR), a directory outside it, tool outputs the model received, the
// approval events with their ids, and the audit trail as parsed JSON lines.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Event, EventMsg, Op } from '@codex-ts/protocol';
import { startHarness, tempDir, userTurn, type Harness } from '../engine/harness.js';

/** workspace-write with the workspace as the only writable root. */
export const WORKSPACE_ONLY = { mode: 'workspace-write', writable_roots: [], network_access: false, exclude_tmpdir_env_var: true, exclude_slash_tmp: true } as const;

export interface ApprovalHarness extends Harness {
  /** A directory outside every writable root. */
  outside: string;
}

/**
 * A harness whose commands run with HOME set to the (empty) CODEX_HOME, so `bash -lc`
 * reads no user profile and stderr holds only what the command printed.
 */
export async function startApprovalHarness(opts: { rules?: Record<string, string> } = {}): Promise<ApprovalHarness> {
  const home = tempDir('codex-home-');
  const outside = tempDir('codex-outside-');
  if (opts.rules) {
    mkdirSync(join(home, 'rules'));
    for (const [name, text] of Object.entries(opts.rules)) writeFileSync(join(home, 'rules', name), text);
  }
  const toml = `\n[shell_environment_policy]\nset = { HOME = ${JSON.stringify(home)} }\n`;
  const h = await startHarness({ home, toml });
  return Object.assign(h, { outside });
}

/** A user_turn under the given approval policy (default sandbox: WORKSPACE_ONLY). */
export function turnWith(h: Harness, text: string, approval_policy: string, sandbox_policy: object = WORKSPACE_ONLY): Op {
  return userTurn(h, text, { approval_policy, sandbox_policy });
}

/** Wait for the next event of `type` after `after` events; returns the whole Event (with its id). */
export async function nextEvent(h: Harness, type: EventMsg['type'], after = 0): Promise<Event> {
  const msg = await h.waitFor((m) => m.type === type && h.events.findIndex((e) => e.msg === m) >= after);
  return h.events.find((e) => e.msg === msg)!;
}

/** Answer an exec or patch approval request event. */
export function answer(h: Harness, ev: Event, decision: 'approved' | 'approved_for_session' | 'denied' | 'abort'): Promise<string> {
  const type = ev.msg.type === 'apply_patch_approval_request' ? 'patch_approval' : 'exec_approval';
  return h.submit({ type, id: ev.id, decision } as Op);
}

/** The output the model received for `callId` (function or custom tool call). */
export function toolOutput(h: Harness, callId: string): string | undefined {
  for (const req of h.server.responsesRequests()) {
    const input = (req.json as { input: { type: string; call_id?: string; output?: string }[] }).input;
    const hit = input.find((i) => (i.type === 'function_call_output' || i.type === 'custom_tool_call_output') && i.call_id === callId);
    if (hit) return hit.output;
  }
  return undefined;
}

/** Message types in order, without deltas and token counts. */
export function eventTypes(h: Harness): string[] {
  return h.events.map((e) => e.msg.type).filter((t) => !t.endsWith('_delta') && t !== 'token_count');
}

/** The audit trail as parsed lines; `time` checked as an ISO timestamp and replaced by `<time>`. */
export function auditLines(h: Harness): Record<string, unknown>[] {
  const path = join(h.home, 'log', 'audit.jsonl');
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8').trim().split('\n').filter(Boolean).map((l) => {
    const o = JSON.parse(l) as Record<string, unknown>;
    if (typeof o.time !== 'string' || Number.isNaN(Date.parse(o.time))) throw new Error(`audit line without time: ${l}`);
    return { ...o, time: '<time>' };
  });
}

/** The exec_approval_request messages seen so far. */
export function approvalRequests(h: Harness): EventMsg[] {
  return h.events.map((e) => e.msg).filter((m) => m.type === 'exec_approval_request' || m.type === 'apply_patch_approval_request');
}
