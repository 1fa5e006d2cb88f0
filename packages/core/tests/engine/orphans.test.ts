// No orphans through the engine: a shell command whose children leave its process group
// (setsid in a subshell, nohup setsid) leaves nothing alive once the command ends, times
// out or is interrupted, sandboxed and under danger-full-access (both through the
// helper's reaper on Linux), and after the session process itself is SIGKILLed. Each
// escapee writes a pid file and carries a marker argument: a sandboxed command runs in its
// own pid namespace, so the test finds the escapees' host pids by marker, while they live
// (the command waits for a `go` file meanwhile). Checks poll with a bounded wait, never
// asserting speed.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { alive, until, startModelServer, turn, type ScriptedModelServer } from '@codex-ts/test-support';
import { startHarness, userTurn, type Harness } from './harness.js';

let h: Harness | undefined;
let server: ScriptedModelServer | undefined;
afterEach(async () => {
  await h?.close();
  await server?.close();
  h = undefined;
  server = undefined;
});

const NAMES = ['subshell', 'nohup'];
const RUN = `codex-orphan-${process.pid}-${Date.now()}`;
let seq = 0;
const marker = (name: string, n: number) => `${RUN}-${n}-${name}`;
const self = (name: string, n: number) => `echo $$ > ${name}.pid.tmp && mv ${name}.pid.tmp ${name}.pid; exec python3 -c "import time; time.sleep(300)" ${marker(name, n)}`;
const escapes = (n: number) => `(setsid sh -c '${self('subshell', n)}' &)\nnohup setsid sh -c '${self('nohup', n)}' > /dev/null 2>&1 &\n`;
const WAIT_PIDS = `for n in ${NAMES.join(' ')}; do while [ ! -e $n.pid ]; do sleep 0.05; done; done\n`;
const WAIT_GO = 'while [ ! -e go ]; do sleep 0.05; done\n';

/** Host pids of live processes carrying marker as an argument. */
function hostPidsWith(mark: string): number[] {
  const out: number[] = [];
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      if (readFileSync(`/proc/${e}/cmdline`, 'utf8').split('\0').includes(mark) && alive(Number(e))) out.push(Number(e));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** The escapees' host pids, found by marker once both have started (run n). */
async function pids(ws: string, n: number): Promise<number[]> {
  const files = NAMES.map((name) => join(ws, `${name}.pid`));
  let found: number[][] = [];
  const ready = () => files.every((f) => existsSync(f)) && (found = NAMES.map((name) => hostPidsWith(marker(name, n)))).every((l) => l.length === 1);
  expect(await until(ready, 20_000)).toBe(true);
  return found.map((l) => l[0]!);
}

/** Names of escapees alive after a bounded wait (expected none); kills any left. */
async function survivors(list: number[]): Promise<string[]> {
  await until(() => list.every((p) => !alive(p)), 10_000);
  const left = NAMES.filter((_, i) => alive(list[i]!));
  for (const p of list) if (alive(p)) process.kill(p, 'SIGKILL');
  return left;
}

const POLICIES = {
  'workspace-write': { mode: 'workspace-write', writable_roots: [], network_access: false, exclude_tmpdir_env_var: false, exclude_slash_tmp: false },
  'danger-full-access': { mode: 'danger-full-access' },
} as const;

describe.runIf(process.platform === 'linux')('engine: no orphans', () => {
  for (const [mode, policy] of Object.entries(POLICIES)) {
    describe(mode, () => {
      it('kills escaped processes when the command ends', async () => {
        h = await startHarness();
        const n = ++seq;
        h.server.queueResponses(turn.shell(['bash', '-c', `${escapes(n)}${WAIT_PIDS}${WAIT_GO}echo done`], { call_id: 'e1', timeout_ms: 60_000 }), turn.message('ok'));
        await h.submit(userTurn(h, 'escape', { sandbox_policy: policy }));
        const list = await pids(h.ws, n);
        writeFileSync(join(h.ws, 'go'), '');
        await h.waitFor((m) => m.type === 'task_complete');
        expect(await survivors(list)).toEqual([]);
      });

      it('kills escaped processes on timeout', async () => {
        h = await startHarness();
        const n = ++seq;
        h.server.queueResponses(turn.shell(['bash', '-c', `${escapes(n)}sleep 300`], { call_id: 't1', timeout_ms: 8000 }), turn.message('timed out'));
        await h.submit(userTurn(h, 'escape', { sandbox_policy: policy }));
        const list = await pids(h.ws, n);
        await h.waitFor((m) => m.type === 'task_complete');
        expect(await survivors(list)).toEqual([]);
      });

      it('kills escaped processes on interrupt', async () => {
        h = await startHarness();
        const n = ++seq;
        h.server.queueResponses(turn.shell(['bash', '-c', `${escapes(n)}sleep 300`], { call_id: 'i1', timeout_ms: 600_000 }));
        await h.submit(userTurn(h, 'escape', { sandbox_policy: policy }));
        const list = await pids(h.ws, n);
        expect(list.map(alive)).toEqual([true, true]);
        await h.submit({ type: 'interrupt' });
        expect(await h.waitFor((m) => m.type === 'turn_aborted')).toEqual({ type: 'turn_aborted', reason: 'interrupted' });
        expect(await survivors(list)).toEqual([]);
      });
    });
  }

  it('kills escaped processes when the session process is SIGKILLed (danger-full-access)', async () => {
    server = await startModelServer();
    const setup = await startHarness({ server });
    await setup.close();
    server.reset();
    const n = ++seq;
    server.queueResponses(turn.shell(['bash', '-c', `${escapes(n)}sleep 300`], { call_id: 'k1', timeout_ms: 600_000 }));
    const child = spawn(process.execPath, [join(import.meta.dirname, 'session-child.mjs'), setup.home, setup.ws], { stdio: ['ignore', 'ignore', 'inherit'] });
    const list = await pids(setup.ws, n);
    child.kill('SIGKILL');
    expect(await survivors(list)).toEqual([]);
  });
});
