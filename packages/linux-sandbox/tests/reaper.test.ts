// No orphans: processes that leave the command's process group (setsid in a subshell,
// nohup setsid, a double-forking daemon) are dead after the command ends, after a
// timeout, after an abort, and after the runner itself is SIGKILLed (the helper's
// PDEATHSIG), under the sandbox (landlock) and without one (danger-full-access through
// the helper's reaper mode), as root and as an ordinary user. Each escaping process
// writes its own pid; the test polls with a bounded wait, never asserting speed.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSandboxCommand, probeBackend, SandboxError, spawnSandboxed, type SandboxPolicy } from '../src/index.js';
import { requireOrRefuse } from './required.js';
import { buildHelper, hostPidsWith, makeFixture, usersToRunAs, type Fixture, type RunAs } from './fixture.js';

buildHelper();

const POLICIES: Record<'landlock' | 'none', SandboxPolicy> = {
  landlock: { mode: 'workspace-write', writable_roots: [], network_access: false, exclude_tmpdir_env_var: false, exclude_slash_tmp: false },
  none: { mode: 'danger-full-access' },
};

/** The argument that marks escapee NAME of a run in dir (found on the host by hostPidsWith). */
const marker = (dir: string, name: string) => `${dir}/${name}.escapee`;

/** Three ways out of the group; each escapee writes its (namespace's) pid to `dir/NAME.pid` first. */
function escapes(dir: string): string {
  const sleeper = (name: string) => `python3 -c "import time; time.sleep(300)" ${marker(dir, name)}`;
  const self = (name: string) => `echo $$ > ${dir}/${name}.pid.tmp && mv ${dir}/${name}.pid.tmp ${dir}/${name}.pid; exec ${sleeper(name)}`;
  const daemon =
    'import os, sys, time\n' +
    'if os.fork(): os._exit(0)\n' +
    'os.setsid()\n' +
    'if os.fork(): os._exit(0)\n' +
    `open('${dir}/daemon.pid.tmp', 'w').write(str(os.getpid()))\n` +
    `os.rename('${dir}/daemon.pid.tmp', '${dir}/daemon.pid')\n` +
    'os.closerange(0, 3)\n' +
    `os.execvp('python3', ['python3', '-c', 'import time; time.sleep(300)', '${marker(dir, 'daemon')}'])`;
  return [
    `(setsid sh -c '${self('subshell')}' &)`,
    `nohup setsid sh -c '${self('nohup')}' > /dev/null 2>&1 &`,
    `python3 -c "${daemon}"`,
  ].join('\n');
}
const NAMES = ['subshell', 'nohup', 'daemon'];

function alive(pid: number): boolean {
  try {
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.startsWith('Z');
  } catch {
    return false;
  }
}

