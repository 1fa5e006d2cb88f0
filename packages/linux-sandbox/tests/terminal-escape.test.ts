// The terminal escape cases: Codex runs in a terminal (T1, its controlling terminal); a
// sandboxed command, on a PTY made for it (exec_command tty=true: it now gets that PTY as
// its own controlling terminal) or on pipes, must not reach T1: not through /dev/tty,
// /dev/pts, /dev/console or /proc/<pid>/fd, not by taking it over with TIOCSCTTY(fd, 1),
// not by pushing input with TIOCSTI (also not into its own PTY). On both backends, under
// workspace-write and read-only, as root and as an ordinary user; each case has an
// unsandboxed control showing the attempt works there. fixtures/terminal-harness.py plays
// Codex and reports what reached T1; fixtures/terminal-attack.py is the command. The attack
// only ever opens the harness's T1 (matched by device number), never another terminal.
import { spawn } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSandboxCommand, probeBackend, type SandboxPolicy } from '../src/index.js';
import { buildHelper, makeFixture, usersToRunAs, type Fixture, type RunAs } from './fixture.js';
import { countCase, reportCounts, requireOrRefuse } from './required.js';

buildHelper();
const users = usersToRunAs();
reportCounts('terminal escape cases run (backend, user, mode):');
const fixtures: Fixture[] = [];
afterAll(() => fixtures.forEach((f) => rmSync(f.base, { recursive: true, force: true })));

const here = dirname(fileURLToPath(import.meta.url));
const HARNESS = join(here, 'fixtures', 'terminal-harness.py');
const ATTACK = readFileSync(join(here, 'fixtures', 'terminal-attack.py'), 'utf8');

interface Report {
  /** What the command printed on its own PTY or pipe. */
  own: string;
  status: number;
  /** T1 is still the harness's ("Codex's") controlling terminal. */
  ctty: boolean;
  /** Input waiting on T1 (pushed with TIOCSTI). */
  pending: string;
  /** Output that reached T1. */
  t1: string;
}

interface TerminalCase {
  name: string;
  /** On a PTY made for the command (exec_command tty=true), else pipes in Codex's session. */
  pty: boolean;
  /** terminal-attack.py arguments: attempt and paths. */
  attack: [string, string];
  /** The control needs CAP_SYS_ADMIN (stealing a terminal, TIOCSTI into a foreign one). */
  rootOnly?: boolean;
  /** TIOCSTI: the control works only where the kernel still allows it (dev.tty.legacy_tiocsti). */
  sti?: boolean;
  escaped: (r: Report) => boolean;
}

const reachedT1 = (r: Report) => r.t1.includes('MARK-');
const injectedT1 = (r: Report) => r.pending.includes('INJ');
const tookT1 = (r: Report) => !r.ctty || r.t1.includes('MARK-steal');

const CASES: TerminalCase[] = [
  { name: "write to the invoking terminal through /dev/tty (pipes)", pty: false, attack: ['write', 'tty'], escaped: reachedT1 },
  { name: 'TIOCSTI into the invoking terminal through /dev/tty (pipes)', pty: false, attack: ['sti', 'tty'], sti: true, escaped: injectedT1 },
  { name: 'take the invoking terminal over with TIOCSCTTY(fd, 1) (pipes)', pty: false, attack: ['steal', 'tty'], rootOnly: true, escaped: tookT1 },
  { name: "PTY command: write to Codex's terminal through /proc/<pid>/fd", pty: true, attack: ['write', 'proc'], escaped: reachedT1 },
  { name: "PTY command: write to Codex's terminal through /dev/pts or /dev/console", pty: true, attack: ['write', 'pts'], escaped: reachedT1 },
  { name: "PTY command: take Codex's terminal over with TIOCSCTTY(fd, 1)", pty: true, attack: ['steal', 'any'], rootOnly: true, escaped: tookT1 },
  { name: "PTY command: TIOCSTI into Codex's terminal", pty: true, attack: ['sti', 'any'], rootOnly: true, sti: true, escaped: injectedT1 },
  { name: 'PTY command: TIOCSTI into its own terminal', pty: true, attack: ['sti-own', 'any'], sti: true, escaped: (r) => r.own.includes('QZQ') },
  // Loads line-discipline modules (dev.tty.ldisc_autoload): kernel attack surface, denied by seccomp.
  { name: "PTY command: switch its terminal's line discipline (TIOCSETD)", pty: true, attack: ['ldisc', 'any'], escaped: (r) => r.own.includes('LDISC-CHANGED') },
];

