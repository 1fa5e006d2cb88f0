import { beforeAll, describe, expect, it } from 'vitest';
import { PolicyParser, type Policy } from '@codex-ts/execpolicy';
import { commandApprovalKey } from './approval-key.js';
import { assessCommandSafety, escalationRejectReason, REJECT_REASONS } from './assess-command.js';
import { assessPatchSafety } from './assess-patch.js';
import type { AskForApproval, SafetyCheck, SandboxPolicy } from './policy-types.js';

const RO: SandboxPolicy = { mode: 'read-only' };
const WW: SandboxPolicy = { mode: 'workspace-write', writable_roots: [], exclude_slash_tmp: true, exclude_tmpdir_env_var: true };
const FULL: SandboxPolicy = { mode: 'danger-full-access' };
const run = (sandbox: 'none' | 'platform', userExplicitlyApproved = false): SafetyCheck => ({ kind: 'auto-approve', sandbox, userExplicitlyApproved });
const ASK: SafetyCheck = { kind: 'ask-user' };
const reject = (reason: string): SafetyCheck => ({ kind: 'reject', reason });

describe('assessCommandSafety: approval x sandbox x command', () => {
  type Row = [AskForApproval, SandboxPolicy, string[], { escalated?: boolean; platform?: boolean; approved?: boolean }, SafetyCheck];
  const unknown = ['cargo', 'build'];
  const safe = ['bash', '-lc', 'ls && cat README.md'];
  const danger = ['rm', '-rf', 'target'];
  const rows: Row[] = [
    // known-safe commands run unsandboxed under every policy
    ['untrusted', RO, safe, {}, run('none')],
    ['on-failure', WW, safe, {}, run('none')],
    ['on-request', RO, safe, {}, run('none')],
    ['never', FULL, safe, {}, run('none')],
    // dangerous commands ask, or are rejected under never
    ['untrusted', FULL, danger, {}, ASK],
    ['on-failure', WW, danger, {}, ASK],
    ['on-request', FULL, danger, {}, ASK],
    ['never', FULL, danger, {}, reject(REJECT_REASONS.dangerous)],
    ['never', WW, ['bash', '-lc', 'git reset --hard'], {}, reject(REJECT_REASONS.dangerous)],
    ['never', WW, danger, { approved: true }, run('none', true)],
    // the untrusted-command table
    ['untrusted', RO, unknown, {}, ASK],
    ['untrusted', WW, unknown, {}, ASK],
    ['untrusted', FULL, unknown, {}, ASK],
    ['on-failure', FULL, unknown, {}, run('none')],
    ['on-failure', RO, unknown, {}, run('platform')],
    ['on-failure', WW, unknown, {}, run('platform')],
    ['on-failure', WW, unknown, { platform: false }, ASK],
    ['on-request', FULL, unknown, {}, run('none')],
    ['on-request', FULL, unknown, { escalated: true }, run('none')],
    ['on-request', RO, unknown, {}, run('platform')],
    ['on-request', WW, unknown, {}, run('platform')],
    ['on-request', WW, unknown, { escalated: true }, ASK],
    ['on-request', RO, unknown, { platform: false }, ASK],
    ['never', FULL, unknown, {}, run('none')],
    ['never', RO, unknown, {}, run('platform')],
    ['never', WW, unknown, {}, run('platform')],
    ['never', WW, unknown, { platform: false }, reject(REJECT_REASONS.notTrusted)],
    // escalation outside on-request is refused before anything else
    ['never', WW, unknown, { escalated: true }, reject(escalationRejectReason('never'))],
    ['untrusted', WW, safe, { escalated: true }, reject(escalationRejectReason('untrusted'))],
    ['on-failure', FULL, unknown, { escalated: true }, reject(escalationRejectReason('on-failure'))],
    // approved for this session: matches the normalised command, runs unsandboxed
    ['untrusted', RO, ['bash', '-lc', 'cargo   build'], { approved: true }, run('none', true)],
    ['untrusted', RO, ['cargo', 'build', '--release'], { approved: true }, ASK],
  ];
  for (const [approvalPolicy, sandboxPolicy, command, o, want] of rows) {
    it(`${approvalPolicy} / ${sandboxPolicy.mode} / ${JSON.stringify(command)} ${JSON.stringify(o)}`, () => {
      const approvedForSession = new Set(o.approved ? [commandApprovalKey(unknown), commandApprovalKey(danger)] : []);
      expect(
        assessCommandSafety({
          command,
          approvalPolicy,
          sandboxPolicy,
          approvedForSession,
          withEscalatedPermissions: o.escalated ?? false,
          hasPlatformSandbox: o.platform ?? true,
        }),
      ).toEqual(want);
    });
  }

  it('escalation message is the one Codex prints', () => {
    expect(escalationRejectReason('never')).toBe(
      'approval policy is Never; reject command — you should not ask for escalated permissions if the approval policy is Never',
    );
  });
});

