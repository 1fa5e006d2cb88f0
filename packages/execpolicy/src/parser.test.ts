import { describe, expect, it } from 'vitest';
import { ExecPolicyError } from './errors.js';
import { PolicyParser } from './parser.js';

function parseError(src: string, file = 'bad.rules'): { code: string; message: string; location: unknown } {
  try {
    new PolicyParser().parse(file, src);
  } catch (err: unknown) {
    if (!(err instanceof ExecPolicyError)) throw err;
    return { code: err.code, message: err.message, location: err.location };
  }
  throw new Error('expected a parse error');
}

describe('language subset', () => {
  it('accepts comments, variables, +, triple-quoted and raw strings, trailing commas, ;', () => {
    const p = new PolicyParser();
    p.parse(
      'ok.rules',
      [
        '# a comment',
        'GIT = ["git"]',
        "READ = ['status', 'log']",
        'READ += ["diff"]',
        'WHY = """multi',
        'line"""',
        'prefix_rule(',
        '    pattern = GIT + [READ],  # alternatives from a variable',
        '    decision = "allow",',
        '    justification = WHY,',
        ')',
        'prefix_rule(pattern=[r"C:\\bin", "x"], decision="prompt"); pass',
        'prefix_rule(["rm", "-rf"], "forbidden")',
      ].join('\n'),
    );
    expect([...p.build().rules()]).toEqual([
      ['git', [{ first: 'git', rest: [['status', 'log', 'diff']], decision: 'allow', justification: 'multi\nline' }]],
      ['C:\\bin', [{ first: 'C:\\bin', rest: ['x'], decision: 'prompt' }]],
      ['rm', [{ first: 'rm', rest: ['-rf'], decision: 'forbidden' }]],
    ]);
  });

  it('string escapes', () => {
    const p = new PolicyParser();
    p.parse('esc.rules', 'prefix_rule(pattern=["a\\tb", "\\x41\\u00e9", "q\\"q", \'s\\\'s\'])');
    expect(p.build().rules().get('a\tb')).toEqual([{ first: 'a\tb', rest: ['Aé', 'q"q', "s's"], decision: 'allow' }]);
  });

  it('a match/not_match pair that agrees with the pattern loads', () => {
    const p = new PolicyParser();
    p.parse(
      't.rules',
      `prefix_rule(
    pattern = ["git", "status"],
    match = [["git", "status"], "git status"],
    not_match = [["git", "--config", "color.status=always", "status"], "git --config color.status=always status"],
)`,
    );
    expect(p.build().size).toBe(1);
  });
});

