// The command runner never signals a process it has seen exit (its pid and group id may
// belong to someone else by then), sweeps a leader's group in the tick its exit is seen, and
// leaves no orphan of a plain-spawned command (no reaping helper: macOS, helper not built)
// when the engine's process is SIGTERMed or SIGKILLed.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { tempDirs, alive, until } from '@codex-ts/test-support';

const tempDir = tempDirs(afterAll);
const tmp = (): string => tempDir('codex-runner-');
import { plainSpawn, runCommand, stopChild, trackChild } from '../../src/exec/runner.js';

const leftovers: number[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const p of leftovers.splice(0)) if (alive(p)) process.kill(p, 'SIGKILL');
});

describe.runIf(process.platform === 'linux')('runner: process-group liveness', () => {
  it('signals nothing once the leader was reaped', async () => {
    const child = plainSpawn({ argv: ['/bin/true'], cwd: tmpdir(), env: { ...process.env } as Record<string, string> });
    trackChild(child);
    await new Promise((r) => child.once('exit', r));
    const kill = vi.spyOn(process, 'kill');
    stopChild(child);
    stopChild(child);
    expect(kill).not.toHaveBeenCalled();
  });

  it("sweeps what a plain-spawned command left in its group when the leader exits", async () => {
    const dir = tmp();
    const r = await runCommand({ argv: ['/bin/sh', '-c', 'sleep 300 & echo $! > bg.pid'], cwd: dir, env: { ...process.env } as Record<string, string> });
    expect(r.exitCode).toBe(0);
    const bg = Number(readFileSync(join(dir, 'bg.pid'), 'utf8'));
    leftovers.push(bg);
    expect(await until(() => !alive(bg), 10_000)).toBe(true);
  });

  for (const sig of ['SIGTERM', 'SIGKILL'] as const) {
    it(`leaves no orphan when the engine process gets ${sig}`, async () => {
      const dir = tmp();
      const child: ChildProcess = spawn(process.execPath, [join(import.meta.dirname, 'runner-child.mjs'), dir], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', (d: Buffer) => d.toString().includes('READY') && resolve());
        child.once('exit', () => reject(new Error('runner child exited early')));
      });
      const bg = Number(readFileSync(join(dir, 'bg.pid'), 'utf8'));
      leftovers.push(bg);
      expect(alive(bg)).toBe(true);
      const exited = new Promise((r) => child.once('exit', (code, signal) => r(signal)));
      child.kill(sig);
      expect(await exited).toBe(sig);
      expect(await until(() => !alive(bg), 10_000)).toBe(true);
      expect(existsSync(join(dir, 'bg.pid'))).toBe(true);
    });
  }
});
