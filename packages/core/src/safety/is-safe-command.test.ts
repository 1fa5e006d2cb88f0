import { describe, expect, it } from 'vitest';
import { commandMightBeDangerous } from './is-dangerous-command.js';
import { isKnownSafeCommand, isSafeToCallWithExec } from './is-safe-command.js';

const linux = { platform: 'linux' as const };
const bash = (script: string) => ['bash', '-lc', script];

describe('known-safe list (argv -> safe?)', () => {
  const cases: [string[], boolean][] = [
    [['ls'], true],
    [['/bin/ls', '-la'], true],
    [['cat', 'Cargo.toml'], true],
    [['nl', '-nrz', 'Cargo.toml'], true],
    [['wc', '-l', 'x'], true],
    [['whoami'], true],
    [['base64'], true],
    [['base64', '-o', 'out.bin'], false],
    [['base64', '--output', 'out.bin'], false],
    [['base64', '--output=out.bin'], false],
    [['base64', '-ob64.txt'], false],
    [['find', '.', '-name', 'file.txt'], true],
    [['find', '.', '-name', 'file.txt', '-exec', 'rm', '{}', ';'], false],
    [['find', '.', '-name', '*.py', '-execdir', 'python3', '{}', ';'], false],
    [['find', '.', '-ok', 'rm', '{}', ';'], false],
    [['find', '.', '-okdir', 'rm', '{}', ';'], false],
    [['find', '.', '-delete', '-name', 'file.txt'], false],
    [['find', '.', '-fls', '/etc/passwd'], false],
    [['find', '.', '-fprint', '/etc/passwd'], false],
    [['find', '.', '-fprint0', '/etc/passwd'], false],
    [['find', '.', '-fprintf', '/root/suid.txt', '%#m %u %p\n'], false],
    [['rg', 'Cargo.toml', '-n'], true],
    [['rg', '--search-zip', 'files'], false],
    [['rg', '-z', 'files'], false],
    [['rg', '--pre', 'pwned', 'files'], false],
    [['rg', '--pre=pwned', 'files'], false],
    [['rg', '--hostname-bin', 'pwned', 'files'], false],
    [['rg', '--hostname-bin=pwned', 'files'], false],
    [['git', 'status'], true],
    [['git', 'branch'], true],
    [['git', 'branch', '--show-current'], true],
    [['git', '-C', '.', 'branch', '--show-current'], true],
    [['git', 'log', '-p', '-1'], true],
    [['git', 'branch', '-d', 'feature'], false],
    [['git', 'branch', 'new-branch'], false],
    [['git', '-C', '.', 'branch', '-d', 'feature'], false],
    [['git', 'checkout', 'status'], false],
    [['git', 'fetch'], false],
    [['git', 'log', '--output=/tmp/x', '-n', '1'], false],
    [['git', 'diff', '--output', '/tmp/x'], false],
    [['git', 'show', '--ext-diff'], false],
    [['git', '-c', 'core.pager=cat', 'log', '-n', '1'], false],
    [['git', '-ccore.pager=cat', 'status'], false],
    [['sed', '-n', '1,5p', 'file.txt'], true],
    [['sed', '-n', '10p', 'file.txt'], true],
    [['sed', '-n', 'xp', 'file.txt'], false],
    [['sed', '-n', '1,5p', 'a', 'b'], false],
    [['sed', '-i', 's/a/b/', 'f'], false],
    [['cargo', 'check'], false],
    [['numfmt', '1000'], true],
    [['tac', 'Cargo.toml'], true],
    [['foo'], false],
    [[], false],
  ];
  for (const [argv, safe] of cases) {
    it(`${JSON.stringify(argv)} -> ${safe}`, () => {
      expect(isSafeToCallWithExec(argv, linux)).toBe(safe);
    });
  }
  it('numfmt and tac are safe only on Linux', () => {
    expect([isSafeToCallWithExec(['tac', 'x'], { platform: 'darwin' }), isSafeToCallWithExec(['numfmt', '1'], { platform: 'darwin' })]).toEqual([false, false]);
  });
});