/** `check` decided by the rule with this prefix. */
function by(check: SafetyCheck, matchedPrefix: string[], decision: 'allow' | 'prompt' | 'forbidden', justification?: string): SafetyCheck {
  return { ...check, rule: { matchedPrefix, decision, ...(justification ? { justification } : {}) } };
}

describe('assessCommandSafety with execpolicy rules', () => {
  let policy: Policy;
  beforeAll(() => {
    const p = new PolicyParser();
    p.parse(
      'default.rules',
      `prefix_rule(pattern=["git", "push"], decision="forbidden", justification="Pushing is done by CI.")
prefix_rule(pattern=["curl"], decision="forbidden")
prefix_rule(pattern=["npm", ["install", "i"]], decision="prompt", justification="installs run scripts")
prefix_rule(pattern=["python3"], decision="prompt")
prefix_rule(pattern=["cargo", "build"], decision="allow")
prefix_rule(pattern=["rm"], decision="allow")`,
    );
    policy = p.build();
  });
  type Row = [AskForApproval, SandboxPolicy, string[], SafetyCheck];
  const rows: Row[] = [
    ['on-request', FULL, ['git', 'push', 'origin'], by(reject('`git push origin` rejected: Pushing is done by CI.'), ['git', 'push'], 'forbidden', 'Pushing is done by CI.')],
    ['never', FULL, ['curl', 'https://x'], by(reject('`curl https://x` rejected: policy forbids commands starting with `curl`'), ['curl'], 'forbidden')],
    ['on-request', WW, ['bash', '-lc', 'ls && git push'], by(reject("`bash -lc 'ls && git push'` rejected: Pushing is done by CI."), ['git', 'push'], 'forbidden', 'Pushing is done by CI.')],
    ['on-request', WW, ['npm', 'i', 'left-pad'], by({ kind: 'ask-user', reason: '`npm i left-pad` requires approval: installs run scripts' }, ['npm', 'i'], 'prompt', 'installs run scripts')],
    ['untrusted', FULL, ['python3', 'x.py'], by({ kind: 'ask-user', reason: '`python3 x.py` requires approval by policy' }, ['python3'], 'prompt')],
    ['never', WW, ['python3', 'x.py'], by(reject(REJECT_REASONS.promptUnderNever), ['python3'], 'prompt')],
    ['untrusted', RO, ['cargo', 'build'], by(run('none'), ['cargo', 'build'], 'allow')],
    ['never', RO, ['rm', '-rf', 'target'], by(run('none'), ['rm'], 'allow')],
    ['on-request', WW, ['bash', '-lc', 'cargo build && cargo test'], by(run('platform'), ['cargo', 'build'], 'allow')],
    ['untrusted', WW, ['bash', '-lc', 'cargo build && cargo test'], ASK],
    ['on-request', WW, ['bash', '-lc', 'cargo build && ls'], by(run('none'), ['cargo', 'build'], 'allow')],
    ['untrusted', WW, ['make'], ASK],
    ['never', WW, ['make'], run('platform')],
  ];
  for (const [approvalPolicy, sandboxPolicy, command, want] of rows) {
    it(`${approvalPolicy} / ${sandboxPolicy.mode} / ${JSON.stringify(command)}`, () => {
      expect(assessCommandSafety({ command, approvalPolicy, sandboxPolicy, execPolicy: policy, hasPlatformSandbox: true })).toEqual(want);
    });
  }

  it('a prompt rule is skipped once approved for the session', () => {
    const approvedForSession = new Set([commandApprovalKey(['npm', 'i', 'left-pad'])]);
    expect(
      assessCommandSafety({ command: ['bash', '-lc', 'npm i left-pad'], approvalPolicy: 'on-request', sandboxPolicy: WW, approvedForSession, execPolicy: policy }),
    ).toEqual(by(run('none', true), ['npm', 'i'], 'prompt', 'installs run scripts'));
  });
});

