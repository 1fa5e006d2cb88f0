// The per-test set-up the binary's PTY and parity suites share: a temp root with `home/` (the
// CODEX_HOME) and a git-initialised `ws/`, plus a scripted model server; all removed after.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { startModelServer, type ScriptedModelServer } from '@codex-ts/test-support';

export interface CliWorkspace {
  root: string;
  home: string;
  ws: string;
  server: ScriptedModelServer;
}

/** Registers the hooks; `started` receives each test's fresh workspace. */
export function useCliWorkspace(prefix: string, started: (w: CliWorkspace) => void): void {
  let current: CliWorkspace | undefined;
  beforeEach(async () => {
    const root = mkdtempSync(join(tmpdir(), prefix));
    const home = join(root, 'home');
    const ws = join(root, 'ws');
    mkdirSync(home);
    mkdirSync(ws);
    spawnSync('git', ['init', '-q'], { cwd: ws });
    current = { root, home, ws, server: await startModelServer() };
    started(current);
  });
  afterEach(async () => {
    await current?.server.close();
    if (current) rmSync(current.root, { recursive: true, force: true });
    current = undefined;
  });
}
