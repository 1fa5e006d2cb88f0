// The classifier's behaviour, case by case, after the unit tests of Codex's
// core/src/parse_command.rs (restated here; `read.path` follows the newer protocol).
import { shlexSplit } from '@codex-ts/execpolicy';
import type { ParsedCommand } from '@codex-ts/protocol';
import { describe, expect, it } from 'vitest';
import { isSmallFormattingCommand, parseCommand, shortDisplayPath } from './parse-command.js';

const sh = (s: string): string[] => shlexSplit(s)!;
const lc = (script: string): string[] => ['bash', '-lc', script];
const unknown = (cmd: string): ParsedCommand => ({ type: 'unknown', cmd });
const read = (cmd: string, name: string, path: string): ParsedCommand => ({ type: 'read', cmd, name, path });
const list = (cmd: string, path: string | null = null): ParsedCommand => ({ type: 'list_files', cmd, path });
const search = (cmd: string, query: string | null = null, path: string | null = null): ParsedCommand => ({ type: 'search', cmd, query, path });

const MIXED = String.raw`pwd; ls -la; rg --files -g '!target' | wc -l; rg -n '^\[workspace\]' -n Cargo.toml || true; rg -n '^\[package\]' -n */Cargo.toml || true; cargo --version; rustc --version; cargo clippy --workspace --all-targets --all-features -q`;

