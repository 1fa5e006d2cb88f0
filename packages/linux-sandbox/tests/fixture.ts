// Test fixtures for the sandbox suites: users to run as (root and an ordinary user,
// created with useradd when running as root), a workspace with a git repo, an outside
// directory the user could write when unsandboxed, and local TCP/UDP servers.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { createSocket, type Socket } from 'node:dgram';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_USER, usersToRunAs, type RunAs } from '@codex-ts/test-support';

// The users to run as live in test-support (shared with the exec containment suites).
export { TEST_USER, usersToRunAs, type RunAs };

/** Builds the helper (idempotent) so the suite runs on a fresh checkout. */
export function buildHelper(): void {
  execFileSync(process.execPath, [join(dirname(fileURLToPath(import.meta.url)), '..', 'scripts', 'build-native.mjs')], { stdio: 'inherit' });
}

export interface Fixture {
  base: string;
  ws: string;
  out: string;
  tmp: string;
  home: string;
  env: Record<string, string>;
  as: RunAs;
  /** Unique suffix for files a case creates. */
  next(): string;
}

/** A fresh base dir under /var/tmp (not a writable root), owned by the run-as user. */
export function makeFixture(as: RunAs): Fixture {
  const base = mkdtempSync('/var/tmp/codex-sbx-');
  chmodSync(base, 0o755);
  const ws = join(base, 'ws');
  const out = join(base, 'out');
  const tmp = join(base, 'tmp');
  const home = join(base, 'home');
  for (const d of [ws, out, tmp, home]) mkdirSync(d);
  writeFileSync(join(ws, 'README.md'), '# fixture\n');
  writeFileSync(join(out, 'secret.txt'), 'outside\n');
  symlinkSync(out, join(ws, 'link'));
  const env = {
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    HOME: home,
    TMPDIR: tmp,
    LANG: 'C',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 't',
    GIT_AUTHOR_EMAIL: 't@example.com',
    GIT_COMMITTER_NAME: 't',
    GIT_COMMITTER_EMAIL: 't@example.com',
  };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: ws, env, stdio: 'ignore' });
  git('init', '-q', '.');
  git('add', 'README.md');
  git('commit', '-q', '-m', 'init');
  if (as.uid !== undefined) execFileSync('chown', ['-R', '-h', `${as.uid}:${as.gid}`, ws, out, tmp, home]);
  let n = 0;
  return { base, ws, out, tmp, home, env, as, next: () => `${process.pid}-${++n}` };
}

/**
 * Host pids of live processes whose argv holds marker as a whole argument. A sandboxed
 * command runs in its own pid namespace, so the pids it sees are not the host's: tests
 * find its processes by a marker argument instead.
 */
export function hostPidsWith(marker: string): number[] {
  const out: number[] = [];
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      if (!readFileSync(`/proc/${e}/cmdline`, 'utf8').split('\0').includes(marker)) continue;
      if (readFileSync(`/proc/${e}/stat`, 'utf8').split(') ')[1]!.startsWith('Z')) continue;
      out.push(Number(e));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** Makes a file owned by the run-as user. */
export function writeOwned(f: Fixture, path: string, text: string): void {
  writeFileSync(path, text);
  if (f.as.uid !== undefined) chownSync(path, f.as.uid, f.as.gid!);
}

export interface Servers {
  /** An unsandboxed process of the run-as user (a sandboxed command must not signal it). */
  outsidePid: number;
  /** An abstract unix socket name (without the leading NUL) served outside the sandbox. */
  abstractName: string;
  abstractConnections(): number;
  /** A named unix socket (a path outside the writable roots) served outside the sandbox. */
  namedSocket: string;
  namedConnections(): number;
  tcpPort: number;
  tcp6Port: number | undefined;
  udpPort: number;
  tcpConnections(): number;
  tcp6Connections(): number;
  /** UDP datagrams other than markers received so far, after a marker round-trip. */
  udpDatagrams(): Promise<number>;
  close(): Promise<void>;
}

function listen(host: string, onConn: () => void): Promise<Server | undefined> {
  return new Promise((resolve) => {
    const s = createServer((c) => {
      onConn();
      c.end('hello\n');
    });
    s.once('error', () => resolve(undefined));
    s.listen(0, host, () => resolve(s));
  });
}

let serverSeq = 0;

function unixServer(address: string, onAccept: () => void): Promise<ChildProcess> {
  const sa = spawn('python3', ['-c', `import socket, sys, os\ns = socket.socket(socket.AF_UNIX)\ns.bind(${JSON.stringify(address)})\nif not ${JSON.stringify(address)}.startswith('\\0'): os.chmod(${JSON.stringify(address)}, 0o777)\ns.listen(8)\nprint('READY', flush=True)\nwhile True:\n    c = s.accept()[0]\n    print('ACCEPT', flush=True)\n    c.sendall(b'hello\\n')\n    c.close()`], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve) => {
    sa.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('READY')) resolve(sa);
      for (let i = 0; i < d.toString().split('ACCEPT').length - 1; i++) onAccept();
    });
  });
}

/** TCP on 127.0.0.1 and ::1 (when IPv6 works here), UDP on 127.0.0.1, an abstract and a
 * named unix socket (in dir, outside the roots), and a sleeping process owned by the
 * run-as user (its working directory is dir). */
export async function startServers(as: RunAs = { label: 'self' }, dir = '/var/tmp'): Promise<Servers> {
  let tcp = 0;
  let abstract = 0;
  const abstractName = `codex-sbx-${process.pid}-${++serverSeq}`;
  // python3, not node: node pads abstract names with NULs to the full sun_path.
  const sa = await unixServer(`\0${abstractName}`, () => abstract++);
  let named = 0;
  const namedSocket = join(dir, `sock-${process.pid}-${serverSeq}`);
  const sn = await unixServer(namedSocket, () => named++);
  const outside = spawn('sleep', ['600'], { stdio: 'ignore', uid: as.uid, gid: as.gid, cwd: dir });
  let tcp6 = 0;
  let udp = 0;
  const s4 = (await listen('127.0.0.1', () => tcp++))!;
  const s6 = await listen('::1', () => tcp6++);
  const u: Socket = createSocket('udp4');
  const markers: Array<() => void> = [];
  u.on('message', (m) => {
    if (m.toString() === 'marker') markers.shift()?.();
    else udp++;
  });
  await new Promise<void>((r) => u.bind(0, '127.0.0.1', () => r()));
  const port = (s: Server) => (s.address() as { port: number }).port;
  return {
    outsidePid: outside.pid!,
    abstractName,
    abstractConnections: () => abstract,
    namedSocket,
    namedConnections: () => named,
    tcpPort: port(s4),
    tcp6Port: s6 ? port(s6) : undefined,
    udpPort: u.address().port,
    tcpConnections: () => tcp,
    tcp6Connections: () => tcp6,
    udpDatagrams: async () => {
      // Loopback delivery is in order: once our marker arrives, anything sent earlier has.
      const seen = new Promise<void>((r) => markers.push(r));
      const c = createSocket('udp4');
      c.send('marker', u.address().port, '127.0.0.1', () => c.close());
      await seen;
      return udp;
    },
    close: async () => {
      outside.kill('SIGKILL');
      sa.kill('SIGKILL');
      sn.kill('SIGKILL');
      u.close();
      await Promise.all([s4, s6].map((s) => s && new Promise((r) => s.close(r))));
    },
  };
}
