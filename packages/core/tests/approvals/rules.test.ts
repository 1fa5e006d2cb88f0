// execpolicy rules from CODEX_HOME/rules/*.rules in a live session: forbidden is rejected,
// prompt asks (with the rule's justification), allow runs without asking; the audit trail
// names the rule. A bad rules file stops Codex.spawn with file:line:column.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startModelServer, turn } from '@codex-ts/test-support';
import { startHarness, tempDir } from '../engine/harness.js';
import {
  answer, approvalRequests, auditLines, nextEvent, startApprovalHarness, toolOutput, turnWith, type ApprovalHarness,
} from './helpers.js';

let h: ApprovalHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const RULES = `# team rules
prefix_rule(pattern=["git", "push"], decision="forbidden", justification="Pushing is done by CI.")
prefix_rule(pattern=["touch"], decision="prompt", justification="creates files")
prefix_rule(pattern=["mkdir"], decision="allow")
`;

function audit(h: ApprovalHarness, fields: Record<string, unknown>): Record<string, unknown> {
  return { time: '<time>', session_id: h.codex.sessionId, kind: 'command', ...fields, approval_policy: 'on-request', sandbox_policy: 'workspace-write', event: 'decision' };
}

describe('execpolicy rules in a session', () => {
  it('forbidden → rejected, prompt → asked, allow → runs; each audited with its rule', async () => {
    h = await startApprovalHarness({ rules: { 'default.rules': RULES } });
    h.server.queueResponses(
      turn.shell(['git', 'push', 'origin', 'main'], { call_id: 'call_push' }),
      turn.shell(['touch', 'a.txt'], { call_id: 'call_touch' }),
      turn.shell(['bash', '-lc', 'mkdir -p out/dir'], { call_id: 'call_mkdir' }),
      turn.message('done'),
    );
    await h.submit(turnWith(h, 'rules', 'on-request'));
    const req = await nextEvent(h, 'exec_approval_request');
    expect(req.msg).toEqual({
      type: 'exec_approval_request', call_id: 'call_touch', command: ['touch', 'a.txt'], cwd: h.ws,
      reason: '`touch a.txt` requires approval: creates files', session_scope: 'touch a.txt', parsed_cmd: [{ type: 'unknown', cmd: 'touch a.txt' }],
    });
    await answer(h, req, 'approved');
    await h.waitFor((m) => m.type === 'task_complete');
    expect(toolOutput(h, 'call_push')).toBe('exec command rejected: `git push origin main` rejected: Pushing is done by CI.');
    expect(existsSync(join(h.ws, 'a.txt'))).toBe(true);
    expect(existsSync(join(h.ws, 'out', 'dir'))).toBe(true);
    expect(approvalRequests(h)).toHaveLength(1);
    const forbidden = { matchedPrefix: ['git', 'push'], decision: 'forbidden', justification: 'Pushing is done by CI.' };
    const prompt = { matchedPrefix: ['touch'], decision: 'prompt', justification: 'creates files' };
    expect(auditLines(h)).toEqual([
      audit(h, { command: ['git', 'push', 'origin', 'main'], cwd: h.ws, rule: forbidden, decision: 'rejected', by: 'rule', reason: '`git push origin main` rejected: Pushing is done by CI.' }),
      audit(h, { command: ['touch', 'a.txt'], cwd: h.ws, rule: prompt, decision: 'approved', by: 'user', reason: '`touch a.txt` requires approval: creates files' }),
      audit(h, { command: ['bash', '-lc', 'mkdir -p out/dir'], cwd: h.ws, rule: { matchedPrefix: ['mkdir'], decision: 'allow' }, decision: 'approved', by: 'rule', sandbox: 'none' }),
    ]);
  });

  it('a prompt rule under never is rejected', async () => {
    h = await startApprovalHarness({ rules: { 'default.rules': RULES } });
    h.server.queueResponses(turn.shell(['touch', 'a.txt'], { call_id: 'call_touch' }), turn.message('done'));
    await h.submit(turnWith(h, 'rules', 'never'));
    await h.waitFor((m) => m.type === 'task_complete');
    expect(toolOutput(h, 'call_touch')).toBe('exec command rejected: approval required by policy, but AskForApproval is set to Never');
    expect(existsSync(join(h.ws, 'a.txt'))).toBe(false);
  });
});

describe('bad rules stop the session', () => {
  async function spawnWith(rules: string): Promise<{ error: unknown; home: string }> {
    const server = await startModelServer();
    const home = tempDir('codex-home-');
    mkdirSync(join(home, 'rules'));
    writeFileSync(join(home, 'rules', 'a-good.rules'), 'prefix_rule(pattern=["ls"], decision="allow")\n');
    writeFileSync(join(home, 'rules', 'b-bad.rules'), rules);
    try {
      const started = await startHarness({ server, home });
      await started.close();
      return { error: undefined, home };
    } catch (err: unknown) {
      return { error: err, home };
    } finally {
      await server.close();
    }
  }

  it('a syntax error names file:line:column and Codex.spawn fails', async () => {
    const { error, home } = await spawnWith('prefix_rule(pattern=["git"], decision="allow")\nprefix_rule(pattern=["rm"] decision="forbidden")\n');
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(`${join(home, 'rules', 'b-bad.rules')}:2:28: expected \`)\` to close the argument list, found \`decision\``);
    expect(existsSync(join(home, 'log', 'audit.jsonl'))).toBe(false);
  });

  it('an unknown decision word is an error', async () => {
    const { error, home } = await spawnWith('prefix_rule(pattern=["git"], decision="deny")\n');
    expect((error as Error).message).toBe(`${join(home, 'rules', 'b-bad.rules')}:1:1: invalid decision: deny (expected "allow", "prompt" or "forbidden")`);
  });
});
