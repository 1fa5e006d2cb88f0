// on-request + workspace-write: the model asks to write outside the workspace (an
// escalated shell command, a patch to an absolute path outside) and each answer leads
// to its outcome: approved, approved_for_session, denied, abort.
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
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

const JUSTIFICATION = 'needs to write the shared cache outside the workspace';

function escalated(command: string[], call_id: string) {
  return turn.toolCalls([{ name: 'shell', arguments: { command, with_escalated_permissions: true, justification: JUSTIFICATION }, call_id }]);
}

/** Codex's freeform exec output with the wall time masked. */
function masked(output: string | undefined): string | undefined {
  return output?.replace(/Wall time: \d+\.\d seconds/, 'Wall time: <t>');
}

function audit(h: ApprovalHarness, fields: Record<string, unknown>): Record<string, unknown> {
  return { time: '<time>', session_id: h.codex.sessionId, ...fields, approval_policy: 'on-request', sandbox_policy: 'workspace-write', event: 'decision' };
}

describe('on-request: escalated shell command', () => {
  it('asks with the justification and the session scope; approved runs it unsandboxed', async () => {
    h = await startApprovalHarness();
    const target = join(h.outside, 'out.txt');
    h.server.queueResponses(escalated(['touch', target], 'call_1'), turn.message('wrote it'));
    await h.submit(turnWith(h, 'write outside', 'on-request'));
    const req = await nextEvent(h, 'exec_approval_request');
    expect(req).toEqual({
      id: '1',
      msg: { type: 'exec_approval_request', call_id: 'call_1', command: ['touch', target], cwd: h.ws, reason: JUSTIFICATION, session_scope: `touch ${target}`, parsed_cmd: [{ type: 'unknown', cmd: `touch ${target}` }] },
    });
    await answer(h, req, 'approved');
    expect(await h.waitFor((m) => m.type === 'task_complete')).toEqual({ type: 'task_complete', last_agent_message: 'wrote it' });
    expect(existsSync(target)).toBe(true);
    expect(masked(toolOutput(h, 'call_1'))).toBe('Exit code: 0\nWall time: <t>\nOutput:\n');
    expect(eventTypes(h)).toEqual([
      'session_configured', 'task_started', 'user_message', 'exec_approval_request',
      'exec_command_begin', 'exec_command_end', 'agent_message', 'task_complete',
    ]);
    expect(auditLines(h)).toEqual([
      audit(h, { kind: 'command', command: ['touch', target], cwd: h.ws, rule: null, decision: 'approved', by: 'user', reason: JUSTIFICATION }),
    ]);
  });

  it('approved_for_session: the same command, also as `bash -lc`, runs without asking; another command still asks', async () => {
    h = await startApprovalHarness();
    const target = join(h.outside, 'a.txt');
    const other = join(h.outside, 'b.txt');
    h.server.queueResponses(
      escalated(['touch', target], 'call_1'),
      escalated(['touch', target], 'call_2'),
      escalated(['bash', '-lc', `touch   '${target}'`], 'call_3'),
      escalated(['touch', other], 'call_4'),
      turn.message('done'),
    );
    await h.submit(turnWith(h, 'touch twice', 'on-request'));
    const first = await nextEvent(h, 'exec_approval_request');
    await answer(h, first, 'approved_for_session');
    const second = await nextEvent(h, 'exec_approval_request', h.events.indexOf(first) + 1);
    expect(second.msg).toEqual({
      type: 'exec_approval_request', call_id: 'call_4', command: ['touch', other], cwd: h.ws, reason: JUSTIFICATION, session_scope: `touch ${other}`, parsed_cmd: [{ type: 'unknown', cmd: `touch ${other}` }],
    });
    await answer(h, second, 'denied');
    await h.waitFor((m) => m.type === 'task_complete');
    expect(approvalRequests(h).map((m) => (m as { call_id: string }).call_id)).toEqual(['call_1', 'call_4']);
    expect(h.events.filter((e) => e.msg.type === 'exec_command_end').map((e) => [(e.msg as { call_id: string }).call_id, (e.msg as { exit_code: number }).exit_code])).toEqual([
      ['call_1', 0], ['call_2', 0], ['call_3', 0],
    ]);
    expect(toolOutput(h, 'call_4')).toBe('exec command rejected by user');
    expect(existsSync(other)).toBe(false);
    const cmd = (command: string[], fields: Record<string, unknown>) => audit(h!, { kind: 'command', command, cwd: h!.ws, rule: null, ...fields });
    expect(auditLines(h)).toEqual([
      cmd(['touch', target], { decision: 'approved_for_session', by: 'user', reason: JUSTIFICATION }),
      cmd(['touch', target], { decision: 'approved', by: 'user-session', sandbox: 'none' }),
      cmd(['bash', '-lc', `touch   '${target}'`], { decision: 'approved', by: 'user-session', sandbox: 'none' }),
      cmd(['touch', other], { decision: 'denied', by: 'user', reason: JUSTIFICATION }),
    ]);
  });

  it('denied: the model reads "exec command rejected by user" and the turn goes on', async () => {
    h = await startApprovalHarness();
    const target = join(h.outside, 'out.txt');
    h.server.queueResponses(escalated(['touch', target], 'call_1'), turn.message('could not write'));
    await h.submit(turnWith(h, 'write outside', 'on-request'));
    await answer(h, await nextEvent(h, 'exec_approval_request'), 'denied');
    expect(await h.waitFor((m) => m.type === 'task_complete')).toEqual({ type: 'task_complete', last_agent_message: 'could not write' });
    expect(toolOutput(h, 'call_1')).toBe('exec command rejected by user');
    expect(existsSync(target)).toBe(false);
    expect(eventTypes(h)).toEqual(['session_configured', 'task_started', 'user_message', 'exec_approval_request', 'agent_message', 'task_complete']);
    expect(auditLines(h)).toEqual([
      audit(h, { kind: 'command', command: ['touch', target], cwd: h.ws, rule: null, decision: 'denied', by: 'user', reason: JUSTIFICATION }),
    ]);
  });

  it('abort: the turn ends with turn_aborted and nothing more is asked or sent', async () => {
    h = await startApprovalHarness();
    const target = join(h.outside, 'out.txt');
    h.server.queueResponses(escalated(['touch', target], 'call_1'), escalated(['touch', target], 'call_2'), turn.message('never sent'));
    await h.submit(turnWith(h, 'write outside', 'on-request'));
    await answer(h, await nextEvent(h, 'exec_approval_request'), 'abort');
    expect(await h.waitFor((m) => m.type === 'turn_aborted')).toEqual({ type: 'turn_aborted', reason: 'interrupted' });
    expect(existsSync(target)).toBe(false);
    expect(h.server.responsesRequests()).toHaveLength(1);
    expect(eventTypes(h)).toEqual(['session_configured', 'task_started', 'user_message', 'exec_approval_request', 'turn_aborted']);
  });
});

