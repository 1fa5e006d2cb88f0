// `codex archive` and `codex delete` through the binary, against rollouts in a temp CODEX_HOME.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDirs } from '@codex-ts/test-support';

const bin = join(import.meta.dirname, '..', 'bin', 'codex');
const ID = '00000000-0000-4000-8000-000000000042';
const tmp = tempDirs(afterEach);
let home: string;

function setup(): string {
  home = tmp('codex-cli-sessions-');
  const dir = join(home, 'sessions', '2026', '01', '02');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `rollout-2026-01-02T03-04-05-${ID}.jsonl`);
  writeFileSync(path, `${JSON.stringify({ timestamp: '2026-01-02T03:04:05.000Z', type: 'session_meta', payload: { id: ID, cwd: '/w', originator: 'codex_exec', cli_version: '0.1.0' } })}\n`);
  return path;
}
const codex = (args: string[]) => {
  const r = spawnSync(bin, args, { env: { ...process.env, CODEX_HOME: home }, encoding: 'utf8', input: '' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('codex archive / delete', () => {
  it('archives to archived_sessions/, refuses twice, then deletes with --force', () => {
    const path = setup();
    expect(codex(['archive', ID])).toEqual({ code: 0, stdout: `Archived session ${ID}.\n`, stderr: '' });
    expect(existsSync(path)).toBe(false);
    const archived = join(home, 'archived_sessions', `rollout-2026-01-02T03-04-05-${ID}.jsonl`);
    expect(existsSync(archived)).toBe(true);
    const again = codex(['archive', ID]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(`Error: session ${ID} is already archived (${archived})\n`);
    const noTty = codex(['delete', ID]);
    expect(noTty).toEqual({ code: 1, stdout: '', stderr: 'Error: cannot confirm session deletion without an interactive terminal; rerun with --force and a session UUID\n' });
    expect(codex(['delete', '--force', ID])).toEqual({ code: 0, stdout: `Deleted session ${ID}.\n`, stderr: '' });
    expect(existsSync(archived)).toBe(false);
    expect(codex(['delete', '--force', ID])).toEqual({ code: 1, stdout: '', stderr: `Error: No active or archived session found matching '${ID}'.\n` });
  });
});
