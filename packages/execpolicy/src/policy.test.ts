import { describe, expect, it } from 'vitest';
import { PolicyParser } from './parser.js';
import { Policy } from './policy.js';
import type { Evaluation } from './policy.js';

function load(src: string): Policy {
  const p = new PolicyParser();
  p.parse('test.rules', src);
  return p.build();
}

const m = (matchedPrefix: string[], decision: string, extra: Record<string, string> = {}) => ({
  prefixRuleMatch: { matchedPrefix, decision, ...extra },
});

describe('evaluation (tests/basic.rs behaviour)', () => {
  const cases: { name: string; src: string; cmd: string[]; want: Evaluation }[] = [
    {
      name: 'basic match',
      src: 'prefix_rule(pattern = ["git", "status"])',
      cmd: ['git', 'status'],
      want: { matchedRules: [m(['git', 'status'], 'allow')], decision: 'allow' } as Evaluation,
    },
    {
      name: 'justification on forbidden',
      src: 'prefix_rule(pattern=["rm"], decision="forbidden", justification="destructive command")',
      cmd: ['rm', '-rf', '/some/important/folder'],
      want: { matchedRules: [m(['rm'], 'forbidden', { justification: 'destructive command' })], decision: 'forbidden' } as Evaluation,
    },
    {
      name: 'justification with allow',
      src: 'prefix_rule(pattern=["ls"], decision="allow", justification="safe and commonly used")',
      cmd: ['ls', '-l'],
      want: { matchedRules: [m(['ls'], 'allow', { justification: 'safe and commonly used' })], decision: 'allow' } as Evaluation,
    },
    {
      name: 'strictest wins, every match listed in load order',
      src: 'prefix_rule(pattern=["git"], decision="prompt")\nprefix_rule(pattern=["git","commit"], decision="forbidden")',
      cmd: ['git', 'commit', '-m', 'hi'],
      want: { matchedRules: [m(['git'], 'prompt'), m(['git', 'commit'], 'forbidden')], decision: 'forbidden' } as Evaluation,
    },
    {
      name: 'first-token alternatives expand to one rule per head',
      src: 'prefix_rule(pattern=[["bash","sh"], ["-c","-l"]])',
      cmd: ['sh', '-l', 'echo', 'hi'],
      want: { matchedRules: [m(['sh', '-l'], 'allow')], decision: 'allow' } as Evaluation,
    },
    {
      name: 'tail alternatives are positional, not Cartesian',
      src: 'prefix_rule(pattern=["npm", ["i","install"], ["--legacy-peer-deps","--no-save"]])',
      cmd: ['npm', 'install', '--no-save', 'leftpad'],
      want: { matchedRules: [m(['npm', 'install', '--no-save'], 'allow')], decision: 'allow' } as Evaluation,
    },
    {
      name: 'command shorter than pattern',
      src: 'prefix_rule(pattern=["git","status"])',
      cmd: ['git'],
      want: { matchedRules: [] },
    },
    {
      name: 'no rule for program',
      src: 'prefix_rule(pattern=["git"])',
      cmd: ['python3', '-c', 'print(1)'],
      want: { matchedRules: [] },
    },
    {
      name: 'absolute path does not match basename rule without resolution',
      src: 'prefix_rule(pattern=["git"], decision="prompt")',
      cmd: ['/usr/bin/git', 'status'],
      want: { matchedRules: [] },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(load(c.src).check(c.cmd)).toEqual(c.want);
    });
  }

  it('merges several files in order', () => {
    const p = new PolicyParser();
    p.parse('first.rules', 'prefix_rule(pattern=["git"], decision="prompt")');
    p.parse('second.rules', 'prefix_rule(pattern=["git","commit"], decision="forbidden")');
    const policy = p.build();
    expect(policy.check(['git', 'status'])).toEqual({ matchedRules: [m(['git'], 'prompt')], decision: 'prompt' });
    expect(policy.rules().get('git')).toEqual([
      { first: 'git', rest: [], decision: 'prompt' },
      { first: 'git', rest: ['commit'], decision: 'forbidden' },
    ]);
  });

  it('checkMultiple aggregates all commands', () => {
    const policy = load('prefix_rule(pattern=["git"], decision="prompt")\nprefix_rule(pattern=["git","commit"], decision="forbidden")');
    expect(policy.checkMultiple([['git', 'status'], ['git', 'commit', '-m', 'hi']])).toEqual({
      matchedRules: [m(['git'], 'prompt'), m(['git'], 'prompt'), m(['git', 'commit'], 'forbidden')],
      decision: 'forbidden',
    });
  });

  it('addPrefixRule extends the policy and rejects an empty prefix', () => {
    const policy = Policy.empty();
    policy.addPrefixRule(['ls', '-l'], 'prompt');
    expect(policy.check(['ls', '-l', '/x'])).toEqual({ matchedRules: [m(['ls', '-l'], 'prompt')], decision: 'prompt' });
    expect(() => policy.addPrefixRule([], 'allow')).toThrow(expect.objectContaining({ code: 'invalid-pattern', message: 'prefix cannot be empty' }));
  });

  describe('host executables', () => {
    const src = 'prefix_rule(pattern=["git","status"], decision="prompt")\nhost_executable(name="git", paths=["/usr/bin/git"])';
    const opts = { resolveHostExecutables: true };
    it('falls back to the basename rule for a listed path', () => {
      expect(load(src).check(['/usr/bin/git', 'status'], opts)).toEqual({
        matchedRules: [m(['git', 'status'], 'prompt', { resolvedProgram: '/usr/bin/git' })],
        decision: 'prompt',
      });
    });
    it('ignores a path not in the allowlist', () => {
      expect(load(src).check(['/opt/homebrew/bin/git', 'status'], opts)).toEqual({ matchedRules: [] });
    });
    it('falls back freely without a host_executable entry', () => {
      expect(load('prefix_rule(pattern=["git"], decision="prompt")').check(['/usr/bin/git', 'status'], opts)).toEqual({
        matchedRules: [m(['git'], 'prompt', { resolvedProgram: '/usr/bin/git' })],
        decision: 'prompt',
      });
    });
    it('an exact rule wins over the fallback', () => {
      const p = load('prefix_rule(pattern=["/usr/bin/git"])\nprefix_rule(pattern=["git"], decision="prompt")\nhost_executable(name="git", paths=["/usr/bin/git"])');
      expect(p.check(['/usr/bin/git', 'status'], opts)).toEqual({ matchedRules: [m(['/usr/bin/git'], 'allow')], decision: 'allow' });
    });
  });
});
