// `codex execpolicy check` through the built binary: exact JSON (compact and --pretty),
// CMD arguments that look like flags reach the checker untouched, errors and exit codes.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawExecpolicyArgs } from './execpolicy.js';
import { tempDirs } from '@codex-ts/test-support';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '../../bin/codex');

const tmp = tempDirs(afterAll);
let dir: string;
let rules: string;
let extra: string;
beforeAll(() => {
  dir = tmp('codex-execpolicy-cli-');
  rules = join(dir, 'f.rules');
  writeFileSync(rules, 'prefix_rule(pattern=["git"], decision="prompt")\nprefix_rule(pattern=["git", "push"], decision="forbidden", justification="Use CI.")\n');
  extra = join(dir, 'g.rules');
  writeFileSync(extra, 'prefix_rule(pattern=["ls"], decision="allow")\n');
});

function codex(...args: string[]): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8' });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

const PUSH = {
  matchedRules: [
    { prefixRuleMatch: { matchedPrefix: ['git'], decision: 'prompt' } },
    { prefixRuleMatch: { matchedPrefix: ['git', 'push'], decision: 'forbidden', justification: 'Use CI.' } },
  ],
  decision: 'forbidden',
};

describe('codex execpolicy check (built binary)', () => {
  it('prints every matching rule and the strictest decision on one line', () => {
    expect(codex('execpolicy', 'check', '--rules', rules, 'git', 'push')).toEqual({ stdout: `${JSON.stringify(PUSH)}\n`, stderr: '', status: 0 });
  });

  it('--pretty prints the same JSON indented by two spaces', () => {
    expect(codex('execpolicy', 'check', '--rules', rules, '--pretty', 'git', 'push')).toEqual({ stdout: `${JSON.stringify(PUSH, null, 2)}\n`, stderr: '', status: 0 });
  });

  it('several --rules files are merged; no match prints an empty list without decision', () => {
    expect(codex('execpolicy', 'check', '--rules', rules, '--rules', extra, 'ls', '-la')).toEqual({
      stdout: '{"matchedRules":[{"prefixRuleMatch":{"matchedPrefix":["ls"],"decision":"allow"}}],"decision":"allow"}\n', stderr: '', status: 0,
    });
    expect(codex('execpolicy', 'check', '--rules', rules, 'cat', 'x')).toEqual({ stdout: '{"matchedRules":[]}\n', stderr: '', status: 0 });
  });

  it('flags inside CMD (-c, -h, --force, numbers) reach the checker as written', () => {
    const r = codex('execpolicy', 'check', '--rules', rules, '--', 'git', '-c', 'a=b', 'push', '--force', '007');
    expect(r).toEqual({ stdout: '{"matchedRules":[{"prefixRuleMatch":{"matchedPrefix":["git"],"decision":"prompt"}}],"decision":"prompt"}\n', stderr: '', status: 0 });
    expect(codex('execpolicy', 'check', '--rules', extra, 'ls', '-h')).toEqual({
      stdout: '{"matchedRules":[{"prefixRuleMatch":{"matchedPrefix":["ls"],"decision":"allow"}}],"decision":"allow"}\n', stderr: '', status: 0,
    });
  });

  it('a bad rules file exits 1 naming file:line:column; usage errors exit 2', () => {
    const bad = join(dir, 'bad.rules');
    writeFileSync(bad, 'prefix_rule(pattern=["git"], decision="deny")\n');
    expect(codex('execpolicy', 'check', '--rules', bad, 'git')).toEqual({
      stdout: '',
      stderr: `Error: failed to parse policy at ${bad}\n\nCaused by:\n    ${bad}:1:1: invalid decision: deny (expected "allow", "prompt" or "forbidden")\n`,
      status: 1,
    });
    expect(codex('execpolicy', 'check', 'git')).toEqual({
      stdout: '',
      stderr: 'error: the following required arguments were not provided:\n  --rules <PATH>\n\nUsage: codex execpolicy check --rules <PATH> [--pretty] [--resolve-host-executables] <COMMAND>...\n',
      status: 2,
    });
  });
});

describe('rawExecpolicyArgs', () => {
  it('takes the process arguments after the subcommand', () => {
    expect(rawExecpolicyArgs({}, ['-c', 'x=1', 'execpolicy', 'check', '--rules', 'f', '-c', 'y'])).toEqual(['check', '--rules', 'f', '-c', 'y']);
  });

  it('falls back to what yargs collected, keeping `--`', () => {
    expect(rawExecpolicyArgs({ args: ['check', '--rules', 'f'], '--': ['-x', 7] }, [])).toEqual(['check', '--rules', 'f', '--', '-x', '7']);
  });
});
