// `codex execpolicy check`: rules files on disk x command -> the exact stdout Codex prints.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRulesFromCodexHome, parseExecpolicyCheckArgs, runExecpolicyCheck, runExecpolicyCli } from '../dist/index.js';
import { tempDirs } from '@codex-ts/test-support';

const tmp = tempDirs(afterAll);
const dir = tmp('execpolicy-check-');
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
let base: string;
let extra: string;
let bad: string;

beforeAll(() => {
  base = file(
    'base.rules',
    `prefix_rule(pattern=["git", ["status", "diff", "log"]], decision="allow", match=["git status"], not_match=["git push"])
prefix_rule(pattern=["git"], decision="prompt")
prefix_rule(pattern=["rm", ["-rf", "-fr"]], decision="forbidden", justification="Use trash instead.")
`,
  );
  extra = file('extra.rules', 'prefix_rule(pattern=["git", "push"], decision="forbidden")\n');
  bad = file('bad.rules', 'prefix_rule(\n    pattern = ["ls"],\n    decision = "sometimes",\n)\n');
});

describe('rules file x command -> JSON', () => {
  const cases: { cmd: string[]; files: () => string[]; stdout: string }[] = [
    {
      cmd: ['git', 'status'],
      files: () => [base],
      stdout: '{"matchedRules":[{"prefixRuleMatch":{"matchedPrefix":["git","status"],"decision":"allow"}},{"prefixRuleMatch":{"matchedPrefix":["git"],"decision":"prompt"}}],"decision":"prompt"}\n',
    },
    {
      cmd: ['rm', '-fr', '/'],
      files: () => [base],
      stdout: '{"matchedRules":[{"prefixRuleMatch":{"matchedPrefix":["rm","-fr"],"decision":"forbidden","justification":"Use trash instead."}}],"decision":"forbidden"}\n',
    },
    {
      cmd: ['git', 'push', '--force'],
      files: () => [base, extra],
      stdout: '{"matchedRules":[{"prefixRuleMatch":{"matchedPrefix":["git"],"decision":"prompt"}},{"prefixRuleMatch":{"matchedPrefix":["git","push"],"decision":"forbidden"}}],"decision":"forbidden"}\n',
    },
    { cmd: ['ls', '-la'], files: () => [base], stdout: '{"matchedRules":[]}\n' },
    { cmd: ['rm', '-r', 'x'], files: () => [base], stdout: '{"matchedRules":[]}\n' },
  ];
  for (const c of cases) {
    it(c.cmd.join(' '), async () => {
      expect(await runExecpolicyCheck({ rulesFiles: c.files(), command: c.cmd })).toEqual({ stdout: c.stdout, stderr: '', exitCode: 0 });
    });
  }

  it('--pretty indents like serde_json', async () => {
    expect((await runExecpolicyCheck({ rulesFiles: [base], command: ['rm', '-rf', 'x'], pretty: true })).stdout).toBe(
      `{
  "matchedRules": [
    {
      "prefixRuleMatch": {
        "matchedPrefix": [
          "rm",
          "-rf"
        ],
        "decision": "forbidden",
        "justification": "Use trash instead."
      }
    }
  ],
  "decision": "forbidden"
}
`,
    );
    expect((await runExecpolicyCheck({ rulesFiles: [base], command: ['ls'], pretty: true })).stdout).toBe('{\n  "matchedRules": []\n}\n');
  });

  it('a bad rules file fails with file, line and column and exit 1', async () => {
    expect(await runExecpolicyCheck({ rulesFiles: [base, bad], command: ['ls'] })).toEqual({
      stdout: '',
      stderr: `Error: failed to parse policy at ${bad}\n\nCaused by:\n    ${bad}:1:1: invalid decision: sometimes (expected "allow", "prompt" or "forbidden")\n`,
      exitCode: 1,
    });
  });

  it('a missing rules file fails with exit 1', async () => {
    const missing = join(dir, 'missing.rules');
    const res = await runExecpolicyCheck({ rulesFiles: [missing], command: ['ls'] });
    expect({ exitCode: res.exitCode, head: res.stderr.split('\n')[0] }).toEqual({ exitCode: 1, head: `Error: failed to read policy at ${missing}` });
  });
});

describe('argv parsing', () => {
  it('takes everything after the first positional as the command', () => {
    expect(parseExecpolicyCheckArgs(['--rules', 'a.rules', '-r', 'b.rules', '--pretty', 'git', '--pretty', '-x'])).toEqual({
      rulesFiles: ['a.rules', 'b.rules'],
      command: ['git', '--pretty', '-x'],
      pretty: true,
      resolveHostExecutables: false,
    });
    expect(parseExecpolicyCheckArgs(['--rules=a.rules', '--', '-rf'])).toEqual({
      rulesFiles: ['a.rules'],
      command: ['-rf'],
      pretty: false,
      resolveHostExecutables: false,
    });
  });

  it('reports missing arguments with exit 2', async () => {
    const res = await runExecpolicyCli(['check', 'ls']);
    expect({ exitCode: res.exitCode, first: res.stderr.split('\n').slice(0, 2) }).toEqual({
      exitCode: 2,
      first: ['error: the following required arguments were not provided:', '  --rules <PATH>'],
    });
  });
});

describe('CODEX_HOME/rules', () => {
  it('loads every *.rules file sorted by name, ignoring others', async () => {
    const home = tmp('codex-home-');
    const rules = join(home, 'rules');
    (await import('node:fs')).mkdirSync(rules);
    writeFileSync(join(rules, 'b.rules'), 'prefix_rule(pattern=["git","push"], decision="forbidden")');
    writeFileSync(join(rules, 'a.rules'), 'prefix_rule(pattern=["git"], decision="prompt")');
    writeFileSync(join(rules, 'notes.txt'), 'not starlark (');
    const policy = await loadRulesFromCodexHome(home);
    expect(policy.check(['git', 'push'])).toEqual({
      matchedRules: [
        { prefixRuleMatch: { matchedPrefix: ['git'], decision: 'prompt' } },
        { prefixRuleMatch: { matchedPrefix: ['git', 'push'], decision: 'forbidden' } },
      ],
      decision: 'forbidden',
    });
    expect((await loadRulesFromCodexHome(join(home, 'absent'))).size).toBe(0);
  });
});

describe('bin/codex-execpolicy', () => {
  it('prints the JSON and exits 0', async () => {
    const bin = join(import.meta.dirname, '..', 'bin', 'codex-execpolicy');
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'check', '--rules', base, 'git', 'log']);
    expect(JSON.parse(stdout)).toEqual({
      matchedRules: [
        { prefixRuleMatch: { matchedPrefix: ['git', 'log'], decision: 'allow' } },
        { prefixRuleMatch: { matchedPrefix: ['git'], decision: 'prompt' } },
      ],
      decision: 'prompt',
    });
  });
});