describe('bad input names file, line and column', () => {
  const cases: { name: string; src: string; want: { code: string; message: string } }[] = [
    {
      name: 'unknown decision word',
      src: 'prefix_rule(\n    pattern = ["ls"],\n    decision = "deny",\n)',
      want: { code: 'invalid-decision', message: 'bad.rules:1:1: invalid decision: deny (expected "allow", "prompt" or "forbidden")' },
    },
    {
      name: 'missing closing paren',
      src: 'prefix_rule(\n    pattern = ["ls"],\n    decision = "allow"\n\nprefix_rule(pattern=["x"])',
      want: { code: 'syntax', message: 'bad.rules:5:1: expected `)` to close the argument list, found `prefix_rule`' },
    },
    {
      name: 'unterminated string',
      src: 'prefix_rule(pattern=["ls])',
      want: { code: 'syntax', message: 'bad.rules:1:22: unterminated string literal' },
    },
    {
      name: 'unexpected indentation',
      src: 'prefix_rule(pattern=["a"])\n  prefix_rule(pattern=["b"])',
      want: { code: 'syntax', message: 'bad.rules:2:3: unexpected indentation' },
    },
    {
      name: 'unsupported statement',
      src: '\nload("defs.rules", "X")',
      want: { code: 'syntax', message: 'bad.rules:2:1: `load` statements are not supported in rules files (only calls and NAME = value)' },
    },
    {
      name: 'unknown function',
      src: 'prefix_rule(pattern=["a"])\n  \nprefx_rule(pattern=["b"])',
      want: { code: 'eval', message: 'bad.rules:3:1: Variable `prefx_rule` not found' },
    },
    {
      name: 'unknown keyword argument',
      src: 'prefix_rule(pattern=["a"], decison="allow")',
      want: { code: 'eval', message: 'bad.rules:1:28: prefix_rule() got an unexpected keyword argument `decison`' },
    },
    {
      name: 'missing pattern',
      src: 'x = 1\nprefix_rule(decision="allow")',
      want: { code: 'eval', message: 'bad.rules:2:1: prefix_rule() missing required argument `pattern`' },
    },
    {
      name: 'empty pattern',
      src: 'prefix_rule(pattern=[])',
      want: { code: 'invalid-pattern', message: 'bad.rules:1:1: invalid pattern element: pattern cannot be empty' },
    },
    {
      name: 'non-string pattern element',
      src: 'prefix_rule(pattern=["a", 1])',
      want: { code: 'invalid-pattern', message: 'bad.rules:1:1: invalid pattern element: pattern element must be a string or list of strings (got int)' },
    },
    {
      name: 'empty justification',
      src: 'prefix_rule(pattern=["ls"], decision="prompt", justification="   ")',
      want: { code: 'invalid-rule', message: 'bad.rules:1:1: justification cannot be empty' },
    },
    {
      name: 'match example that does not match the pattern',
      src: '\n\nprefix_rule(\n    pattern = ["git", "status"],\n    match = ["git diff", ["git", "status"]],\n)',
      want: {
        code: 'example-did-not-match',
        message: 'bad.rules:3:1: expected every example to match at least one rule. rules: [prefix_rule(pattern=["git", "status"], decision="allow")]; unmatched examples: ["git diff"]',
      },
    },
    {
      name: 'not_match example that matches the pattern',
      src: 'prefix_rule(pattern=["git", ["status", "log"]], decision="prompt", not_match=["git log -p"])',
      want: {
        code: 'example-did-match',
        message: 'bad.rules:1:1: expected example to not match rule `prefix_rule(pattern=["git", ["status", "log"]], decision="prompt")`: git log -p',
      },
    },
    {
      name: 'example string with invalid shell syntax',
      src: 'prefix_rule(pattern=["a"], match=["a \'b"])',
      want: { code: 'invalid-example', message: 'bad.rules:1:1: invalid example: example string has invalid shell syntax' },
    },
    {
      name: 'a match example satisfied only by another rule still fails',
      src: 'prefix_rule(pattern=["ls"])\nprefix_rule(pattern=["git"], match=["ls -l"])',
      want: {
        code: 'example-did-not-match',
        message: 'bad.rules:2:1: expected every example to match at least one rule. rules: [prefix_rule(pattern=["git"], decision="allow")]; unmatched examples: ["ls -l"]',
      },
    },
    {
      name: 'host_executable with a relative path',
      src: 'host_executable(name="git", paths=["git"])',
      want: { code: 'invalid-rule', message: 'bad.rules:1:1: host_executable paths must be absolute or use `~/...` home-relative syntax (got git)' },
    },
    {
      name: 'host_executable path with another basename',
      src: 'host_executable(name="git", paths=["/usr/bin/rg"])',
      want: { code: 'invalid-rule', message: 'bad.rules:1:1: host_executable path `/usr/bin/rg` must have basename `git`' },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { code, message } = parseError(c.src);
      expect({ code, message }).toEqual(c.want);
    });
  }

  it('carries a structured location', () => {
    expect(parseError('prefix_rule(\n  pattern=["a"],\n  decision = 3,\n)', 'rules/x.rules').location).toEqual({
      path: 'rules/x.rules',
      line: 1,
      column: 1,
    });
  });

  it('a failing file adds none of its rules', () => {
    const p = new PolicyParser();
    p.parse('good.rules', 'prefix_rule(pattern=["ls"])');
    expect(() => p.parse('bad.rules', 'prefix_rule(pattern=["git"])\nprefix_rule(pattern=["x"], decision="nope")')).toThrow(ExecPolicyError);
    expect([...p.build().rules().keys()]).toEqual(['ls']);
  });
});
