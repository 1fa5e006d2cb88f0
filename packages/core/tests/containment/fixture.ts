// A workspace under /var/tmp (not a writable root) with an outside directory reachable
// through symlinks, for the kernel-level containment tests of core's spawn paths.
import { execFileSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { probeBackend } from '@codex-ts/linux-sandbox';
import type { SandboxPolicy } from '@codex-ts/protocol';

export const WORKSPACE_WRITE: SandboxPolicy = { mode: 'workspace-write', writable_roots: [], network_access: false, exclude_tmpdir_env_var: false, exclude_slash_tmp: false };

/**
 * Linux backends to test: Landlock (the default) always, bwrap when it works here or
 * CODEX_TEST_REQUIRE_BACKENDS names it. Awaits the probe whether it answers now or later.
 */
export async function workingBackends(): Promise<Array<'landlock' | 'bwrap'>> {
  if (process.platform !== 'linux') return [];
  const required = (process.env.CODEX_TEST_REQUIRE_BACKENDS ?? '').split(',');
  const bwrap = required.includes('bwrap') || (await Promise.resolve(probeBackend('bwrap'))).available;
  return bwrap ? ['landlock', 'bwrap'] : ['landlock'];
}

export interface Dirs {
  base: string;
  ws: string;
  out: string;
  tmp: string;
}

/** base/{ws,out,tmp}; ws/link -> out, ws/flink -> out/secret.txt, ws/inside.txt; with `git`, a git repo with a `.codex/` too. */
export function makeDirs(opts: { git: boolean }): Dirs {
  const base = mkdtempSync('/var/tmp/codex-core-confine-');
  chmodSync(base, 0o755);
  const d = { base, ws: join(base, 'ws'), out: join(base, 'out'), tmp: join(base, 'tmp') };
  for (const p of [d.ws, d.out, d.tmp]) mkdirSync(p);
  writeFileSync(join(d.out, 'secret.txt'), 'outside\n');
  writeFileSync(join(d.ws, 'inside.txt'), 'inside\n');
  symlinkSync(d.out, join(d.ws, 'link'));
  symlinkSync(join(d.out, 'secret.txt'), join(d.ws, 'flink'));
  if (opts.git) {
    execFileSync('git', ['init', '-q', '.'], { cwd: d.ws, env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
    mkdirSync(join(d.ws, '.codex'));
  }
  return d;
}

/** Every entry under `dir` (links not followed). */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (p: string, rel: string): void => {
    const st = lstatSync(p);
    if (st.isSymbolicLink()) out[rel] = `link ${readlinkSync(p)}`;
    else if (st.isDirectory()) {
      out[rel] = `dir ${(st.mode & 0o7777).toString(8)}`;
      for (const name of readdirSync(p).sort()) walk(join(p, name), rel === '' ? name : `${rel}/${name}`);
    } else out[rel] = `file ${(st.mode & 0o7777).toString(8)} ${readFileSync(p, 'base64')}`;
  };
  walk(dir, '');
  return out;
}
