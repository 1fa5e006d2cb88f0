// The escape suite's cases: attempts that must be denied (each reports whether it
// escaped, judged by its effect outside the sandbox) and things that must keep working.
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, lstatSync, openSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SandboxResult } from '../src/index.js';
import { writeOwned, type Fixture, type Servers } from './fixture.js';

type Mode = 'workspace-write' | 'read-only';
const py = (code: string) => ['python3', '-c', code];
const sh = (code: string) => ['sh', '-c', code];

export interface EscapeCase {
  name: string;
  modes: Mode[];
  /** The unsandboxed control only shows the attempt working as root (it needs a capability). */
  rootOnly?: boolean;
  /** Whether the control can show the attempt working on this host (e.g. a block device exists). */
  controlIf?: (f: Fixture) => boolean;
  prepare?: (f: Fixture, id: string) => void;
  /** Where the command runs, which is also the policy's cwd (its writable root); default the workspace. */
  cwd?: (f: Fixture, id: string) => string;
  argv: (f: Fixture, s: Servers, id: string) => string[];
  /** Judged after the command ended: did the attempt take effect? */
  escaped: (f: Fixture, s: Servers, id: string, r: SandboxResult) => boolean | Promise<boolean>;
}

const BOTH: Mode[] = ['workspace-write', 'read-only'];

/** Python prelude: raw syscalls by name on x86_64 and aarch64. */
const SYSCALLS =
  'import ctypes, platform\n' +
  "NR = {'x86_64': {'bpf': 321, 'perf_event_open': 298, 'add_key': 248, 'keyctl': 250}, 'aarch64': {'bpf': 280, 'perf_event_open': 241, 'add_key': 217, 'keyctl': 219}}[platform.machine()]\n" +
  'libc = ctypes.CDLL(None, use_errno=True)\n' +
  'libc.syscall.restype = ctypes.c_long\n';

/** The block device holding path, as "major:minor", when it is a real one (/sys/dev/block). */
function blockDevice(path: string): string | undefined {
  const dev = statSync(path).dev;
  const major = Math.floor(dev / 256) & 0xfff;
  const minor = (dev & 0xff) | ((Math.floor(dev / 4096)) & ~0xff);
  return existsSync(`/sys/dev/block/${major}:${minor}`) ? `${major}:${minor}` : undefined;
}

/** Whether this process can read the raw block device holding path (a device cgroup may forbid it). */
function diskReadable(path: string): boolean {
  const dev = blockDevice(path);
  if (!dev) return false;
  try {
    const name = /DEVNAME=(.*)/.exec(readFileSync(`/sys/dev/block/${dev}/uevent`, 'utf8'))?.[1];
    closeSync(openSync(`/dev/${name}`, 'r'));
    return true;
  } catch {
    return false;
  }
}

function procField(pid: number, file: string): string {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return '';
  }
}

/**
 * Whether the command put something at a protected path: anything there (a dangling link
 * included) but the sandbox's own placeholder, an empty mode-0555 directory that the helper
 * removes shortly after the command (in the background).
 */
function present(path: string): boolean {
  try {
    const st = lstatSync(path);
    return !(st.isDirectory() && (st.mode & 0o7777) === 0o555 && readdirSync(path).length === 0);
  } catch {
    return false;
  }
}

const gitHead = (ws: string): string => execFileSync('git', ['-c', `safe.directory=${ws}`, 'rev-parse', 'HEAD'], { cwd: ws, encoding: 'utf8' });

