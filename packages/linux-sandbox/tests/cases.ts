// The escape suite's cases: attempts that must be denied (each reports whether it
// escaped, judged by its effect outside the sandbox) and things that must keep working.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SandboxResult } from '../src/index.js';
import { writeOwned, type Fixture, type Servers } from './fixture.js';

type Mode = 'workspace-write' | 'read-only';
const py = (code: string) => ['python3', '-c', code];
const sh = (code: string) => ['sh', '-c', code];

export interface EscapeCase {
  name: string;
  modes: Mode[];
  prepare?: (f: Fixture, id: string) => void;
  argv: (f: Fixture, s: Servers, id: string) => string[];
  /** Judged after the command ended: did the attempt take effect? */
  escaped: (f: Fixture, s: Servers, id: string, r: SandboxResult) => boolean | Promise<boolean>;
}

const BOTH: Mode[] = ['workspace-write', 'read-only'];

const CONNECT = (family: string, host: string, port: number) =>
  py(`import socket\ns = socket.socket(socket.${family}, socket.SOCK_STREAM)\nprint('CREATED', flush=True)\ns.settimeout(5)\ns.connect(('${host}', ${port}))\nprint('CONNECTED', s.recv(16).decode().strip())`);

export const escapeCases: EscapeCase[] = [
  {
    name: 'write outside through an absolute path',
    modes: BOTH,
    argv: (f, _s, id) => sh(`echo x > ${f.out}/abs-${id}`),
    escaped: (f, _s, id) => existsSync(join(f.out, `abs-${id}`)),
  },
  {
    name: 'write through a symlink in the workspace pointing out',
    modes: BOTH,
    argv: (_f, _s, id) => sh(`echo x > link/sym-${id}`),
    escaped: (f, _s, id) => existsSync(join(f.out, `sym-${id}`)),
  },
  {
    name: 'write through /proc/self/root',
    modes: BOTH,
    argv: (f, _s, id) => sh(`echo x > /proc/self/root${f.out}/proc-${id}`),
    escaped: (f, _s, id) => existsSync(join(f.out, `proc-${id}`)),
  },
  {
    name: 'hard link to an outside file, then write it',
    modes: BOTH,
    prepare: (f, id) => writeOwned(f, join(f.out, `victim-${id}`), 'orig\n'),
    argv: (f, _s, id) => py(`import os\nos.link('${f.out}/victim-${id}', 'hl-${id}')\nopen('hl-${id}', 'a').write('pwned\\n')`),
    escaped: (f, _s, id) => readFileSync(join(f.out, `victim-${id}`), 'utf8') !== 'orig\n' || existsSync(join(f.ws, `hl-${id}`)),
  },
  {
    name: 'rename a workspace file into an outside directory',
    modes: BOTH,
    prepare: (f, id) => writeOwned(f, join(f.ws, `mv-${id}`), 'x\n'),
    argv: (f, _s, id) => py(`import os\nos.rename('mv-${id}', '${f.out}/mv-${id}')`),
    escaped: (f, _s, id) => existsSync(join(f.out, `mv-${id}`)),
  },
  {
    name: 'write .git/config inside the workspace',
    modes: BOTH,
    argv: (_f, _s, id) => sh(`echo "[pwned${id}]" >> .git/config`),
    escaped: (f, _s, id) => readFileSync(join(f.ws, '.git', 'config'), 'utf8').includes(`pwned${id}`),
  },
  {
    name: 'TCP to a server on 127.0.0.1',
    modes: BOTH,
    argv: (_f, s) => CONNECT('AF_INET', '127.0.0.1', s.tcpPort),
    escaped: (_f, _s, _id, r) => r.stdout.includes('CONNECTED hello'),
  },
  {
    name: 'UDP datagram to 127.0.0.1',
    modes: BOTH,
    argv: (_f, s) => py(`import socket\nsocket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b'x', ('127.0.0.1', ${s.udpPort}))`),
    escaped: async (_f, s) => (await s.udpDatagrams()) > 0,
  },
  {
    name: 'IPv6 socket to ::1',
    modes: BOTH,
    argv: (_f, s) => CONNECT('AF_INET6', '::1', s.tcp6Port ?? 9),
    // Without IPv6 on the host, creating the socket is the escape being checked.
    escaped: (_f, s, _id, r) => (s.tcp6Port ? r.stdout.includes('CONNECTED hello') : r.stdout.includes('CREATED')),
  },
  {
    name: 'AF_NETLINK socket',
    modes: BOTH,
    argv: () => py(`import socket\ns = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)\ns.bind((0, 0))\nprint('BOUND')`),
    escaped: (_f, _s, _id, r) => r.stdout.includes('BOUND'),
  },
  {
    name: 'ptrace another process',
    modes: BOTH,
    argv: () =>
      py(
        'import ctypes, os, signal, time\n' +
          "libc = ctypes.CDLL(None, use_errno=True)\n" +
          'pid = os.fork()\n' +
          'if pid == 0:\n    time.sleep(30)\n    os._exit(0)\n' +
          'rc = libc.ptrace(16, pid, 0, 0)\n' +
          "print('ATTACHED' if rc == 0 else 'ptrace errno %d' % ctypes.get_errno())\n" +
          'os.kill(pid, signal.SIGKILL)',
      ),
    escaped: (_f, _s, _id, r) => r.stdout.includes('ATTACHED'),
  },
  {
    name: 'signal a process outside (kill -0)',
    modes: BOTH,
    argv: (_f, s) => sh(`kill -0 ${s.outsidePid} && echo SIGNALLED`),
    escaped: (_f, _s, _id, r) => r.stdout.includes('SIGNALLED'),
  },
  {
    name: 'connect to an abstract unix socket outside',
    modes: BOTH,
    argv: (_f, s) =>
      py(`import socket\ns = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)\ns.settimeout(5)\ns.connect('\\0${s.abstractName}')\nprint('CONNECTED', s.recv(16).decode().strip())`),
    escaped: (_f, s, _id, r) => r.stdout.includes('CONNECTED') || s.abstractConnections() > 0,
  },
  {
    name: 'write in the workspace under read-only',
    modes: ['read-only'],
    argv: (_f, _s, id) => sh(`echo x > ro-${id}`),
    escaped: (f, _s, id) => existsSync(join(f.ws, `ro-${id}`)),
  },
  {
    name: 'write in TMPDIR under read-only',
    modes: ['read-only'],
    argv: (_f, _s, id) => sh(`echo x > "$TMPDIR/ro-${id}"`),
    escaped: (f, _s, id) => existsSync(join(f.tmp, `ro-${id}`)),
  },
];

