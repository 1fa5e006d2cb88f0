// exec_command goes through the same approvals as shell: require_escalated asks under
// on-request (with the justification and proposed prefix rule) and is refused with 0.169's
// text elsewhere; a sandbox denial under on-failure offers an unsandboxed retry; a denied
// command never runs. The command is `[shell, -c, cmd]` (login: false keeps profiles out).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { execCommandCall, turn } from '@codex-ts/test-support';
import { answer, nextEvent, startApprovalHarness, toolOutput, type ApprovalHarness } from './helpers.js';
import { userTurn } from '../engine/harness.js';

let h: ApprovalHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const WORKSPACE_ONLY = { mode: 'workspace-write', writable_roots: [], network_access: false, exclude_tmpdir_env_var: true, exclude_slash_tmp: true };
const on = (h: ApprovalHarness, text: string, approval_policy: string) => userTurn(h, text, { model: 'gpt-5.5', approval_policy, sandbox_policy: WORKSPACE_ONLY });

describe.runIf(process.platform === 'linux')('exec_command approvals', () => {
  it('on-request: require_escalated asks with the justification; approved runs outside the sandbox', async () => {
    h = await startApprovalHarness();
    const target = join(h.outside, 'esc.txt');
    const why = 'Do you want me to write the report outside the workspace?';
    h.server.queueResponses(
      turn.of(execCommandCall(`touch ${target}`, { login: false, call_id: 'e1', sandbox_permissions: 'require_escalated', justification: why, prefix_rule: ['touch'] })),
      turn.message('done'),
    );
    await h.submit(on(h, 'escalate', 'on-request'));
    const req = await nextEvent(h, 'exec_approval_request');
    expect(req.msg).toMatchObject({ call_id: 'e1', command: [expect.stringMatching(/sh$/), '-c', `touch ${target}`], cwd: h.ws, reason: why, proposed_execpolicy_amendment: ['touch'] });
    await answer(h, req, 'approved');
    await h.waitFor((m) => m.type === 'task_complete');
    expect(existsSync(target)).toBe(true);
    expect(toolOutput(h, 'e1')).toMatch(/\nProcess exited with code 0\n/);
  });

  it('never: require_escalated is refused without running, with 0.169 text', async () => {
    h = await startApprovalHarness();
    const target = join(h.outside, 'never.txt');
    h.server.queueResponses(turn.of(execCommandCall(`touch ${target}`, { login: false, call_id: 'n1', sandbox_permissions: 'require_escalated' })), turn.message('refused'));
    await h.submit(on(h, 'escalate', 'never'));
    await h.waitFor((m) => m.type === 'task_complete');
    expect(toolOutput(h, 'n1')).toBe('approval policy is Never; reject command — you cannot ask for escalated permissions if the approval policy is Never');
    expect(existsSync(target)).toBe(false);
    expect(h.events.some((e) => e.msg.type === 'exec_command_begin')).toBe(false);
  });

  it('on-failure: a sandbox denial offers a retry without the sandbox', async () => {
    h = await startApprovalHarness();
    const target = join(h.outside, 'retry.txt');
    h.server.queueResponses(turn.of(execCommandCall(`echo hi > ${target}`, { login: false, call_id: 'f1' })), turn.message('retried'));
    await h.submit(on(h, 'write outside', 'on-failure'));
    const req = await nextEvent(h, 'exec_approval_request');
    expect(req.msg).toMatchObject({ call_id: 'f1', reason: 'command failed; retry without sandbox?' });
    expect(existsSync(target)).toBe(false);
    await answer(h, req, 'approved');
    await h.waitFor((m) => m.type === 'task_complete');
    expect(existsSync(target)).toBe(true);
    expect(toolOutput(h, 'f1')).toMatch(/\nProcess exited with code 0\n/);
  });

  it('untrusted: a denied command is not run', async () => {
    h = await startApprovalHarness();
    const target = join(h.ws, 'denied.txt');
    h.server.queueResponses(turn.of(execCommandCall(`touch ${target}`, { login: false, call_id: 'u1' })), turn.message('ok'));
    await h.submit(on(h, 'touch', 'untrusted'));
    const req = await nextEvent(h, 'exec_approval_request');
    await answer(h, req, 'denied');
    await h.waitFor((m) => m.type === 'task_complete');
    expect(toolOutput(h, 'u1')).toBe('exec command rejected by user');
    expect(existsSync(target)).toBe(false);
  });
});