async function poll<T>(what: string, fn: () => T | undefined, limitMs = 20_000): Promise<T> {
  const end = Date.now() + limitMs;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The escapees' host pids, once all three have written their pid files and exec'd their sleeper. */
function pids(dir: string): Promise<number[]> {
  return poll('the escapees to start', () => {
    if (!NAMES.every((n) => existsSync(join(dir, `${n}.pid`)))) return undefined;
    const found = NAMES.map((n) => hostPidsWith(marker(dir, n)));
    return found.every((l) => l.length === 1) ? found.map((l) => l[0]!) : undefined;
  });
}

/** Names of the escapees still alive once the bounded wait is over (expected: none). */
async function survivors(list: number[]): Promise<string[]> {
  const left = () => NAMES.filter((_, i) => alive(list[i]!));
  try {
    await poll('the escapees to die', () => (left().length === 0 ? true : undefined), 10_000);
  } catch {
    // reported below
  }
  const out = left();
  for (const pid of list) if (alive(pid)) process.kill(pid, 'SIGKILL'); // never leak from a failing test
  return out;
}

const users = usersToRunAs();
const landlockProbes = new Map<string, Awaited<ReturnType<typeof probeBackend>>>();
for (const as of users) landlockProbes.set(as.label, await probeBackend('landlock', { uid: as.uid, gid: as.gid }));
const fixtures: Fixture[] = [];
afterAll(() => fixtures.forEach((f) => rmSync(f.base, { recursive: true, force: true })));

function suite(backend: 'landlock' | 'none', as: RunAs): void {
  const title = `${backend === 'none' ? 'no sandbox (reaper only)' : 'landlock'} as ${as.label}`;
  describe(title, () => {
    // Where Landlock cannot run, the documented behaviour is a refusal, never an unsandboxed
    // run; CODEX_TEST_REQUIRE_BACKENDS=landlock makes that a failure instead.
    const probe = landlockProbes.get(as.label)!;
    if (backend === 'landlock' && !requireOrRefuse(probe, `landlock as ${as.label}`, () => {
      expect(() => spawnSandboxed({ argv: ['true'], cwd: tmpdir(), policy: { mode: 'read-only' }, backend: 'landlock', uid: as.uid, gid: as.gid })).toThrow(SandboxError);
    })) {
      return;
    }
    const f = makeFixture(as);
    fixtures.push(f);
    let n = 0;
    const dir = () => {
      const d = join(f.ws, `run-${++n}`);
      return d;
    };
    const start = (d: string, tail: string, extra: { timeoutMs?: number; signal?: AbortSignal; onOutput?: () => void } = {}) =>
      spawnSandboxed({
        argv: ['bash', '-c', `mkdir -p ${d}\n${escapes(d)}\n${tail}`],
        cwd: f.ws,
        policy: POLICIES[backend],
        env: f.env,
        backend,
        uid: as.uid,
        gid: as.gid,
        ...extra,
      });

    it('runs through the reaping helper', () => {
      const cmd = buildSandboxCommand({ argv: ['true'], cwd: f.ws, policy: POLICIES[backend], env: f.env, backend, uid: as.uid, gid: as.gid });
      expect({ reaper: cmd.reaper, noSandbox: cmd.args.includes('--no-sandbox') }).toEqual({ reaper: true, noSandbox: backend === 'none' });
    });

    // The escapees are found by their marker while they live (their pids inside the
    // sandbox's pid namespace are not the host's); the command waits for `go` meanwhile.
    const waitAll = (d: string) => `for n in ${NAMES.join(' ')}; do while [ ! -e ${d}/$n.pid ]; do sleep 0.05; done; done`;
    const go = (d: string) => writeFileSync(join(d, 'go'), '');

    it('kills the escapees when the command ends', async () => {
      const d = dir();
      const p = start(d, `${waitAll(d)}; while [ ! -e ${d}/go ]; do sleep 0.05; done; echo done`);
      const list = await pids(d);
      go(d);
      const r = await p.result;
      expect({ exitCode: r.exitCode, stdout: r.stdout }).toEqual({ exitCode: 0, stdout: 'done\n' });
      expect(await survivors(list)).toEqual([]);
    });

    it('kills the escapees on timeout', async () => {
      const d = dir();
      const p = start(d, `${waitAll(d)}; while [ ! -e ${d}/go ]; do sleep 0.05; done; sleep 300`, { timeoutMs: 8000 });
      const list = await pids(d);
      go(d);
      const r = await p.result;
      expect({ timedOut: r.timedOut, signal: r.signal }).toEqual({ timedOut: true, signal: 'SIGKILL' });
      expect(await survivors(list)).toEqual([]);
    });

    it('kills the escapees on abort', async () => {
      const d = dir();
      const ac = new AbortController();
      const p = start(d, `${waitAll(d)}; echo ready; sleep 300`, { signal: ac.signal });
      const list = await pids(d);
      ac.abort();
      const r = await p.result;
      expect({ aborted: r.aborted, signal: r.signal }).toEqual({ aborted: true, signal: 'SIGKILL' });
      expect(await survivors(list)).toEqual([]);
    });

    it('kills the escapees when the runner is SIGKILLed (PDEATHSIG)', async () => {
      const d = dir();
      const cmd = buildSandboxCommand({
        argv: ['bash', '-c', `mkdir -p ${d}\n${escapes(d)}\nsleep 300`],
        cwd: f.ws,
        policy: POLICIES[backend],
        env: f.env,
        backend,
        uid: as.uid,
        gid: as.gid,
      });
      // A runner like spawnSandboxed: detached helper, then it dies without any hook.
      const runnerJs = `const { spawn } = require('node:child_process');
const [file, args, cwd, env, uid, gid] = JSON.parse(process.argv[1]);
const c = spawn(file, args, { cwd, env, uid: uid ?? undefined, gid: gid ?? undefined, detached: true, stdio: 'ignore' });
console.log(c.pid);
setInterval(() => {}, 1000);`;
      const runner = spawn(process.execPath, ['-e', runnerJs, JSON.stringify([cmd.file, cmd.args, f.ws, cmd.env, as.uid ?? null, as.gid ?? null])], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      runner.stdout!.on('data', (b: Buffer) => (out += b.toString()));
      const list = await pids(d);
      const helper = Number(out.trim());
      expect(alive(helper)).toBe(true);
      runner.kill('SIGKILL');
      expect(await survivors([...list])).toEqual([]);
      await poll('the helper to exit', () => (alive(helper) ? undefined : true));
    });
  });
}

for (const as of users) {
  suite('landlock', as);
  suite('none', as);
}

describe('reaper start-up race', () => {
  // A command that exits before the reaper starts waiting must still be seen: its SIGCHLD
  // was once discarded by a late signal(SIGCHLD, SIG_DFL), hanging the helper forever.
  it('sees the exit of a command that ends at once (300 runs, none hangs)', async () => {
    const helper = buildSandboxCommand({ argv: ['true'], cwd: tmpdir(), policy: { mode: 'danger-full-access' } }).file;
    let hung = 0;
    for (let i = 0; i < 300; i++) {
      const r = await new Promise<string>((resolve) => {
        const c = spawn(helper, ['--no-sandbox', '--', 'true'], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
        const t = setTimeout(() => {
          try {
            process.kill(-c.pid!, 'SIGKILL');
          } catch {
            // gone
          }
          resolve('hung');
        }, 10_000);
        c.on('close', (code) => {
          clearTimeout(t);
          resolve(String(code));
        });
      });
      if (r !== '0') hung++;
    }
    expect(hung).toBe(0);
  });
});
