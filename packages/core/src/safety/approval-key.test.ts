import { describe, expect, it } from 'vitest';
import { commandApprovalKey } from './approval-key.js';

describe('commandApprovalKey', () => {
  const same: [string[], string[], string][] = [
    [['bash', '-lc', 'git status'], ['git', 'status'], 'git status'],
    [['zsh', '-lc', 'git   status'], ['sh', '-c', "'git' status"], 'git status'],
    [['bash', '-lc', 'cat "my file"'], ['cat', 'my file'], "cat 'my file'"],
    [['bash', '-lc', 'ls&&pwd'], ['bash', '-c', 'ls  &&  pwd'], 'ls && pwd'],
    [['/bin/bash', '-lc', 'ls | wc -l\npwd'], ['bash', '-lc', 'ls|wc -l; pwd'], 'ls | wc -l; pwd'],
  ];
  for (const [a, b, key] of same) {
    it(`${JSON.stringify(a)} ~ ${JSON.stringify(b)}`, () => {
      expect([commandApprovalKey(a), commandApprovalKey(b)]).toEqual([key, key]);
    });
  }

  it('keeps different commands apart', () => {
    expect(
      [
        ['bash', '-lc', 'ls && pwd'],
        ['bash', '-lc', 'ls || pwd'],
        ['bash', '-lc', 'ls > out'],
        ['ls', '>', 'out'],
        ['/usr/bin/git', 'status'],
        ['bash', '-lc', 'git', 'status'],
      ].map(commandApprovalKey),
    ).toEqual(['ls && pwd', 'ls || pwd', 'ls > out', "ls '>' out", '/usr/bin/git status', 'bash -lc git status']);
  });
});