const POLICIES: Record<'workspace-write' | 'read-only', SandboxPolicy> = {
  'workspace-write': { mode: 'workspace-write', writable_roots: [], network_access: false, exclude_tmpdir_env_var: false, exclude_slash_tmp: false },
  'read-only': { mode: 'read-only' },
};

const legacyTiocsti = (() => {
  try {
    return readFileSync('/proc/sys/dev/tty/legacy_tiocsti', 'utf8').trim() !== '0';
  } catch {
    return true;
  }
})();
const isRoot = (as: RunAs) => as.uid === undefined && process.getuid?.() === 0;

/** Runs file+args under the harness (as the run-as user) and returns its report. */
function inCodexTerminal(f: Fixture, pty: boolean, file: string, args: string[], env: Record<string, string>): Promise<Report> {
  const res = mkdtempSync(join(f.base, 'term-'));
  if (f.as.uid !== undefined) chownSync(res, f.as.uid, f.as.gid!);
  return new Promise((resolve, reject) => {
    const p = spawn('python3', [HARNESS, pty ? 'pty' : 'plain', res, file, ...args], { cwd: f.ws, env, uid: f.as.uid, gid: f.as.gid, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    const timer = setTimeout(() => p.kill('SIGKILL'), 30_000);
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('error', reject);
    p.on('close', () => {
      clearTimeout(timer);
      try {
        const r = JSON.parse(readFileSync(join(res, 'report.json'), 'utf8')) as Omit<Report, 't1'>;
        resolve({ ...r, t1: readFileSync(join(res, 't1.out'), 'utf8') });
      } catch (e) {
        reject(new Error(`harness failed: ${String(e)}\n${err}`));
      }
    });
  });
}

function attackArgv(c: TerminalCase): string[] {
  return ['python3', '-c', ATTACK, c.attack[0], '@T1@', c.attack[1]];
}

for (const as of users) {
  for (const backend of ['landlock', 'bwrap'] as const) {
    describe(`terminal escapes, ${backend} as ${as.label}`, async () => {
      const probe = await probeBackend(backend, { uid: as.uid, gid: as.gid });
      if (!requireOrRefuse(probe, `${backend} as ${as.label}`, () => expect(probe.available).toBe(false))) return;
      const f = makeFixture(as);
      fixtures.push(f);
      for (const mode of ['workspace-write', 'read-only'] as const) {
        for (const c of CASES) {
          it(`denies (${mode}): ${c.name}`, async () => {
            countCase(`${backend}, ${as.label}, ${mode}`);
            const cmd = buildSandboxCommand({ argv: attackArgv(c), cwd: f.ws, policy: POLICIES[mode], env: f.env, backend, uid: as.uid, gid: as.gid, tty: c.pty });
            const r = await inCodexTerminal(f, c.pty, cmd.file, cmd.args, cmd.env);
            // The attack ran (no set-up refusal) and nothing it tried had any effect on T1.
            expect({ ran: r.own.includes(`ATTACK-RAN ${c.attack[0]}`), status: r.status }).toEqual({ ran: true, status: 0 });
            expect({ escaped: c.escaped(r), reached: reachedT1(r), injected: injectedT1(r), took: tookT1(r), ownInjected: r.own.includes('QZQ'), ldisc: r.own.includes('LDISC-CHANGED') }).toEqual({
              escaped: false,
              reached: false,
              injected: false,
              took: false,
              ownInjected: false,
              ldisc: false,
            });
          });
        }
      }
    });
  }

  describe(`terminal escapes, unsandboxed control as ${as.label}`, () => {
    const f = makeFixture(as);
    fixtures.push(f);
    for (const c of CASES.filter((c) => !c.rootOnly || isRoot(as))) {
      it.skipIf(c.sti && !legacyTiocsti)(`succeeds without a sandbox: ${c.name}`, async () => {
        // The reaping helper without a sandbox, as danger-full-access runs commands.
        const cmd = buildSandboxCommand({ argv: attackArgv(c), cwd: f.ws, policy: { mode: 'danger-full-access' }, env: f.env, backend: 'none' });
        const r = await inCodexTerminal(f, c.pty, cmd.file, cmd.args, cmd.env);
        expect({ escaped: c.escaped(r), own: r.own }).toMatchObject({ escaped: true });
      });
    }
  });
}
