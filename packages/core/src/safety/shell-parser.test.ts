import { describe, expect, it } from 'vitest';
import { parsePlainCommands, parseShellLcLiteralCommands } from './bash.js';
import { parseShellScript } from './shell-parser.js';

const word = (raw: string, value = raw, extra: Partial<{ isStatic: boolean; quoted: boolean; features: string[]; substitutions: unknown[] }> = {}) => ({
  raw,
  value,
  isStatic: true,
  quoted: false,
  features: [],
  substitutions: [],
  ...extra,
});
const simple = (...words: ReturnType<typeof word>[]) => ({ type: 'simple', assignments: [], words, redirects: [] });
const pipe = (...commands: unknown[]) => ({ negated: false, commands, operators: commands.slice(1).map(() => '|') });

describe('parseShellScript', () => {
  it('builds and-or lists, pipelines and quoted words', () => {
    expect(parseShellScript(`grep -n "a b" 'c' | wc -l && echo x\\ y; pwd`)).toEqual({
      ok: true,
      script: {
        hasComments: false,
        items: [
          {
            separator: ';',
            andOr: {
              first: pipe(
                simple(word('grep'), word('-n'), word('"a b"', 'a b', { quoted: true }), word("'c'", 'c', { quoted: true })),
                simple(word('wc'), word('-l')),
              ),
              rest: [{ op: '&&', pipeline: pipe(simple(word('echo'), word('x\\ y', 'x y', { quoted: true }))) }],
            },
          },
          { andOr: { first: pipe(simple(word('pwd'))), rest: [] } },
        ],
      },
    });
  });

  it('records redirections, assignments and substitutions', () => {
    const res = parseShellScript('A=1 cmd "$(ls -a)" 2>&1 >out');
    expect(res).toEqual({
      ok: true,
      script: {
        hasComments: false,
        items: [
          {
            andOr: {
              first: pipe({
                type: 'simple',
                assignments: [word('A=1')],
                words: [
                  word('cmd'),
                  word('"$(ls -a)"', '$(ls -a)', {
                    isStatic: false,
                    quoted: true,
                    features: ['command-sub'],
                    substitutions: [{ hasComments: false, items: [{ andOr: { first: pipe(simple(word('ls'), word('-a'))), rest: [] } }] }],
                  }),
                ],
                redirects: [
                  { op: '>&', fd: '2', target: word('1') },
                  { op: '>', target: word('out') },
                ],
              }),
              rest: [],
            },
          },
        ],
      },
    });
  });

  it('reads heredoc bodies', () => {
    const res = parseShellScript('cat <<-EOF > f\n\thello\n\tEOF\necho done');
    expect(res.ok && res.script.items.map((i) => i.andOr.first.commands[0])).toEqual([
      { type: 'simple', assignments: [], words: [word('cat')], redirects: [{ op: '<<-', target: word('EOF'), heredoc: 'hello' }, { op: '>', target: word('f') }] },
      simple(word('echo'), word('done')),
    ]);
  });

  const errors: [string, string][] = [
    ['echo "abc', 'unterminated double quote'],
    ["echo 'abc", 'unterminated single quote'],
    ['ls &&', 'unexpected end of script'],
    ['| ls', 'unexpected `|`'],
    ['(ls', 'expected `)`'],
    ['echo $(ls', 'unterminated `$(`'],
    ['case x in a) ls;; esac', 'unsupported shell syntax `case`'],
    ['f() { ls; }', 'function definitions are not supported'],
    ['[[ -f x ]]', 'unsupported shell syntax `[[`'],
    ['if then ls; fi', 'empty `if` condition'],
    ['ls; fi', 'unexpected `fi`'],
    ['ls >', 'expected a word after `>`'],
  ];
  for (const [src, error] of errors) {
    it(`rejects ${JSON.stringify(src)}`, () => {
      const res = parseShellScript(src);
      expect(res.ok ? undefined : res.error).toBe(error);
    });
  }
});

describe('lowering', () => {
  const plain: [string, string[][] | undefined][] = [
    ['ls && pwd', [['ls'], ['pwd']]],
    ['git log --oneline | head -n 3; echo "done"', [['git', 'log', '--oneline'], ['head', '-n', '3'], ['echo', 'done']]],
    ['echo a"b"c', [['echo', 'abc']]],
    ['ls > x', undefined],
    ['ls $X', undefined],
    ['', undefined],
  ];
  for (const [src, want] of plain) {
    it(`plain ${JSON.stringify(src)}`, () => {
      expect(parsePlainCommands(src)).toEqual(want);
    });
  }

  it('literal commands include nested ones with dynamic words as source text', () => {
    expect(parseShellLcLiteralCommands(['bash', '-lc', 'for f in $(ls); do if grep -q x "$f"; then rm -f "$f"; fi; done'])).toEqual([
      ['ls'],
      ['grep', '-q', 'x', '"$f"'],
      ['rm', '-f', '"$f"'],
    ]);
  });
});
