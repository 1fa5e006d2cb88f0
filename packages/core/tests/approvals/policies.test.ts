// The other approval policies end to end: on-failure (sandbox denial → ask → rerun
// unsandboxed only if approved), untrusted (known-safe runs, the rest asks), never
// (dangerous and escalated commands are rejected with Codex's texts).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { turn } from '@codex-ts/test-support';
import {
  answer, approvalRequests, auditLines, eventTypes, nextEvent, startApprovalHarness, toolOutput, turnWith, type ApprovalHarness,
} from './helpers.js';

let h: ApprovalHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function masked(output: string | undefined): string | undefined {
  return output?.replace(/Wall time: \d+\.\d seconds/, 'Wall time: <t>');
}

function audit(h: ApprovalHarness, approval_policy: string, fields: Record<string, unknown>): Record<string, unknown> {
  return { time: '<time>', session_id: h.codex.sessionId, kind: 'command', ...fields, approval_policy, sandbox_policy: 'workspace-write', event: 'decision' };
}

describe('on-failure', () => {
  async function sandboxDenied(decision: 'approved' | 'denied') {
    h = await startApprovalHarness();
    const target = join(h.outside, 'f');
    const command = ['bash', '-lc', `echo x > ${target}`];
    h.server.queueResponses(turn.shell(command, { call_id: 'call_1' }), turn.message('finished'));
    await h.submit(turnWith(h, 'write outside', 'on-failure'));
    const req = await nextEvent(h, 'exec_approval_request');
    // The file system outside the writable roots is read-only as a mount (as Codex with bwrap).
    const denial = `bash: line 1: ${target}: Read-only file system`;
    const before = h.events.slice(0, h.events.indexOf(req)).map((e) => e.msg).filter((m) => m.type === 'background_event');
    expect(before).toEqual([{ type: 'background_event', message: `Execution failed: ${denial}` }]);
    expect(req.msg).toEqual({
      type: 'exec_approval_request', call_id: 'call_1', command, cwd: h.ws, reason: 'command failed; retry without sandbox?', session_scope: `echo x > ${target}`, parsed_cmd: [{ type: 'unknown', cmd: `echo x > ${target}` }],
    });
    await answer(h, req, decision);
    await h.waitFor((m) => m.type === 'task_complete');
    return { target, command, denial };
  }

  it('a sandbox denial asks; approved reruns without the sandbox', async () => {
    const { target, command } = await sandboxDenied('approved');
    expect(readFileSync(target, 'utf8')).toBe('x\n');
    expect(masked(toolOutput(h!, 'call_1'))).toBe('Exit code: 0\nWall time: <t>\nOutput:\n');
    expect(eventTypes(h!)).toEqual([
      'session_configured', 'task_started', 'user_message',
      'exec_command_begin', 'exec_command_end', 'background_event', 'exec_approval_request',
      'background_event', 'exec_command_begin', 'exec_command_end', 'agent_message', 'task_complete',
    ]);
    expect(h!.events.filter((e) => e.msg.type === 'background_event').map((e) => e.msg)[1]).toEqual({ type: 'background_event', message: 'retrying command without sandbox' });
    expect(auditLines(h!)).toEqual([
      audit(h!, 'on-failure', { command, cwd: h!.ws, rule: null, decision: 'approved', by: 'policy', sandbox: 'platform' }),
      audit(h!, 'on-failure', { command, cwd: h!.ws, rule: null, decision: 'approved', by: 'user', reason: 'command failed; retry without sandbox?' }),
    ]);
  });

  it('denied keeps the sandboxed failure as the output', async () => {
    const { target, command, denial } = await sandboxDenied('denied');
    expect(existsSync(target)).toBe(false);
    expect(masked(toolOutput(h!, 'call_1'))).toBe(`Exit code: 1\nWall time: <t>\nOutput:\n${denial}\n`);
    expect(h!.events.filter((e) => e.msg.type === 'exec_command_begin')).toHaveLength(1);
    expect(auditLines(h!)).toEqual([
      audit(h!, 'on-failure', { command, cwd: h!.ws, rule: null, decision: 'approved', by: 'policy', sandbox: 'platform' }),
      audit(h!, 'on-failure', { command, cwd: h!.ws, rule: null, decision: 'denied', by: 'user', reason: 'command failed; retry without sandbox?' }),
    ]);
  });

  it('a command that succeeds in the sandbox is not asked about', async () => {
    h = await startApprovalHarness();
    h.server.queueResponses(turn.shell(['bash', '-lc', 'echo ok > inside.txt'], { call_id: 'call_1' }), turn.message('done'));
    await h.submit(turnWith(h, 'write inside', 'on-failure'));
    await h.waitFor((m) => m.type === 'task_complete');
    expect(readFileSync(join(h.ws, 'inside.txt'), 'utf8')).toBe('ok\n');
    expect(approvalRequests(h)).toEqual([]);
  });
});