const CASES: [string, string[], ParsedCommand[]][] = [
  ['a plain unknown command', ['git', 'status'], [unknown('git status')]],
  ['a trailing `| wc -l` is dropped', lc('git status | wc -l'), [unknown('git status')]],
  ['an unsupported script (redirect) is one unknown with the raw script', lc('echo foo > bar'), [unknown('echo foo > bar')]],
  [
    'a long && chain keeps execution order, drops wc and collapses repeats; `head -n 40` stays',
    lc('rg --version && node -v && pnpm -v && rg --files | wc -l && rg --files | head -n 40'),
    [search('rg --version'), unknown('node -v'), unknown('pnpm -v'), search('rg --files'), unknown('head -n 40')],
  ],
  ['a lone rg shows the re-joined script', lc('rg -n "navigate-to-route" -S'), [search('rg -n navigate-to-route -S', 'navigate-to-route')]],
  [
    'rg piped into head -n 200',
    lc('rg -n "BUG|FIXME|TODO|XXX|HACK" -S | head -n 200'),
    [search("rg -n 'BUG|FIXME|TODO|XXX|HACK' -S", 'BUG|FIXME|TODO|XXX|HACK'), unknown('head -n 200')],
  ],
  ['rg --files with a path, piped into a bare sed', lc('rg --files webview/src | sed -n'), [search('rg --files webview/src', null, 'webview')]],
  ['rg --files piped into head -n 50', lc('rg --files | head -n 50'), [search('rg --files'), unknown('head -n 50')]],
  ['cat of one file', lc('cat webview/README.md'), [read('cat webview/README.md', 'README.md', 'webview/README.md')]],
  ['zsh -lc is unwrapped too', ['zsh', '-lc', 'cat README.md'], [read('cat README.md', 'README.md', 'README.md')]],
  ['cd then cat (argv) is a single read inside the directory', sh('cd foo && cat foo.txt'), [read('cat foo.txt', 'foo.txt', 'foo/foo.txt')]],
  ['cd then anything inside bash -lc drops the cd', sh("bash -lc 'cd foo && bar'"), [unknown('bar')]],
  ['cd then cat inside bash -lc', sh("bash -lc 'cd foo && cat foo.txt'"), [read('cat foo.txt', 'foo.txt', 'foo/foo.txt')]],
  ['ls piped into sed -n range', lc("ls -la | sed -n '1,120p'"), [list('ls -la')]],
  ['head -n N file', lc('head -n 50 Cargo.toml'), [read('head -n 50 Cargo.toml', 'Cargo.toml', 'Cargo.toml')]],
  ['cat piped into sed -n range keeps the whole script', lc("cat tui/Cargo.toml | sed -n '1,200p'"), [read("cat tui/Cargo.toml | sed -n '1,200p'", 'Cargo.toml', 'tui/Cargo.toml')]],
  ['tail -n +N file', lc('tail -n +522 README.md'), [read('tail -n +522 README.md', 'README.md', 'README.md')]],
  ['tail -n N file', lc('tail -n 30 README.md'), [read('tail -n 30 README.md', 'README.md', 'README.md')]],
  ['npm run build is unknown', ['npm', 'run', 'build'], [unknown('npm run build')]],
  ['grep -R in the current directory', ['grep', '-R', 'CODEX_SANDBOX_ENV_VAR', '-n', '.'], [search('grep -R CODEX_SANDBOX_ENV_VAR -n .', 'CODEX_SANDBOX_ENV_VAR', '.')]],
  [
    'grep -R in one file shows its short name',
    ['grep', '-R', 'CODEX_SANDBOX_ENV_VAR', '-n', 'core/src/spawn.rs'],
    [search('grep -R CODEX_SANDBOX_ENV_VAR -n core/src/spawn.rs', 'CODEX_SANDBOX_ENV_VAR', 'spawn.rs')],
  ],
  ['a grep pattern with slashes is not shortened', sh('grep -R src/main.rs -n .'), [search('grep -R src/main.rs -n .', 'src/main.rs', '.')]],
  ['a backtick in a grep pattern is quoted in cmd', sh('grep -R COD`EX_SANDBOX -n'), [search("grep -R 'COD`EX_SANDBOX' -n", 'COD`EX_SANDBOX')]],
  ['cd then rg --files (argv)', sh('cd codex-rs && rg --files'), [search('rg --files')]],
  ['nl -ba file piped into sed -n range', lc("nl -ba core/src/parse_command.rs | sed -n '1200,1720p'"), [read("nl -ba core/src/parse_command.rs | sed -n '1200,1720p'", 'parse_command.rs', 'core/src/parse_command.rs')]],
  ['sed -n range file', lc("sed -n '2000,2200p' tui/src/history_cell.rs"), [read("sed -n '2000,2200p' tui/src/history_cell.rs", 'history_cell.rs', 'tui/src/history_cell.rs')]],
  [
    'printf is dropped before cat --',
    lc('printf "\\n===== ansi-escape/Cargo.toml =====\\n"; cat -- ansi-escape/Cargo.toml'),
    [read('cat -- ansi-escape/Cargo.toml', 'Cargo.toml', 'ansi-escape/Cargo.toml')],
  ],
  ['yes | X inside bash -lc is X', lc('yes | rg --files'), [search('rg --files')]],
  [
    'sed -n range file | nl -ba (argv) is the sed read',
    sh("sed -n '260,640p' exec/src/event_processor_with_human_output.rs | nl -ba"),
    [read("sed -n '260,640p' exec/src/event_processor_with_human_output.rs", 'event_processor_with_human_output.rs', 'exec/src/event_processor_with_human_output.rs')],
  ],
  ['yes | rg (argv) keeps a query with spaces', sh("yes | rg -n 'foo bar' -S"), [search("rg -n 'foo bar' -S", 'foo bar')]],
  ['the value of ls -I is not a path', sh("ls -I '*.test.js'"), [list("ls -I '*.test.js'")]],
  ['split on ;', sh('rg foo ; echo done'), [search('rg foo', 'foo'), unknown('echo done')]],
  ['split on ||', sh('rg foo || echo done'), [search('rg foo', 'foo'), unknown('echo done')]],
  [
    'a mixed sequence of ; | and || true',
    lc(MIXED),
    [
      unknown('pwd'),
      list('ls -la'),
      search("rg --files -g '!target'", null, '!target'),
      search(String.raw`rg -n '^'"\\[workspace\\]" -n Cargo.toml`, String.raw`^\[workspace\]`, 'Cargo.toml'),
      search(String.raw`rg -n '^'"\\[package\\]" -n '*/Cargo.toml'`, String.raw`^\[package\]`, 'Cargo.toml'),
      unknown('cargo --version'),
      unknown('rustc --version'),
      unknown('cargo clippy --workspace --all-targets --all-features -q'),
    ],
  ],
  ['a leading true is dropped (argv)', sh('true && rg --files'), [search('rg --files')]],
  ['a trailing true is dropped (argv)', sh('rg --files && true'), [search('rg --files')]],
  ['a leading true is dropped (bash -lc)', lc('true && rg --files'), [search('rg --files')]],
  ['|| true is dropped (bash -lc)', lc('rg --files || true'), [search('rg --files')]],
  ['a Windows path is shortened to its file name', sh(String.raw`cat "pkg\src\main.rs"`), [read(String.raw`cat "pkg\\src\\main.rs"`, 'main.rs', String.raw`pkg\src\main.rs`)]],
  ['head -nN without a space', sh("bash -lc 'head -n50 Cargo.toml'"), [read('head -n50 Cargo.toml', 'Cargo.toml', 'Cargo.toml')]],
  ['a pipeline as argv keeps its head -n stage', sh('rg --files | head -n 1'), [search('rg --files'), unknown('head -n 1')]],
  ['tail -n+N without a space', sh("bash -lc 'tail -n+10 README.md'"), [read('tail -n+10 README.md', 'README.md', 'README.md')]],
  ['grep with query and path', sh('grep -R TODO src'), [search('grep -R TODO src', 'TODO', 'src')]],
  ['rg with --flag=value', sh('rg --colors=never -n foo src'), [search("rg '--colors=never' -n foo src", 'foo', 'src')]],
  ['cat -- of a dash-named file', sh('cat -- ./-strange-file-name'), [read('cat -- ./-strange-file-name', '-strange-file-name', './-strange-file-name')]],
  ['sed -n range file (argv)', sh("sed -n '12,20p' Cargo.toml"), [read("sed -n '12,20p' Cargo.toml", 'Cargo.toml', 'Cargo.toml')]],
  ['a flags-only nl stage is dropped', sh('rg --files | nl -ba'), [search('rg --files')]],
  ['ls --time-style=… ./dist shows "."', sh('ls --time-style=long-iso ./dist'), [list("ls '--time-style=long-iso' ./dist", '.')]],
  ['fd -t f dir/', sh('fd -t f src/'), [search('fd -t f src/', null, 'src')]],
  ['fd query dir', sh('fd main src'), [search('fd main src', 'main', 'src')]],
  ['find with -name', sh("find . -name '*.rs'"), [search("find . -name '*.rs'", '*.rs', '.')]],
  ['find with only -type', sh('find src -type f'), [search('find src -type f', null, 'src')]],
  ['a subshell is not unwrapped', lc('ls || (pwd && echo hi)'), [unknown('ls || (pwd && echo hi)')]],
  ['a command substitution is not unwrapped', lc('echo $(pwd)'), [unknown('echo $(pwd)')]],
  ['a variable assignment prefix is not unwrapped', lc('FOO=bar ls'), [unknown('FOO=bar ls')]],
  ['an empty argv has no summary', [], []],
];