describe('shell wrappers (script -> safe?)', () => {
  const cases: [string[], boolean][] = [
    // A shell wrapper counts only when it is the system's shell, not a binary the model wrote.
    [['/bin/bash', '-lc', 'ls'], true],
    [['/usr/bin/zsh', '-c', 'ls'], true],
    [['./bash', '-lc', 'ls'], false],
    [['/tmp/ws/bash', '-lc', 'ls'], false],
    [['/bin/../tmp/bash', '-lc', 'ls'], false],
    [bash('ls'), true],
    [bash('ls -1'), true],
    [bash('grep -R "Cargo.toml" -n'), true],
    [bash('sed -n 1,5p file.txt'), true],
    [bash("sed -n '1,5p' file.txt"), true],
    [bash('find . -name file.txt'), true],
    [bash('grep -R "Cargo.toml" -n || true'), true],
    [bash('ls && pwd'), true],
    [bash("echo 'hi' ; ls"), true],
    [bash('ls | wc -l'), true],
    [bash('ls\npwd'), true],
    [bash('git status'), true],
    [['zsh', '-lc', 'ls'], true],
    [['sh', '-c', 'ls && pwd'], true],
    [['/bin/bash', '-c', 'cat a | head -n 5'], true],
    [['bash', '-lc', 'git', 'status'], false],
    [bash("'git status'"), false],
    [bash('find . -name file.txt -delete'), false],
    [bash('ls && rm -rf /'), false],
    [bash('(ls)'), false],
    [bash('ls || (pwd && echo hi)'), false],
    [bash('{ ls; }'), false],
    [bash('ls > out.txt'), false],
    [bash('cat < in.txt'), false],
    [bash('ls 2>&1'), false],
    [bash('echo $(rm x)'), false],
    [bash('echo `id`'), false],
    [bash('echo "$HOME"'), false],
    [bash('echo $HOME'), false],
    [bash('ls *.txt'), false],
    [bash('echo {a,b}'), false],
    [bash('FOO=1 ls'), false],
    [bash('ls &'), false],
    [bash('ls |& cat'), false],
    [bash('! ls'), false],
    [bash('if true; then ls; fi'), false],
    [bash('for f in a b; do cat $f; done'), false],
    [bash('ls # comment'), false],
    [bash('cat <<EOF\nhi\nEOF'), false],
    [bash('echo "unterminated'), false],
    [bash('ls &&'), false],
    [bash(''), false],
    [['bash', '-x', 'ls'], false],
    [['fish', '-c', 'ls'], false],
  ];
  for (const [argv, safe] of cases) {
    it(`${JSON.stringify(argv)} -> ${safe}`, () => {
      expect(isKnownSafeCommand(argv, linux)).toBe(safe);
    });
  }
});

describe('dangerous commands (argv -> dangerous?)', () => {
  const cases: [string[], boolean][] = [
    [['git', 'reset'], true],
    [['git', 'reset', '--hard'], true],
    [['git', 'rm', 'x'], true],
    [['git', '-C', '.', 'reset', '--hard'], true],
    [['/usr/bin/git', 'reset', '--hard'], true],
    [['sudo', 'git', 'reset', '--hard'], true],
    [['git', 'status'], false],
    [['git', 'checkout', 'reset'], false],
    [['rm', '-rf', '/'], true],
    [['rm', '-f', '/'], true],
    [['/bin/rm', '-fr', '/tmp/example'], true],
    [['rm', '-r', '-f', '/tmp/example'], true],
    [['rm', '--force', '/tmp/example'], true],
    [['rm', '/tmp/example', '-f'], true],
    [['sudo', 'rm', '-rf', '/tmp/example'], true],
    [['rm', '-r', '/tmp/example'], false],
    [['rm', '--', '-f'], false],
    [['ls'], false],
    [bash('git reset --hard'), true],
    [['zsh', '-lc', 'git reset --hard'], true],
    [bash('git status'), false],
    [bash('printf x | rm -rf /tmp/example'), true],
    [bash('if test -d /tmp/example; then rm --force /tmp/example; fi'), true],
    [bash('rm -rf "$TARGET" >/dev/null'), true],
    [bash('for target in /tmp/a /tmp/b; do rm -r -f "$target"; done'), true],
    [bash('echo "$(rm -rf /tmp/example)"'), true],
    [bash('x=`rm -rf /tmp/x`'), true],
    [bash('(cd /tmp && rm -rf build)'), true],
    [bash('while true; do sudo rm -f /x; done'), true],
    [bash("echo 'rm -rf /tmp/example'"), false],
    [bash('cmd=rm; $cmd -rf /tmp/example'), false],
    [bash('if then rm -rf /tmp/example'), false],
  ];
  for (const [argv, dangerous] of cases) {
    it(`${JSON.stringify(argv)} -> ${dangerous}`, () => {
      expect(commandMightBeDangerous(argv)).toBe(dangerous);
    });
  }
});