describe('assessPatchSafety', () => {
  const cwd = '/work/repo';
  type Row = [AskForApproval, SandboxPolicy, string[], { platform?: boolean; roots?: string[] }, SafetyCheck];
  const inside = ['src/a.ts', './b/../c.ts', '/work/repo/d.ts'];
  const outside = ['../other/x.ts'];
  const rows: Row[] = [
    ['on-request', WW, [], {}, reject('empty patch')],
    ['untrusted', WW, inside, {}, ASK],
    ['untrusted', FULL, inside, {}, ASK],
    ['on-request', WW, inside, {}, run('platform')],
    ['never', WW, inside, {}, run('platform')],
    ['on-request', WW, inside, { platform: false }, ASK],
    ['on-request', FULL, outside, {}, run('none')],
    ['never', FULL, ['/etc/passwd'], { platform: false }, run('none')],
    ['on-request', WW, outside, {}, ASK],
    ['never', WW, outside, {}, reject('writing outside of the project; rejected by user approval settings')],
    ['never', WW, ['/etc/x'], {}, reject('writing outside of the project; rejected by user approval settings')],
    ['never', RO, inside, {}, reject('writing is blocked by read-only sandbox; rejected by user approval settings')],
    ['on-request', RO, inside, {}, ASK],
    ['on-failure', RO, outside, {}, run('platform')],
    ['on-failure', WW, outside, { platform: false }, ASK],
    ['never', WW, ['src/a.ts', ...outside], { roots: ['/work/other'] }, reject('writing outside of the project; rejected by user approval settings')],
    ['never', WW, outside, { roots: ['/work/repo', '/work/other'] }, run('platform')],
    ['never', WW, ['src/../../repo2/x'], {}, reject('writing outside of the project; rejected by user approval settings')],
  ];
  for (const [approvalPolicy, sandboxPolicy, patchPaths, o, want] of rows) {
    it(`${approvalPolicy} / ${sandboxPolicy.mode} / ${JSON.stringify(patchPaths)} ${JSON.stringify(o)}`, () => {
      expect(
        assessPatchSafety({
          patchPaths,
          approvalPolicy,
          sandboxPolicy,
          cwd,
          hasPlatformSandbox: o.platform ?? true,
          ...(o.roots ? { writableRoots: o.roots } : {}),
        }),
      ).toEqual(want);
    });
  }

  it('keeps .git read-only inside a writable root', () => {
    const writableRoots = [{ root: cwd, readOnlySubpaths: [`${cwd}/.git`] }];
    const base = { approvalPolicy: 'never' as const, sandboxPolicy: WW, cwd, writableRoots, hasPlatformSandbox: true };
    expect([
      assessPatchSafety({ ...base, patchPaths: ['.git/hooks/pre-commit'] }),
      assessPatchSafety({ ...base, patchPaths: ['.gitignore'] }),
    ]).toEqual([reject('writing outside of the project; rejected by user approval settings'), run('platform')]);
  });
});
