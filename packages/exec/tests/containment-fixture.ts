// Fixture for the agent-level containment suite: a base dir under /var/tmp (not a writable
// root) holding a workspace, an outside directory reachable through symlinks from the
// workspace, CODEX_HOME and TMPDIR; the users to run `codex exec` as (root and an ordinary
// user made with useradd); a snapshot of everything outside the workspace; and the outputs
// the model received, by call id.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScriptedModelServer } from '@codex-ts/test-support';
import { CODEX_BIN, type CliResult } from './helpers.js';
import { TEST_USER, usersToRunAs, type RunAs } from '@codex-ts/test-support';

// The users to run as live in test-support (shared with the linux-sandbox suites).
export { TEST_USER, usersToRunAs, type RunAs };

/** The directories of one run. */
export interface Fixture {
  base: string;
  ws: string;
  out: string;
  home: string;
  tmp: string;
  as: RunAs;
}

/**
 * A fresh base under /var/tmp: `ws` (a git repo with `.codex/` when `protectedPresent`,
 * else neither), `out/secret.txt` outside, `ws/link -> out`, `ws/flink -> out/secret.txt`,
 * `ws/sub/deeplink -> out`, `ws/gitlink -> .git`, `ws/inside.txt`, `ws/hard` (a hard link to
 * `out/hard.txt`); all owned by the run-as user.
 */
export function makeFixture(as: RunAs, opts: { protectedPresent: boolean }): Fixture {
  const base = mkdtempSync('/var/tmp/codex-confine-');
  chmodSync(base, 0o755);
  const f: Fixture = { base, ws: join(base, 'ws'), out: join(base, 'out'), home: join(base, 'home'), tmp: join(base, 'tmp'), as };
  for (const d of [f.ws, f.out, f.home, f.tmp, join(f.ws, 'sub')]) mkdirSync(d);
  writeFileSync(join(f.out, 'secret.txt'), 'outside\n');
  writeFileSync(join(f.home, 'config.toml'), '# user config\n');
  writeFileSync(join(f.ws, 'inside.txt'), 'inside\n');
  symlinkSync(f.out, join(f.ws, 'link'));
  symlinkSync(join(f.out, 'secret.txt'), join(f.ws, 'flink'));
  symlinkSync(f.out, join(f.ws, 'sub', 'deeplink'));
  symlinkSync('.git', join(f.ws, 'gitlink'));
  writeFileSync(join(f.out, 'hard.txt'), 'shared inode\n');
  linkSync(join(f.out, 'hard.txt'), join(f.ws, 'hard'));
  if (opts.protectedPresent) {
    execFileSync('git', ['init', '-q', '.'], { cwd: f.ws, env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
    mkdirSync(join(f.ws, '.codex'));
  }
  if (as.uid !== undefined) execFileSync('chown', ['-R', '-h', `${as.uid}:${as.gid}`, f.ws, f.out, f.home, f.tmp]);
  return f;
}

/** Removes the fixture. */
export function removeFixture(f: Fixture): void {
  rmSync(f.base, { recursive: true, force: true });
}

/** Every entry under `dir` (not following links): type, mode, content or link target. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (p: string, rel: string): void => {
    const st = lstatSync(p);
    const mode = (st.mode & 0o7777).toString(8);
    if (st.isSymbolicLink()) out[rel] = `link ${readlinkSync(p)}`;
    else if (st.isDirectory()) {
      out[rel] = `dir ${mode}`;
      for (const name of readdirSync(p).sort()) walk(join(p, name), rel === '' ? name : `${rel}/${name}`);
    } else out[rel] = `file ${mode} ${readFileSync(p, 'base64')}`;
  };
  walk(dir, '');
  return out;
}

/** Everything outside the workspace that a run must leave alone. */
export function outsideState(f: Fixture): Record<string, unknown> {
  const baseEntries = readdirSync(f.base).sort();
  return { base: baseEntries, out: snapshot(f.out), home: readFileSync(join(f.home, 'config.toml'), 'utf8'), tmpOfBase: readdirSync('/var/tmp').filter((n) => n.startsWith('pwned')) };
}

/** Runs `codex exec` in the workspace as the fixture's user against `server`. */
export function runExecAs(f: Fixture, server: ScriptedModelServer, args: string[]): Promise<CliResult> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: f.home,
    TMPDIR: f.tmp,
    LANG: 'C',
    CODEX_HOME: f.home,
    OPENAI_BASE_URL: server.baseUrl,
    OPENAI_API_KEY: 'test-key',
    NO_COLOR: '1',
    GIT_CONFIG_NOSYSTEM: '1',
  };
  const child = spawn(process.execPath, [CODEX_BIN, 'exec', ...args], { cwd: f.ws, env, stdio: ['ignore', 'pipe', 'pipe'], uid: f.as.uid, gid: f.as.gid });
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`codex exec timed out as ${f.as.label}\nstderr: ${stderr}`));
    }, 90_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Tool outputs the model received (from the last request's input), by call id. */
export function toolOutputs(server: ScriptedModelServer): Record<string, string> {
  const reqs = server.responsesRequests();
  const last = reqs[reqs.length - 1]?.json as { input?: Array<{ type?: string; call_id?: string; output?: unknown }> } | undefined;
  const out: Record<string, string> = {};
  for (const item of last?.input ?? []) {
    if ((item.type === 'function_call_output' || item.type === 'custom_tool_call_output') && item.call_id) {
      out[item.call_id] = typeof item.output === 'string' ? item.output : JSON.stringify(item.output);
    }
  }
  return out;
}