const hostNetns = (): string => readlinkSync('/proc/self/ns/net');
const xattrs = (p: string): string =>
  execFileSync('python3', ['-c', 'import os, sys; print(os.listxattr(sys.argv[1]))', p], { encoding: 'utf8' }).trim();

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
    name: 'mknod the host disk in the workspace, then read it raw',
    modes: ['workspace-write'],
    rootOnly: true,
    controlIf: (f) => diskReadable(f.out),
    argv: (f, _s, id) => {
      const [maj, min] = (blockDevice(f.out) ?? '0:0').split(':');
      return py(`import os, stat\nos.mknod('blk-${id}', stat.S_IFBLK | 0o600, os.makedev(${maj}, ${min}))\nwith open('blk-${id}', 'rb') as d:\n    d.read(512)\nprint('READ')`);
    },
    escaped: (_f, _s, _id, r) => r.stdout.includes('READ'),
  },
  {
    name: 'read the host disk through /dev',
    modes: BOTH,
    rootOnly: true,
    controlIf: (f) => diskReadable(f.out),
    argv: (f) => py(`name = [l.split('=')[1].strip() for l in open('/sys/dev/block/${blockDevice(f.out) ?? '0:0'}/uevent') if l.startswith('DEVNAME=')][0]\nwith open('/dev/' + name, 'rb') as d:\n    d.read(512)\nprint('READ')`),
    escaped: (_f, _s, _id, r) => r.stdout.includes('READ'),
  },
  {
    name: 'load an eBPF map (bpf)',
    modes: BOTH,
    rootOnly: true,
    argv: () => py(`${SYSCALLS}attr = ctypes.create_string_buffer(128)\nctypes.memmove(attr, (ctypes.c_uint32 * 4)(2, 4, 4, 1), 16)\nfd = libc.syscall(NR['bpf'], 0, attr, 128)\nprint('BPF' if fd >= 0 else 'errno %d' % ctypes.get_errno())`),
    escaped: (_f, _s, _id, r) => r.stdout.includes('BPF'),
  },
  {
    name: 'perf_event_open on a process outside',
    modes: BOTH,
    argv: (_f, s) => py(`${SYSCALLS}attr = ctypes.create_string_buffer(112)\nctypes.memmove(attr, (ctypes.c_uint32 * 2)(1, 112), 8)\nctypes.memmove(ctypes.byref(attr, 40), (ctypes.c_uint64 * 1)(1 | 1 << 5 | 1 << 6), 8)\nfd = libc.syscall(NR['perf_event_open'], attr, ${s.outsidePid}, -1, -1, 0)\nprint('PERF' if fd >= 0 else 'errno %d' % ctypes.get_errno())`),
    escaped: (_f, _s, _id, r) => r.stdout.includes('PERF'),
  },
  {
    name: "add a key to the user's keyring (add_key)",
    modes: BOTH,
    argv: (_f, _s, id) => py(`${SYSCALLS}k = libc.syscall(NR['add_key'], b'user', b'codex-sbx-${id}', b'x', 1, -4)\nif k >= 0:\n    libc.syscall(NR['keyctl'], 9, k, -4)\n    print('ADDED')\nelse:\n    print('errno %d' % ctypes.get_errno())`),
    escaped: (_f, _s, _id, r) => r.stdout.includes('ADDED'),
  },
  {
    name: 'set the host name (to its current value)',
    modes: BOTH,
    rootOnly: true,
    argv: () => py(`import socket\nsocket.sethostname(socket.gethostname())\nprint('SET')`),
    escaped: (_f, _s, _id, r) => r.stdout.includes('SET'),
  },
  {
    name: "network device ioctl on the host's lo (SIOCSIFFLAGS, same flags)",
    modes: BOTH,
    rootOnly: true,
    argv: () => py(`import fcntl, os, socket, struct\ns = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)\nflags = struct.unpack('16sH14x', fcntl.ioctl(s, 0x8913, struct.pack('16sH14x', b'lo', 0)))[1]\nfcntl.ioctl(s, 0x8914, struct.pack('16sH14x', b'lo', flags))\nprint('SET', os.readlink('/proc/self/ns/net'))`),
    escaped: (_f, _s, _id, r) => r.stdout.includes(`SET ${hostNetns()}`),
  },
  {
    name: 'renice a process outside',
    modes: BOTH,
    argv: (_f, s) => py(`import os\nos.setpriority(os.PRIO_PROCESS, ${s.outsidePid}, 7)`),
    escaped: (_f, s) => procField(s.outsidePid, 'stat').split(') ')[1]?.split(' ')[16] === '7',
  },
  {
    name: 'lower the limits of a process outside (prlimit)',
    modes: BOTH,
    argv: (_f, s) => py(`import resource\nresource.prlimit(${s.outsidePid}, resource.RLIMIT_NOFILE, (77, 77))`),
    escaped: (_f, s) => /Max open files\s+77\s+77/.test(procField(s.outsidePid, 'limits')),
  },
  {
    name: 'write through /proc/PID/cwd of a process outside',
    modes: BOTH,
    argv: (_f, s, id) => sh(`echo x > /proc/${s.outsidePid}/cwd/pcwd-${id}`),
    escaped: (f, _s, id) => existsSync(join(f.out, `pcwd-${id}`)),
  },
  {
    name: 'chmod a file outside',
    modes: BOTH,
    prepare: (f, id) => writeOwned(f, join(f.out, `meta-${id}`), 'x\n'),
    argv: (f, _s, id) => ['chmod', '600', join(f.out, `meta-${id}`)],
    escaped: (f, _s, id) => (statSync(join(f.out, `meta-${id}`)).mode & 0o777) !== 0o644,
  },
  {
    name: 'change the times of a file outside (utimes)',
    modes: BOTH,
    prepare: (f, id) => writeOwned(f, join(f.out, `meta-${id}`), 'x\n'),
    argv: (f, _s, id) => ['touch', '-m', '-d', '2001-01-01', join(f.out, `meta-${id}`)],
    escaped: (f, _s, id) => statSync(join(f.out, `meta-${id}`)).mtime.getFullYear() < 2002,
  },
  {
    name: 'set an extended attribute on a file outside',
    modes: BOTH,
    prepare: (f, id) => writeOwned(f, join(f.out, `meta-${id}`), 'x\n'),
    argv: (f, _s, id) => py(`import os\nos.setxattr('${f.out}/meta-${id}', 'user.codex', b'1')`),
    escaped: (f, _s, id) => xattrs(join(f.out, `meta-${id}`)).includes('user.codex'),
  },
  {
    name: 'chown a file outside',
    modes: BOTH,
    rootOnly: true,
    prepare: (f, id) => writeOwned(f, join(f.out, `meta-${id}`), 'x\n'),
    argv: (f, _s, id) => ['chown', '1:1', join(f.out, `meta-${id}`)],
    escaped: (f, _s, id) => statSync(join(f.out, `meta-${id}`)).uid === 1,
  },
  {
    name: 'write a host sysctl under /proc/sys (its current value)',
    modes: BOTH,
    rootOnly: true,
    argv: () => py(`p = '/proc/sys/kernel/msgmax'\nv = open(p).read()\nwith open(p, 'w') as f:\n    f.write(v)\nprint('WROTE')`),
    escaped: (_f, _s, _id, r) => r.stdout.includes('WROTE'),
  },
  {
    name: "write the host's /dev/shm",
    modes: BOTH,
    argv: (_f, _s, id) => sh(`echo x > /dev/shm/codex-sbx-${id}`),
    escaped: (_f, _s, id) => {
      const hit = existsSync(`/dev/shm/codex-sbx-${id}`);
      rmSync(`/dev/shm/codex-sbx-${id}`, { force: true });
      return hit;
    },
  },
  {
    name: 'connect to a named unix socket outside',
    modes: BOTH,
    argv: (_f, s) => py(`import socket\ns = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)\ns.settimeout(5)\ns.connect('${s.namedSocket}')\nprint('CONNECTED', s.recv(16).decode().strip())`),
    escaped: (_f, _s, _id, r) => r.stdout.includes('CONNECTED'),
  },
  {
    name: 'create .codex/config.toml where .codex does not exist (or link it out)',
    modes: BOTH,
    argv: (f, _s, id) => sh(`mkdir -p .codex && echo x > .codex/config.toml; ln -s ${f.out}/lnk-${id} .codex`),
    escaped: (f) => present(join(f.ws, '.codex')),
  },
  {
    name: 'create .aws/credentials where .aws does not exist',
    modes: BOTH,
    argv: () => sh('mkdir -p .aws && printf "[default]\\naws_access_key_id = x\\n" > .aws/credentials'),
    escaped: (f) => present(join(f.ws, '.aws')),
  },
  {
    name: 'create .agents/skills where .agents does not exist',
    modes: BOTH,
    argv: () => sh('mkdir -p .agents/skills && echo x > .agents/skills/evil.md'),
    escaped: (f) => present(join(f.ws, '.agents')),
  },
  {
    name: 'git init (or a .git file) in a writable root without .git (TMPDIR)',
    modes: BOTH,
    argv: () => sh('git init -q "$TMPDIR"; printf "gitdir: /x\\n" > "$TMPDIR/.git"; ln -s /x "$TMPDIR/.git"'),
    escaped: (f) => present(join(f.tmp, '.git')),
  },
  {
    name: 'add a hook in an existing .git',
    modes: BOTH,
    argv: (_f, _s, id) => sh(`echo 'touch /tmp/pwned' > .git/hooks/post-checkout-${id}`),
    escaped: (f, _s, id) => existsSync(join(f.ws, '.git', 'hooks', `post-checkout-${id}`)),
  },
  {
    name: 'git commit in the workspace root (its .git is read-only)',
    modes: BOTH,
    prepare: (f, id) => writeOwned(f, join(f.ws, `head-${id}`), gitHead(f.ws)),
    argv: (_f, _s, id) => sh(`echo c > c-${id}; git add c-${id} && git commit -qm c`),
    escaped: (f, _s, id) => gitHead(f.ws) !== readFileSync(join(f.ws, `head-${id}`), 'utf8'),
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
  {
    name: 'move .git away and put another in its place',
    modes: BOTH,
    // Last: without a sandbox it really moves .git, which the other .git cases need.
    argv: (_f, _s, id) => sh(`mv .git g-${id} || mkdir g-${id}; mkdir -p x-${id}/.git && mv x-${id}/.git .git`),
    escaped: (f, _s, id) => !existsSync(join(f.ws, '.git', 'config')) || existsSync(join(f.ws, `g-${id}`, 'config')),
  },
];