describe('parseCommand', () => {
  it.each(CASES)('%s', (_name, argv, expected) => {
    expect(parseCommand(argv)).toEqual(expected);
  });
});

describe('isSmallFormattingCommand', () => {
  it('always-formatting helpers, with or without flags', () => {
    for (const cmd of ['wc', 'tr', 'cut', 'sort', 'uniq', 'xargs', 'tee', 'column', 'awk']) {
      expect(isSmallFormattingCommand([cmd])).toBe(true);
      expect(isSmallFormattingCommand([cmd, '-x'])).toBe(true);
    }
  });
  it('head: formatting only when it has fewer than two arguments', () => {
    expect(isSmallFormattingCommand(['head'])).toBe(true);
    expect(isSmallFormattingCommand(sh('head -n 40'))).toBe(false);
    expect(isSmallFormattingCommand(sh('head -n 40 file.txt'))).toBe(false);
    expect(isSmallFormattingCommand(['head', 'file.txt'])).toBe(true);
  });
  it('tail: same rule', () => {
    expect(isSmallFormattingCommand(['tail'])).toBe(true);
    expect(isSmallFormattingCommand(sh('tail -n +10'))).toBe(false);
    expect(isSmallFormattingCommand(sh('tail -n +10 file.txt'))).toBe(false);
    expect(isSmallFormattingCommand(sh('tail -n 30'))).toBe(false);
    expect(isSmallFormattingCommand(sh('tail -n 30 file.txt'))).toBe(false);
    expect(isSmallFormattingCommand(['tail', 'file.txt'])).toBe(true);
  });
  it('sed: only `sed -n RANGE FILE` is not formatting', () => {
    expect(isSmallFormattingCommand(['sed'])).toBe(true);
    expect(isSmallFormattingCommand(['sed', '-n', '10p'])).toBe(true);
    expect(isSmallFormattingCommand(sh('sed -n 10p file.txt'))).toBe(false);
    expect(isSmallFormattingCommand(sh('sed -n 1,200p file.txt'))).toBe(false);
    expect(isSmallFormattingCommand(sh('sed -n p file.txt'))).toBe(true);
    expect(isSmallFormattingCommand(sh('sed -n +10p file.txt'))).toBe(true);
  });
  it('no tokens is not formatting', () => {
    expect(isSmallFormattingCommand([])).toBe(false);
  });
});

describe('helpers', () => {
  it('shortDisplayPath skips build/dist/node_modules/src', () => {
    expect(shortDisplayPath('webview/src')).toBe('webview');
    expect(shortDisplayPath('foo/src/')).toBe('foo');
    expect(shortDisplayPath('packages/app/node_modules/')).toBe('app');
    expect(shortDisplayPath('src')).toBe('src');
  });
});
