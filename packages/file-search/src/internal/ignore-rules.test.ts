import { describe, expect, it } from 'vitest';
import { IGNORE, NONE, RuleSet, WHITELIST, parseRules } from './ignore-rules.js';

function rules(text: string, base = '', outer = ''): RuleSet {
  return new RuleSet(parseRules(text), base, outer);
}
const name = (p: string): string => p.slice(p.lastIndexOf('/') + 1);
const m = (rs: RuleSet, path: string, dir = false): number => rs.match(path, name(path), dir);

describe('gitignore rules', () => {
  it('matches unanchored names at any depth', () => {
    const rs = rules('*.log\nnode_modules\ncache*\n');
    expect([m(rs, 'a.log'), m(rs, 'x/y/b.log'), m(rs, 'x/node_modules', true), m(rs, 'cache-1'), m(rs, 'a.txt')]).toEqual([
      IGNORE, IGNORE, IGNORE, IGNORE, NONE,
    ]);
  });

  it('anchors patterns with a leading or inner slash', () => {
    const rs = rules('/build\ndocs/*.md\n');
    expect([m(rs, 'build', true), m(rs, 'src/build', true), m(rs, 'docs/a.md'), m(rs, 'x/docs/a.md'), m(rs, 'docs/x/a.md')]).toEqual([
      IGNORE, NONE, IGNORE, NONE, NONE,
    ]);
  });

  it('applies directory-only patterns to directories only', () => {
    const rs = rules('out/\n');
    expect([m(rs, 'out', true), m(rs, 'out', false), m(rs, 'a/out', true)]).toEqual([IGNORE, NONE, IGNORE]);
  });

  it('lets the last matching rule win, with negation', () => {
    const rs = rules('*.tmp\n!keep.tmp\n');
    expect([m(rs, 'a.tmp'), m(rs, 'keep.tmp'), m(rs, 'x/keep.tmp')]).toEqual([IGNORE, WHITELIST, WHITELIST]);
    const again = rules('!keep.tmp\n*.tmp\n');
    expect(m(again, 'keep.tmp')).toBe(IGNORE);
  });

  it('supports ** in leading, middle and trailing position', () => {
    const rs = rules('**/gen\na/**/z.txt\nlogs/**\n');
    expect([
      m(rs, 'gen', true), m(rs, 'p/q/gen', true), m(rs, 'a/z.txt'), m(rs, 'a/b/c/z.txt'), m(rs, 'b/a/z.txt'),
      m(rs, 'logs/x/y.txt'), m(rs, 'logs', true),
    ]).toEqual([IGNORE, IGNORE, IGNORE, IGNORE, NONE, IGNORE, NONE]);
  });

  it('handles classes, ?, escapes, comments and trailing spaces', () => {
    const rs = rules('# comment\n\\#hash\nfile[0-9].txt\n[!a]x\n?.c\ntrail   \nkeep\\ \n\\!bang\n');
    expect([
      m(rs, '# comment'), m(rs, '#hash'), m(rs, 'file7.txt'), m(rs, 'filex.txt'), m(rs, 'bx'), m(rs, 'ax'),
      m(rs, 'q.c'), m(rs, 'qq.c'), m(rs, 'trail'), m(rs, 'keep '), m(rs, '!bang'),
    ]).toEqual([NONE, IGNORE, IGNORE, NONE, IGNORE, NONE, IGNORE, NONE, IGNORE, IGNORE, IGNORE]);
  });

  it('matches relative to the ignore file directory', () => {
    const nested = rules('/gen\n', 'pkg/');
    expect([m(nested, 'pkg/gen', true), m(nested, 'gen', true)]).toEqual([IGNORE, NONE]);
    const above = rules('/sub/only.txt\n', '', 'sub/');
    expect(m(above, 'only.txt')).toBe(IGNORE);
  });
});
