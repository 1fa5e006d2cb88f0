// The native helper on its own: exit codes and messages when it refuses (bad input,
// Landlock or seccomp unavailable: injected with strace), rlimits, the no-namespace
// fallback for read-only .git, and .git protection for a workspace nested in /tmp.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultHelperPath, HELPER_EXIT } from '../src/index.js';
import { buildHelper } from './fixture.js';

buildHelper();
const HELPER = defaultHelperPath();
const WS_WRITE = JSON.stringify({ mode: 'workspace-write', writable_roots: [], network_access: false, exclude_tmpdir_env_var: true, exclude_slash_tmp: true });
const RO = JSON.stringify({ mode: 'read-only' });
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function workspace(parent = '/var/tmp'): string {
  const d = mkdtempSync(join(parent, 'codex-sbx-helper-'));
  dirs.push(d);
  mkdirSync(join(d, '.git'));
  writeFileSync(join(d, '.git', 'config'), '[core]\n');
  mkdirSync(join(d, 'src'));
  return d;
}

function helper(args: string[], opts: { cwd?: string; prefix?: string[] } = {}) {
  const pre = opts.prefix ?? [];
  const r = spawnSync(pre[0] ?? HELPER, [...pre.slice(1), ...(pre.length ? [HELPER] : []), ...args], { cwd: opts.cwd ?? '/', encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** strace fault injection: the kernel seems to lack the syscall (or refuse it). */
const inject = (syscall: string, error: string) => ['strace', '-f', '-o', '/dev/null', '-e', `trace=${syscall}`, '-e', `inject=${syscall}:error=${error}`];

describe('codex-linux-sandbox refusals', () => {
  it('is built by the package build step', () => {
    expect(statSync(HELPER).mode & 0o111).not.toBe(0);
  });

  it.runIf(spawnSync('readelf', ['--version']).status === 0)('is built hardened: PIE, full RELRO, stack protector, fortified calls', () => {
    const out = (args: string[]) => spawnSync('readelf', [...args, HELPER], { encoding: 'utf8' }).stdout;
    const syms = out(['--dyn-syms', '-W']);
    expect({
      pie: /Type:\s+DYN/.test(out(['-h'])),
      relro: /GNU_RELRO/.test(out(['-lW'])),
      bindNow: /BIND_NOW/.test(out(['-d'])),
      stackProtector: syms.includes('__stack_chk_fail'),
      fortified: /__\w+_chk@/.test(syms.replace('__stack_chk_fail', '')),
    }).toEqual({ pie: true, relro: true, bindNow: true, stackProtector: true, fortified: true });
  });

  it('refuses --pty without a terminal on stdin, and with --no-sandbox', () => {
    expect(helper(['--pty', '--policy', RO, '--cwd', '/', '--', 'true'])).toEqual({
      status: HELPER_EXIT.usage,
      stdout: '',
      stderr: 'codex-linux-sandbox: --pty needs a terminal on stdin\n',
    });
    expect(helper(['--no-sandbox', '--pty', '--', 'true']).status).toBe(HELPER_EXIT.usage);
  });

  it("refuses --pty on a terminal that belongs to the caller's session (it would take it from the shell)", () => {
    // A python launcher plays a shell: it leads the session that owns the pty and runs the helper as a child.
    const launcher = `import fcntl, os, pty, subprocess, sys, termios
m, s = pty.openpty()
pid = os.fork()
if pid == 0:
    os.setsid()
    fcntl.ioctl(s, termios.TIOCSCTTY, 0)
    r = subprocess.run(sys.argv[1:], stdin=s, capture_output=True, text=True)
    print(r.returncode, r.stderr.strip().split(';')[0], os.tcgetpgrp(s) > 0)
    sys.stdout.flush()
    os._exit(0)
os.waitpid(pid, 0)`;
    const r = spawnSync('python3', ['-c', launcher, HELPER, '--pty', '--policy', RO, '--cwd', '/', '--', 'true'], { encoding: 'utf8' });
    expect(r.stdout.trim()).toMatch(/^120 codex-linux-sandbox: --pty: the terminal on stdin is the controlling terminal of session \d+, not one this process leads True$/);
  });

  it('rejects invalid policy JSON with exit 120', () => {
    expect(helper(['--policy', '{"mode":', '--cwd', '/', '--', 'true'])).toEqual({
      status: HELPER_EXIT.usage,
      stdout: '',
      stderr: 'codex-linux-sandbox: --policy is not valid JSON: unexpected character at offset 8\n',
    });
  });

  it('rejects an unknown mode with exit 120', () => {
    expect(helper(['--policy', '{"mode":"yolo"}', '--cwd', '/', '--', 'true']).stderr).toBe(
      'codex-linux-sandbox: --policy: unknown mode "yolo" (expected read-only, workspace-write or danger-full-access)\n',
    );
  });

  it('rejects a missing command and unknown limits with exit 120', () => {
    expect(helper(['--policy', RO, '--cwd', '/', '--']).status).toBe(HELPER_EXIT.usage);
    expect(helper(['--policy', RO, '--cwd', '/', '--limits', '{"ram":1}', '--', 'true'])).toEqual({
      status: HELPER_EXIT.usage,
      stdout: '',
      stderr: 'codex-linux-sandbox: --limits: unknown key "ram" (known: memory_bytes, cpu_seconds, processes, file_size_bytes, open_files)\n',
    });
  });

  it('exits 127 for a command that does not exist', () => {
    expect(helper(['--policy', RO, '--cwd', '/', '--', 'no-such-command-xyz'])).toEqual({
      status: HELPER_EXIT.notFound,
      stdout: '',
      stderr: 'codex-linux-sandbox: cannot execute no-such-command-xyz: No such file or directory\n',
    });
  });

  it('refuses with exit 121 and never runs the command when Landlock is unavailable', () => {
    const ws = workspace();
    const r = helper(['--policy', WS_WRITE, '--cwd', ws, '--', 'touch', join(ws, 'ran')], { prefix: inject('landlock_create_ruleset', 'ENOSYS') });
    expect({ ...r, ran: existsSync(join(ws, 'ran')) }).toEqual({
      status: HELPER_EXIT.noLandlock,
      stdout: '',
      stderr:
        'codex-linux-sandbox: Landlock is not available on this kernel (Function not implemented). It needs Linux >= 5.13 with CONFIG_SECURITY_LANDLOCK=y and "landlock" in the lsm= boot parameter\n',
      ran: false,
    });
  });

  it('refuses with exit 122 and never runs the command when seccomp is refused', () => {
    const ws = workspace();
    const r = helper(['--policy', WS_WRITE, '--cwd', ws, '--', 'touch', join(ws, 'ran')], { prefix: inject('seccomp', 'EINVAL') });
    expect({ ...r, ran: existsSync(join(ws, 'ran')) }).toEqual({
      status: HELPER_EXIT.noSeccomp,
      stdout: '',
      stderr: 'codex-linux-sandbox: installing the seccomp filter failed: Invalid argument\n',
      ran: false,
    });
  });
});

describe('codex-linux-sandbox limits', () => {
  it.each([
    ['{"open_files": -nan}', 'codex-linux-sandbox: --limits is not a JSON object: bad number at offset 15\n'],
    ['{"open_files": NaN}', 'codex-linux-sandbox: --limits is not a JSON object: unexpected character at offset 15\n'],
    ['{"cpu_seconds": 1.9}', 'codex-linux-sandbox: --limits: "cpu_seconds" must be a whole number from 1 to 9007199254740992\n'],
    ['{"processes": 0}', 'codex-linux-sandbox: --limits: "processes" must be a whole number from 1 to 9007199254740992\n'],
    ['{"memory_bytes": 1e300}', 'codex-linux-sandbox: --limits: "memory_bytes" must be a whole number from 1 to 9007199254740992\n'],
  ])('rejects %s with exit 120, naming the key', (limits, stderr) => {
    expect(helper(['--policy', RO, '--cwd', '/', '--limits', limits, '--', 'true'])).toEqual({ status: HELPER_EXIT.usage, stdout: '', stderr });
  });
});

describe('codex-linux-sandbox view and identity', () => {
  it('runs the command with no capability, no_new_privs, in a new session, pid namespace and minimal /dev', () => {
    const script = 'grep -E "^(CapEff|CapBnd|CapPrm|NoNewPrivs):" /proc/self/status; ls /dev | tr "\\n" " "; echo; [ "$(ps -o sid= -p $$ | tr -d " ")" = "$$" ] && echo session-leader; echo "pid $$"';
    const r = helper(['--policy', RO, '--cwd', '/', '--', 'sh', '-c', script]);
    expect(r).toEqual({
      status: 0,
      stdout:
        'CapPrm:\t0000000000000000\nCapEff:\t0000000000000000\nCapBnd:\t0000000000000000\nNoNewPrivs:\t1\n' +
        'fd full null ptmx pts random shm stderr stdin stdout tty urandom zero \nsession-leader\npid 2\n',
      stderr: '',
    });
  });

  it.runIf(process.getuid?.() === 0)('as root where user namespaces are refused: pid/mount namespaces, no capabilities, read-only outside', () => {
    const ws = workspace();
    // Without -f only the helper itself is traced: its first unshare (the user namespace) fails.
    const noUserns = ['strace', '-o', '/dev/null', '-e', 'trace=unshare', '-e', 'inject=unshare:error=EPERM:when=1'];
    const script = 'grep -E "^(CapEff|CapBnd):" /proc/self/status; echo "pid $$"; chmod 600 /etc/hostname 2>/dev/null || echo chmod-denied; echo w > w && echo ws-ok; [ "$(readlink /proc/self/ns/user)" = "$HOST_USERNS" ] && echo host-userns';
    const r = spawnSync(noUserns[0]!, [...noUserns.slice(1), HELPER, '--policy', WS_WRITE, '--cwd', ws, '--', 'sh', '-c', script], {
      cwd: ws,
      encoding: 'utf8',
      env: { ...process.env, HOST_USERNS: readlinkSync('/proc/self/ns/user') },
    });
    expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({
      status: 0,
      stdout: 'CapEff:\t0000000000000000\nCapBnd:\t0000000000000000\npid 2\nchmod-denied\nws-ok\nhost-userns\n',
      stderr: '',
    });
  });

  it('leaves no placeholder behind, keeps what the user had, refuses a protected name that is a link', () => {
    const ws = mkdtempSync(join('/var/tmp', 'codex-sbx-ph-'));
    dirs.push(ws);
    mkdirSync(join(ws, '.codex'));
    const run = () => helper(['--policy', WS_WRITE, '--cwd', ws, '--', 'sh', '-c', 'ls -a | tr "\\n" " "; mkdir .git/x 2>/dev/null || echo denied'], { cwd: ws });
    expect(run()).toEqual({ status: 0, stdout: '. .. .agents .aws .codex .git denied\n', stderr: '' });
    // Removed in the background shortly after the command (bounded wait, not a speed check).
    for (let i = 0; i < 200 && readdirSync(ws).length > 1; i++) spawnSync('sleep', ['0.05']);
    expect(readdirSync(ws).sort()).toEqual(['.codex']);
    symlinkSync('/etc', join(ws, '.agents'));
    expect(run()).toEqual({
      status: HELPER_EXIT.setup,
      stdout: '',
      stderr: `codex-linux-sandbox: ${ws}/.agents is a symbolic link; the sandbox keeps this name read-only and cannot do that for a link. Replace the link with the directory itself, or run without a sandbox at your own risk (sandbox_mode = "danger-full-access")\n`,
    });
  });
});

describe('codex-linux-sandbox behaviour', () => {
  it('keeps .git read-only with Landlock alone when namespaces are refused', () => {
    const ws = workspace();
    const script = '(echo x >> .git/config) 2>/dev/null || echo git-denied; echo y > src/a && echo src-ok; touch top 2>/dev/null || echo top-denied';
    const r = helper(['--policy', WS_WRITE, '--cwd', ws, '--', 'sh', '-c', script], { cwd: ws, prefix: inject('unshare', 'EPERM') });
    // Documented cost of the fallback: new entries directly in the root cannot be made.
    expect(r).toEqual({ status: 0, stdout: 'git-denied\nsrc-ok\ntop-denied\n', stderr: '' });
    expect(readFileSync(join(ws, '.git', 'config'), 'utf8')).toBe('[core]\n');
  });

  it('keeps .git read-only for a workspace inside /tmp, itself a writable root', () => {
    const ws = workspace('/tmp');
    const policy = JSON.stringify({ mode: 'workspace-write' });
    const r = helper(['--policy', policy, '--cwd', ws, '--', 'sh', '-c', 'echo x >> .git/config || true; echo ok > top && cat top'], { cwd: ws });
    expect(r).toEqual({ status: 0, stdout: 'ok\n', stderr: 'sh: 1: cannot create .git/config: Read-only file system\n' });
  });

  it('in a linked worktree: git reads still work, its gitdir and common dir are read-only, a gone gitdir gets no placeholder', () => {
    const base = workspace('/tmp'); // under /tmp, a writable root: unprotected without the pointer rules
    const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' };
    const git = (cwd: string, ...args: string[]) => spawnSync('git', args, { cwd, env, encoding: 'utf8' });
    const main = join(base, 'main');
    mkdirSync(main);
    git(main, 'init', '-q', '.');
    writeFileSync(join(main, 'a'), 'a\n');
    git(main, 'add', 'a');
    git(main, 'commit', '-qm', 'a');
    const wt = join(base, 'wt');
    expect(git(main, 'worktree', 'add', '-q', wt).status).toBe(0);
    const policy = JSON.stringify({ mode: 'workspace-write' });
    const script = 'git log --format=%s -1; git status --porcelain; echo x > "$(git rev-parse --git-common-dir)/hooks/h" || true; echo y > "$(git rev-parse --git-dir)/h" || true';
    const r = spawnSync(HELPER, ['--policy', policy, '--cwd', wt, '--', 'sh', '-c', script], { cwd: wt, env, encoding: 'utf8' });
    expect({ status: r.status, stdout: r.stdout, denials: r.stderr.match(/Read-only file system/g)?.length }).toEqual({ status: 0, stdout: 'a\n', denials: 2 });
    expect([existsSync(join(main, '.git', 'hooks', 'h')), existsSync(join(main, '.git', 'worktrees', 'wt', 'h'))]).toEqual([false, false]);
    // The gitdir removed (a pruned worktree): nothing to protect, and nothing is created there.
    rmSync(join(main, '.git', 'worktrees'), { recursive: true });
    const gone = spawnSync(HELPER, ['--policy', policy, '--cwd', wt, '--', 'sh', '-c', 'echo ok > f && cat f'], { cwd: wt, env, encoding: 'utf8' });
    expect({ status: gone.status, stdout: gone.stdout }).toEqual({ status: 0, stdout: 'ok\n' });
    expect(existsSync(join(main, '.git', 'worktrees'))).toBe(false);
  });

  it('applies file size and memory limits', () => {
    const ws = workspace();
    const limits = JSON.stringify({ file_size_bytes: 1000, memory_bytes: 256 * 1024 * 1024 });
    const r = helper(
      ['--policy', WS_WRITE, '--cwd', ws, '--limits', limits, '--', 'python3', '-c',
        "import os, signal\nsignal.signal(signal.SIGXFSZ, signal.SIG_IGN)\nfd = os.open('big', os.O_WRONLY | os.O_CREAT)\nprint('wrote', os.write(fd, b'x' * 5000))\ntry:\n  os.write(fd, b'x')\nexcept OSError as e:\n  print('fsize', e.errno)\ntry:\n  b = bytearray(512 << 20)\nexcept MemoryError:\n  print('memory')"],
      { cwd: ws },
    );
    expect({ ...r, size: statSync(join(ws, 'big')).size }).toEqual({ status: 0, stdout: 'wrote 1000\nfsize 27\nmemory\n', stderr: '', size: 1000 });
  });

  it('marks the process: no_new_privs and one seccomp filter', () => {
    const r = helper(['--policy', RO, '--cwd', '/', '--', 'grep', '-E', '^(NoNewPrivs|Seccomp):', '/proc/self/status']);
    expect(r).toEqual({ status: 0, stdout: 'NoNewPrivs:\t1\nSeccomp:\t2\n', stderr: '' });
  });
});