export interface AllowedCase {
  name: string;
  modes: Mode[];
  argv: (f: Fixture, id: string) => string[];
  stdout: string;
}

export const allowedCases: AllowedCase[] = [
  { name: 'read /etc/hostname', modes: BOTH, argv: () => sh('head -c 0 /etc/hostname && echo read'), stdout: 'read\n' },
  { name: 'read a file outside the workspace', modes: BOTH, argv: (f) => ['cat', `${f.out}/secret.txt`], stdout: 'outside\n' },
  { name: 'write in the workspace', modes: ['workspace-write'], argv: (_f, id) => sh(`echo hi > w-${id} && cat w-${id}`), stdout: 'hi\n' },
  { name: 'write in a subdirectory of the workspace', modes: ['workspace-write'], argv: (_f, id) => sh(`mkdir -p d-${id}/e && echo hi > d-${id}/e/f && cat d-${id}/e/f`), stdout: 'hi\n' },
  { name: 'write in TMPDIR', modes: ['workspace-write'], argv: (_f, id) => sh(`echo hi > "$TMPDIR/t-${id}" && cat "$TMPDIR/t-${id}"`), stdout: 'hi\n' },
  { name: 'write in /tmp', modes: ['workspace-write'], argv: () => sh('f=$(mktemp /tmp/codex-sbx.XXXXXX) && echo hi > $f && cat $f && rm $f'), stdout: 'hi\n' },
  { name: 'write /dev/null', modes: BOTH, argv: () => sh('echo x > /dev/null && echo ok'), stdout: 'ok\n' },
  { name: 'pipes', modes: BOTH, argv: () => sh('printf abc | tr a-z A-Z'), stdout: 'ABC' },
  {
    name: 'AF_UNIX socketpair',
    modes: BOTH,
    argv: () => py("import socket\na, b = socket.socketpair()\na.send(b'pong')\nprint(b.recv(4).decode())"),
    stdout: 'pong\n',
  },
  {
    name: 'AF_UNIX socket on a path in TMPDIR',
    modes: ['workspace-write'],
    argv: (_f, id) =>
      py(`import os, socket\np = os.environ['TMPDIR'] + '/s-${id}'\nsrv = socket.socket(socket.AF_UNIX)\nsrv.bind(p)\nsrv.listen(1)\nc = socket.socket(socket.AF_UNIX)\nc.connect(p)\nsrv.accept()[0].send(b'pong')\nprint(c.recv(4).decode())`),
    stdout: 'pong\n',
  },
  {
    name: 'abstract unix socket and signals inside the sandbox',
    modes: BOTH,
    argv: (_f, id) =>
      py(`import os, signal, socket, time\nsrv = socket.socket(socket.AF_UNIX)\nsrv.bind('\\0codex-in-${id}')\nsrv.listen(1)\nc = socket.socket(socket.AF_UNIX)\nc.connect('\\0codex-in-${id}')\nsrv.accept()[0].send(b'pong')\npid = os.fork()\nif pid == 0:\n    time.sleep(30)\n    os._exit(0)\nos.kill(pid, signal.SIGTERM)\nos.waitpid(pid, 0)\nprint(c.recv(4).decode())`),
    stdout: 'pong\n',
  },
  { name: 'git status', modes: BOTH, argv: () => sh('git status --porcelain --untracked-files=no && echo clean'), stdout: 'clean\n' },
  { name: 'node -e', modes: BOTH, argv: () => ['node', '-e', 'process.stdout.write(String(6 * 7))'], stdout: '42' },
  { name: 'python3 -c', modes: BOTH, argv: () => py('print(6 * 7)'), stdout: '42\n' },
];