export interface AllowedCase {
  name: string;
  modes: Mode[];
  /** Runs with network_access (workspace-write only): unix sockets need connect/bind. */
  network?: boolean;
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
    name: 'AF_UNIX socket on a path in TMPDIR (with network access)',
    modes: ['workspace-write'],
    network: true,
    argv: (_f, id) =>
      py(`import os, socket\np = os.environ['TMPDIR'] + '/s-${id}'\nsrv = socket.socket(socket.AF_UNIX)\nsrv.bind(p)\nsrv.listen(1)\nc = socket.socket(socket.AF_UNIX)\nc.connect(p)\nsrv.accept()[0].send(b'pong')\nprint(c.recv(4).decode())`),
    stdout: 'pong\n',
  },
  {
    name: 'abstract unix socket and signals inside the sandbox (with network access)',
    modes: ['workspace-write'],
    network: true,
    argv: (_f, id) =>
      py(`import os, signal, socket, time\nsrv = socket.socket(socket.AF_UNIX)\nsrv.bind('\\0codex-in-${id}')\nsrv.listen(1)\nc = socket.socket(socket.AF_UNIX)\nc.connect('\\0codex-in-${id}')\nsrv.accept()[0].send(b'pong')\npid = os.fork()\nif pid == 0:\n    time.sleep(30)\n    os._exit(0)\nos.kill(pid, signal.SIGTERM)\nos.waitpid(pid, 0)\nprint(c.recv(4).decode())`),
    stdout: 'pong\n',
  },
  { name: 'git status', modes: BOTH, argv: () => sh('git status --porcelain --untracked-files=no && echo clean'), stdout: 'clean\n' },
  { name: 'node -e', modes: BOTH, argv: () => ['node', '-e', 'process.stdout.write(String(6 * 7))'], stdout: '42' },
  { name: 'python3 -c', modes: BOTH, argv: () => py('print(6 * 7)'), stdout: '42\n' },
  {
    name: 'signals inside the sandbox',
    modes: BOTH,
    argv: () => py('import os, signal, time\npid = os.fork()\nif pid == 0:\n    time.sleep(30)\n    os._exit(0)\nos.kill(pid, signal.SIGTERM)\nprint(os.waitpid(pid, 0)[1])'),
    stdout: '15\n',
  },
  {
    name: 'cc compiles and runs a program in the workspace',
    modes: ['workspace-write'],
    argv: (_f, id) => sh(`printf 'int main(void){return 0;}\\n' > c-${id}.c && cc -o c-${id} c-${id}.c && ./c-${id} && echo built`),
    stdout: 'built\n',
  },
  {
    name: 'git init and commit in a new repository inside the workspace',
    modes: ['workspace-write'],
    argv: (_f, id) => sh(`mkdir r-${id} && cd r-${id} && git init -q && echo a > a && git add a && git commit -qm m && git rev-list --count HEAD`),
    stdout: '1\n',
  },
  {
    name: 'python venv in TMPDIR',
    modes: ['workspace-write'],
    argv: (_f, id) => sh(`python3 -m venv --without-pip "$TMPDIR/venv-${id}" && "$TMPDIR/venv-${id}/bin/python" -c 'import sys; print(sys.prefix != sys.base_prefix)'`),
    stdout: 'True\n',
  },
  {
    name: 'python multiprocessing (Lock in /dev/shm, Pool)',
    modes: BOTH,
    argv: () => py("import multiprocessing as mp\nlock = mp.Lock()\nwith lock:\n    pass\nif __name__ == '__main__':\n    with mp.Pool(2) as p:\n        print(sum(p.map(abs, [-1, -2, -3])))"),
    stdout: '6\n',
  },
  {
    name: 'node child processes',
    modes: BOTH,
    argv: () => ['node', '-e', "const { execFileSync, spawnSync } = require('child_process'); const a = execFileSync('node', ['-e', 'process.stdout.write(String(1))']).toString(); const b = spawnSync('sh', ['-c', 'echo 2']).stdout.toString().trim(); process.stdout.write(a + b)"],
    stdout: '12',
  },
  {
    name: 'write the private /dev/shm',
    modes: BOTH,
    argv: (_f, id) => sh(`echo hi > /dev/shm/s-${id} && cat /dev/shm/s-${id}`),
    stdout: 'hi\n',
  },
];