describe('untrusted', () => {
  it('a known-safe command runs without asking; any other command asks', async () => {
    h = await startApprovalHarness();
    h.server.queueResponses(
      turn.shell(['ls'], { call_id: 'call_ls' }),
      turn.shell(['touch', 'made.txt'], { call_id: 'call_touch' }),
      turn.message('done'),
    );
    await h.submit(turnWith(h, 'look and touch', 'untrusted'));
    const req = await nextEvent(h, 'exec_approval_request');
    expect(req.msg).toEqual({ type: 'exec_approval_request', call_id: 'call_touch', command: ['touch', 'made.txt'], cwd: h.ws, session_scope: 'touch made.txt', parsed_cmd: [{ type: 'unknown', cmd: 'touch made.txt' }] });
    await answer(h, req, 'approved');
    await h.waitFor((m) => m.type === 'task_complete');
    expect(existsSync(join(h.ws, 'made.txt'))).toBe(true);
    expect(approvalRequests(h)).toHaveLength(1);
    expect(masked(toolOutput(h, 'call_ls'))).toBe('Exit code: 0\nWall time: <t>\nOutput:\n');
    expect(auditLines(h)).toEqual([
      audit(h, 'untrusted', { command: ['ls'], cwd: h.ws, rule: null, decision: 'approved', by: 'policy', sandbox: 'none' }),
      audit(h, 'untrusted', { command: ['touch', 'made.txt'], cwd: h.ws, rule: null, decision: 'approved', by: 'user', reason: null }),
    ]);
  });
});

describe('never', () => {
  it('a dangerous command is rejected with Codex text, without asking', async () => {
    h = await startApprovalHarness();
    mkdirSync(join(h.ws, 'build'));
    h.server.queueResponses(turn.shell(['rm', '-rf', 'build'], { call_id: 'call_rm' }), turn.message('ok'));
    await h.submit(turnWith(h, 'clean', 'never'));
    expect(await h.waitFor((m) => m.type === 'task_complete')).toEqual({ type: 'task_complete', last_agent_message: 'ok' });
    expect(toolOutput(h, 'call_rm')).toBe('exec command rejected: dangerous command detected; rejected by user approval settings');
    expect(existsSync(join(h.ws, 'build'))).toBe(true);
    expect(eventTypes(h)).toEqual(['session_configured', 'task_started', 'user_message', 'agent_message', 'task_complete']);
    expect(auditLines(h)).toEqual([
      audit(h, 'never', { command: ['rm', '-rf', 'build'], cwd: h.ws, rule: null, decision: 'rejected', by: 'policy', reason: 'dangerous command detected; rejected by user approval settings' }),
    ]);
  });

  it('asking for escalated permissions is rejected', async () => {
    h = await startApprovalHarness();
    const target = join(h.outside, 'x');
    h.server.queueResponses(
      turn.toolCalls([{ name: 'shell', arguments: { command: ['touch', target], with_escalated_permissions: true }, call_id: 'call_1' }]),
      turn.message('ok'),
    );
    await h.submit(turnWith(h, 'escalate', 'never'));
    await h.waitFor((m) => m.type === 'task_complete');
    expect(toolOutput(h, 'call_1')).toBe(
      'approval policy is Never; reject command — you should not ask for escalated permissions if the approval policy is Never',
    );
    expect(existsSync(target)).toBe(false);
    expect(approvalRequests(h)).toEqual([]);
    expect(auditLines(h)).toEqual([
      audit(h, 'never', {
        command: ['touch', target], cwd: h.ws, rule: null, decision: 'rejected', by: 'policy',
        reason: 'approval policy is Never; reject command — you should not ask for escalated permissions if the approval policy is Never',
      }),
    ]);
  });
});
