// Shared set-up for the exec integration suites: the built `codex` binary, a temp
// CODEX_HOME and git workspace per test, and a child-process runner for the CLI.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach } from 'vitest';
import { startModelServer, type ScriptedModelServer } from '@codex-ts/test-support';

/** The built `codex` binary (packages/cli/bin/codex). */
export const CODEX_BIN = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../cli/bin/codex');

/** A temp CODEX_HOME and workspace; `cleanup()` removes both. */
export interface Sandbox {
  root: string;
  home: string;
  workspace: string;
  cleanup(): void;
}

/** A fresh CODEX_HOME plus a workspace (git-initialised unless `git: false`) with a README. */
export function makeSandbox(opts: { git?: boolean } = {}): Sandbox {
  const root = mkdtempSync(join(tmpdir(), 'codex-exec-test-'));
  const home = join(root, 'home');
  const workspace = join(root, 'ws');
  mkdirSync(home);
  mkdirSync(workspace);
  writeFileSync(join(workspace, 'README.md'), '# demo project\n');
  if (opts.git !== false) spawnSync('git', ['init', '-q'], { cwd: workspace });
  return { root, home, workspace, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/**
 * Per test: a fresh sandbox and scripted model server, handed to `started`; after the test the
 * server is closed and the sandbox removed.
 */
export function useSandboxAndServer(started: (sb: Sandbox, server: ScriptedModelServer) => void): void {
  let current: { sb: Sandbox; server: ScriptedModelServer } | undefined;
  beforeEach(async () => {
    current = { sb: makeSandbox(), server: await startModelServer() };
    started(current.sb, current.server);
  });
  afterEach(async () => {
    await current?.server.close();
    current?.sb.cleanup();
    current = undefined;
  });
}

/** The environment the binary runs with: no real keys, our CODEX_HOME and model server. */
export function childEnv(sb: Sandbox, baseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^(OPENAI_|CODEX_)/.test(k)) env[k] = v;
  }
  return { ...env, CODEX_HOME: sb.home, OPENAI_BASE_URL: baseUrl, OPENAI_API_KEY: 'test-key', NO_COLOR: '1', ...extra };
}

/** The outcome of one CLI run. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A running `codex` child and its eventual result. */
export interface CodexChild {
  child: ChildProcessWithoutNullStreams;
  done: Promise<CliResult>;
}

/** Start `codex <args>`; `input` is written to stdin, which is then closed. */
export function startCodex(args: string[], opts: { env: Record<string, string>; cwd: string; input?: string; timeoutMs?: number }): CodexChild {
  const child = spawn(process.execPath, [CODEX_BIN, ...args], { cwd: opts.cwd, env: opts.env, stdio: ['pipe', 'pipe', 'pipe'] });
  const done = new Promise<CliResult>((res, rej) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rej(new Error(`codex ${args.join(' ')} timed out\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, opts.timeoutMs ?? 30_000);
    child.on('error', rej);
    child.on('close', (code) => {
      clearTimeout(timer);
      res({ code, stdout, stderr });
    });
  });
  child.stdin.end(opts.input ?? '');
  return { child, done };
}

/** Run `codex <args>` to completion. */
export function runCodex(args: string[], opts: { env: Record<string, string>; cwd: string; input?: string; timeoutMs?: number }): Promise<CliResult> {
  return startCodex(args, opts).done;
}