describe('on-request: patch outside the workspace', () => {
  function addFile(path: string, call_id: string) {
    return turn.applyPatch(`*** Begin Patch\n*** Add File: ${path}\n+shared\n*** End Patch\n`, { call_id });
  }

  it('asks with the changes; approved writes the file', async () => {
    h = await startApprovalHarness();
    const target = join(h.outside, 'notes.txt');
    h.server.queueResponses(addFile(target, 'call_p'), turn.message('patched'));
    await h.submit(turnWith(h, 'patch outside', 'on-request'));
    const req = await nextEvent(h, 'apply_patch_approval_request');
    expect(req).toEqual({ id: '1', msg: { type: 'apply_patch_approval_request', call_id: 'call_p', changes: { [target]: { add: { content: 'shared\n' } } } } });
    await answer(h, req, 'approved');
    await h.waitFor((m) => m.type === 'task_complete');
    expect(readFileSync(target, 'utf8')).toBe('shared\n');
    expect(masked(toolOutput(h, 'call_p'))).toBe(`Exit code: 0\nWall time: <t>\nOutput:\nSuccess. Updated the following files:\nA ${target}\n`);
    expect(h.events.find((e) => e.msg.type === 'patch_apply_begin')?.msg).toEqual({
      type: 'patch_apply_begin', call_id: 'call_p', auto_approved: false, changes: { [target]: { add: { content: 'shared\n' } } },
    });
    expect(auditLines(h)).toEqual([audit(h, { kind: 'patch', cwd: h.ws, paths: [target], decision: 'approved', by: 'user' })]);
  });

  it('denied: the model reads "patch rejected by user", nothing is written, the turn goes on', async () => {
    h = await startApprovalHarness();
    const target = join(h.outside, 'notes.txt');
    h.server.queueResponses(addFile(target, 'call_p'), turn.message('left it alone'));
    await h.submit(turnWith(h, 'patch outside', 'on-request'));
    await answer(h, await nextEvent(h, 'apply_patch_approval_request'), 'denied');
    expect(await h.waitFor((m) => m.type === 'task_complete')).toEqual({ type: 'task_complete', last_agent_message: 'left it alone' });
    expect(toolOutput(h, 'call_p')).toBe('patch rejected by user');
    expect(existsSync(target)).toBe(false);
    expect(auditLines(h)).toEqual([audit(h, { kind: 'patch', cwd: h.ws, paths: [target], decision: 'denied', by: 'user' })]);
  });

  it('abort: turn_aborted, nothing written, no further request', async () => {
    h = await startApprovalHarness();
    const target = join(h.outside, 'notes.txt');
    h.server.queueResponses(addFile(target, 'call_p'), addFile(target, 'call_q'), turn.message('never sent'));
    await h.submit(turnWith(h, 'patch outside', 'on-request'));
    await answer(h, await nextEvent(h, 'apply_patch_approval_request'), 'abort');
    expect(await h.waitFor((m) => m.type === 'turn_aborted')).toEqual({ type: 'turn_aborted', reason: 'interrupted' });
    expect(existsSync(target)).toBe(false);
    expect(h.server.responsesRequests()).toHaveLength(1);
    expect(eventTypes(h)).toEqual(['session_configured', 'task_started', 'user_message', 'apply_patch_approval_request', 'turn_aborted']);
  });

  it('approved_for_session: a later patch to the same file is applied without asking; another file still asks', async () => {
    h = await startApprovalHarness();
    const target = join(h.outside, 'notes.txt');
    const other = join(h.outside, 'other.txt');
    const update = turn.applyPatch(`*** Begin Patch\n*** Update File: ${target}\n@@\n-shared\n+again\n*** End Patch\n`, { call_id: 'call_q' });
    h.server.queueResponses(addFile(target, 'call_p'), update, addFile(other, 'call_r'), turn.message('done'));
    await h.submit(turnWith(h, 'patch outside three times', 'on-request'));
    const first = await nextEvent(h, 'apply_patch_approval_request');
    await answer(h, first, 'approved_for_session');
    const second = await nextEvent(h, 'apply_patch_approval_request', h.events.indexOf(first) + 1);
    expect((second.msg as { call_id: string }).call_id).toBe('call_r');
    await answer(h, second, 'denied');
    await h.waitFor((m) => m.type === 'task_complete');
    expect(readFileSync(target, 'utf8')).toBe('again\n');
    expect(existsSync(other)).toBe(false);
    expect(auditLines(h)).toEqual([
      audit(h, { kind: 'patch', cwd: h.ws, paths: [target], decision: 'approved_for_session', by: 'user' }),
      audit(h, { kind: 'patch', cwd: h.ws, paths: [target], decision: 'approved', by: 'user-session' }),
      audit(h, { kind: 'patch', cwd: h.ws, paths: [other], decision: 'denied', by: 'user' }),
    ]);
  });

  it('inside the workspace: applied without asking', async () => {
    h = await startApprovalHarness();
    h.server.queueResponses(addFile('inside.txt', 'call_p'), turn.message('ok'));
    await h.submit(turnWith(h, 'patch inside', 'on-request'));
    await h.waitFor((m) => m.type === 'task_complete');
    expect(readFileSync(join(h.ws, 'inside.txt'), 'utf8')).toBe('shared\n');
    expect(approvalRequests(h)).toEqual([]);
    expect(auditLines(h)).toEqual([audit(h, { kind: 'patch', cwd: h.ws, paths: [join(h.ws, 'inside.txt')], decision: 'approved', by: 'policy' })]);
  });
});

