// The terminal: a sandboxed command started from an interactive terminal (its controlling
// tty) cannot push input into that terminal with TIOCSTI, on either backend, as root and
// as an ordinary user. A python launcher outside plays the shell: it makes a pty the
// controlling terminal of a new session and runs the exact command line the runner would.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSandboxCommand, probeBackend, type SandboxPolicy } from '../src/index.js';
import { buildHelper, makeFixture, usersToRunAs, type Fixture, type RunAs } from './fixture.js';
import { requireOrRefuse } from './required.js';

buildHelper();
const users = usersToRunAs();
const fixtures: Fixture[] = [];
afterAll(() => fixtures.forEach((f) => rmSync(f.base, { recursive: true, force: true })));

const LAUNCHER = `import fcntl, os, pty, sys, termios
master, slave = pty.openpty()
pid = os.fork()
if pid == 0:
    os.setsid()
    fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
    for fd in (0, 1, 2):
        os.dup2(slave, fd)
    os.close(master)
    os.execvp(sys.argv[1], sys.argv[1:])
os.close(slave)
out = b''
while True:
    try:
        chunk = os.read(master, 4096)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
os.waitpid(pid, 0)
sys.stdout.write(out.decode(errors='replace'))`;

const INJECT = ['python3', '-c', "import fcntl, sys, termios\ntry:\n    fcntl.ioctl(0, termios.TIOCSTI, b'X')\n    print('INJECTED')\nexcept OSError as e:\n    print('errno', e.errno)"];

function inTerminal(argv: string[], env: Record<string, string>, as: RunAs, cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn('python3', ['-c', LAUNCHER, ...argv], { cwd, env, uid: as.uid, gid: as.gid, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.on('error', reject);
    p.on('close', () => resolve(out));
  });
}

const POLICY: SandboxPolicy = { mode: 'workspace-write', writable_roots: [], network_access: false, exclude_tmpdir_env_var: false, exclude_slash_tmp: false };
const legacyTiocsti = (() => {
  try {
    return readFileSync('/proc/sys/dev/tty/legacy_tiocsti', 'utf8').trim() !== '0';
  } catch {
    return true;
  }
})();

for (const as of users) {
  describe(`TIOCSTI as ${as.label}`, () => {
    it.skipIf(!legacyTiocsti)('control: works from the terminal without a sandbox', async () => {
      const f = makeFixture(as);
      fixtures.push(f);
      // The terminal echoes the injected X before the program's own output.
      expect((await inTerminal(INJECT, f.env, as, f.ws)).trim()).toBe('XINJECTED');
    });
    for (const backend of ['landlock', 'bwrap'] as const) {
      describe(backend, async () => {
        const probe = await probeBackend(backend, { uid: as.uid, gid: as.gid });
        if (!requireOrRefuse(probe, `${backend} as ${as.label}`, () => expect(probe.available).toBe(false))) return;
        it('cannot push input into the invoking terminal', async () => {
          const f = makeFixture(as);
          fixtures.push(f);
          const cmd = buildSandboxCommand({ argv: INJECT, cwd: f.ws, policy: POLICY, env: f.env, backend, uid: as.uid, gid: as.gid });
          expect((await inTerminal([cmd.file, ...cmd.args], cmd.env, as, f.ws)).trim()).toBe('errno 1');
        });
      });
    }
  });
}