describe('on-request: patch into .git or .codex', () => {
  it('asks with the protected-path reason; denied writes nothing; the same patch under never is refused', async () => {
    h = await startApprovalHarness();
    const patch = (call_id: string) => turn.applyPatch('*** Begin Patch\n*** Add File: .codex/config.toml\n+approval_policy = "never"\n*** End Patch\n', { call_id });
    h.server.queueResponses(patch('call_p'), turn.message('asked'), patch('call_q'), turn.message('refused'));
    await h.submit(turnWith(h, 'patch .codex', 'on-request'));
    const req = await nextEvent(h, 'apply_patch_approval_request');
    const reason = 'writing to .codex/config.toml is not allowed: .codex stays read-only inside the workspace (.git and .codex are protected in every writable root, even before they exist)';
    expect(req.msg).toEqual({ type: 'apply_patch_approval_request', call_id: 'call_p', changes: { [join(h.ws, '.codex/config.toml')]: { add: { content: 'approval_policy = "never"\n' } } }, reason });
    await answer(h, req, 'denied');
    await h.waitFor((m) => m.type === 'task_complete');
    await h.submit(turnWith(h, 'patch .codex again', 'never'));
    await h.waitFor((m) => m.type === 'task_complete' && m.last_agent_message === 'refused');
    expect({ asked: toolOutput(h, 'call_p'), never: toolOutput(h, 'call_q'), written: existsSync(join(h.ws, '.codex')) }).toEqual({ asked: 'patch rejected by user', never: `patch rejected: ${reason}`, written: false });
  });
});

describe('untrusted: an approved patch that looks inside the workspace stays in the sandbox', () => {
  it('a patch through a symlink to the outside is approved as a workspace path, and still cannot write outside', async () => {
    h = await startApprovalHarness();
    symlinkSync(h.outside, join(h.ws, 'link'));
    h.server.queueResponses(turn.applyPatch('*** Begin Patch\n*** Add File: link/escaped.txt\n+pwned\n*** End Patch\n', { call_id: 'call_p' }), turn.message('tried'));
    await h.submit(turnWith(h, 'patch via link', 'untrusted'));
    const req = await nextEvent(h, 'apply_patch_approval_request');
    expect(Object.keys((req.msg as { changes: object }).changes)).toEqual([join(h.ws, 'link/escaped.txt')]);
    await answer(h, req, 'approved');
    await h.waitFor((m) => m.type === 'task_complete');
    expect({ escaped: existsSync(join(h.outside, 'escaped.txt')), output: /^Exit code: 1\n[\s\S]*(Refusing to touch link\/escaped\.txt|Permission denied)/.test(toolOutput(h, 'call_p') ?? '') }).toEqual({ escaped: false, output: true });
  });
});
