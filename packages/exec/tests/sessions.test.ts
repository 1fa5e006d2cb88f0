// Sessions through the `codex exec` binary: resume --last by cwd (--all for every cwd), an
// unknown id (exit 1, no request), fork, a rollout whose last line was cut, a full disk
// (the answer still reaches stdout and -o) and a read-only CODEX_HOME (EROFS named).
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { turn, type ScriptedModelServer, canMountTmpfs } from '@codex-ts/test-support';
import { childEnv, runCodex, useSandboxAndServer, type Sandbox } from './helpers.js';

let sb: Sandbox;
let server: ScriptedModelServer;
useSandboxAndServer((s, m) => {
  sb = s;
  server = m;
});

const exec = (args: string[], opts: { env?: Record<string, string>; cwd?: string } = {}) =>
  runCodex(['exec', '--skip-git-repo-check', ...args], { env: opts.env ?? childEnv(sb, server.baseUrl), cwd: opts.cwd ?? sb.workspace });
const threadOf = (stdout: string): string => (JSON.parse(stdout.split('\n')[0]!) as { thread_id: string }).thread_id;
const userTexts = (i: number): string[] =>
  ((server.responsesRequests()[i]!.json as { input: { role?: string; content?: { text?: string }[] }[] }).input)
    .filter((it) => it.role === 'user')
    .map((it) => (it.content ?? []).map((c) => c.text ?? '').join(''))
    .filter((t) => !t.startsWith('<'));
function rollouts(home: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith('.jsonl')) out.push(join(d, e.name));
    }
  };
  walk(join(home, 'sessions'));
  return out;
}
const parseAll = (path: string): { type: string; payload: Record<string, unknown> }[] =>
  readFileSync(path, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as { type: string; payload: Record<string, unknown> });

describe('exec resume and fork', () => {
  it('resume --last picks the newest session of this directory; --all the newest of any', async () => {
    const other = join(sb.root, 'other');
    mkdirSync(other);
    server.queueResponses(turn.message('a1'), turn.message('b1'), turn.message('a2'), turn.message('b2'));
    const a = threadOf((await exec(['--json', 'task in ws'])).stdout);
    const b = threadOf((await exec(['--json', '-C', other, 'task in other'])).stdout);
    const resumedHere = await exec(['--json', 'resume', '--last', 'again in ws']);
    expect(resumedHere.code).toBe(0);
    expect(threadOf(resumedHere.stdout)).toBe(a);
    expect(userTexts(2)).toEqual(['task in ws', 'again in ws']);
    // Session a was just written, so it is the newest overall; touch b's rollout to make it newer.
    const bPath = rollouts(sb.home).find((p) => p.includes(b))!;
    const later = new Date(Date.now() + 60_000);
    execFileSync('touch', ['-d', later.toISOString(), bPath]);
    const resumedAll = await exec(['--json', 'resume', '--last', '--all', 'anywhere']);
    expect(threadOf(resumedAll.stdout)).toBe(b);
    expect(userTexts(3)).toEqual(['task in other', 'anywhere']);
  });

  it('resume --last with no session in this directory starts a new one', async () => {
    server.queueResponses(turn.message('fresh'));
    const r = await exec(['--json', 'resume', '--last', 'hello']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`warning: no previous session found for ${sb.workspace} (use --all for every directory); starting a new session.`);
    expect(userTexts(0)).toEqual(['hello']);
  });

  it('an unknown session id is an error (exit 1) and no request is made', async () => {
    const id = '01a24a85-0000-7453-b02f-5284000060e8';
    const r = await exec(['resume', id, 'hello']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n').at(-1)).toBe(`Error: no rollout found for session id ${id} under ${sb.home}/sessions`);
    expect(server.requests).toEqual([]);
    const f = await exec(['fork', id, 'hello']);
    expect(f.code).toBe(1);
    expect(server.requests).toEqual([]);
  });

  it('fork continues a copy under a new id; the parent is untouched', async () => {
    server.queueResponses(turn.message('parent answer'), turn.message('fork answer'));
    const parent = threadOf((await exec(['--json', 'parent task'])).stdout);
    const parentPath = rollouts(sb.home)[0]!;
    const before = readFileSync(parentPath, 'utf8');
    const r = await exec(['--json', 'fork', parent, 'fork task']);
    expect(r.code).toBe(0);
    const child = threadOf(r.stdout);
    expect(child).not.toBe(parent);
    expect(userTexts(1)).toEqual(['parent task', 'fork task']);
    expect(readFileSync(parentPath, 'utf8')).toBe(before);
    const childPath = rollouts(sb.home).find((p) => p.includes(child))!;
    expect(parseAll(childPath)[0]!.payload).toMatchObject({ id: child, forked_from_id: parent });
  });

  it('resumes a rollout whose last line was cut, keeping every whole line', async () => {
    server.queueResponses(turn.message('first answer'), turn.message('second answer'));
    const id = threadOf((await exec(['--json', 'first task'])).stdout);
    const path = rollouts(sb.home)[0]!;
    const whole = parseAll(path).length;
    appendFileSync(path, '{"timestamp":"2026-01-01T00:00:00.000Z","type":"response_item","payload":{"type":"mess');
    const r = await exec(['--json', 'resume', id, 'second task']);
    expect(r.code).toBe(0);
    expect(userTexts(1)).toEqual(['first task', 'second task']);
    const lines = parseAll(path); // throws if any line is not JSON
    expect(lines.length).toBeGreaterThan(whole);
    expect(lines.some((l) => l.type === 'response_item' && JSON.stringify(l.payload).includes('second task'))).toBe(true);
  });
});

const CAPTURES = join(import.meta.dirname, '../../protocol/tests/fixtures/captured-0.169');
function installCaptures(home: string): void {
  const dir = join(home, 'sessions', '2026', '12', '06');
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(CAPTURES)) copyFileSync(join(CAPTURES, f), join(dir, f));
}

describe('rollouts written by Codex 0.169', () => {
  it('resumes a captured 0.169 session with its history', async () => {
    installCaptures(sb.home);
    server.queueResponses(turn.message('continued'));
    const r = await exec(['--json', 'resume', '01a24a85-0ff6-7453-b02f-5284000060e8', 'continue please']);
    expect(r.code).toBe(0);
    expect(threadOf(r.stdout)).toBe('01a24a85-0ff6-7453-b02f-5284000060e8');
    expect(userTexts(0)).toEqual(['List the files', 'Now continue', 'continue please']);
    const input = (server.responsesRequests()[0]!.json as { input: { type: string; call_id?: string; output?: string }[] }).input;
    expect(input.filter((i) => i.type === 'function_call_output')).toEqual([expect.objectContaining({ call_id: 'call_1', output: 'unsupported call: shell' })]);
  });

  it('resumes a captured 0.169 fork, whose history lives in its parent (history_base)', async () => {
    installCaptures(sb.home);
    server.queueResponses(turn.message('more'));
    const r = await exec(['--json', 'resume', '01a24a85-2023-7a71-9f81-9b09a7d37bc4', 'and more']);
    expect(r.code).toBe(0);
    expect(userTexts(0)).toEqual(['List the files', 'Now continue', 'Fork it', 'and more']);
  });

  it('resumes a captured 0.169 session after its local compaction', async () => {
    installCaptures(sb.home);
    server.queueResponses(turn.message('ok'));
    const r = await exec(['--json', 'resume', '01a24a87-9de5-7fc2-b2d5-af2bf3c6abaf', 'third instruction']);
    expect(r.code).toBe(0);
    expect(userTexts(0)).toEqual(['GOAL: build the widget', expect.stringMatching(/^Another language model started/), 'second instruction', 'third instruction']);
  });
});

/** The real Codex binary, when one is installed (CODEX_REAL_BIN, or the bench's /tmp/codex-real). */
function realCodex(): string | undefined {
  if (process.env.CODEX_REAL_BIN && existsSync(process.env.CODEX_REAL_BIN)) return process.env.CODEX_REAL_BIN;
  const bin = '/tmp/codex-real/node_modules/@openai/codex-linux-x64/vendor/x86_64-unknown-linux-musl/bin/codex';
  return existsSync(bin) ? bin : undefined;
}

describe.skipIf(realCodex() === undefined)('with the real Codex 0.169 installed', () => {
  it('codex-ts and Codex resume each other\'s rollout in turn', async () => {
    const real = realCodex()!;
    const tmp = join(sb.root, 'tmp');
    mkdirSync(tmp);
    writeFileSync(
      join(sb.home, 'config.toml'),
      `model = "gpt-5.5"\nmodel_provider = "mock"\napproval_policy = "never"\nsandbox_mode = "read-only"\n[model_providers.mock]\nname = "Mock"\nbase_url = "${server.baseUrl}"\nenv_key = "MOCK_API_KEY"\nwire_api = "responses"\nrequest_max_retries = 0\nstream_max_retries = 0\n`,
    );
    const env = { ...childEnv(sb, server.baseUrl), MOCK_API_KEY: 'k', TMPDIR: tmp };
    server.queueResponses(
      turn.message('ours first'),
      turn.message('theirs second'),
      turn.message('SUMMARY-OF-WORK'),
      turn.message('ours third'),
      turn.message('theirs fourth'),
      turn.message('ours fifth'),
      turn.message('theirs sixth'),
    );
    const runReal = (args: string[]) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(real, ['exec', '--skip-git-repo-check', '--json', ...args], { cwd: sb.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });
    const first = await exec(['--json', 'one'], { env });
    const id = threadOf(first.stdout);
    const second = await runReal(['resume', id, 'two']);
    expect(second.code).toBe(0);
    expect(threadOf(second.stdout)).toBe(id);
    expect(userTexts(1)).toEqual(['one', 'two']);
    // Ours compacts (a tiny limit) before answering; Codex then resumes the compacted rollout.
    const third = await exec(['--json', '-c', 'model_auto_compact_token_limit=200', 'resume', id, 'three'], { env });
    expect(third.code).toBe(0);
    expect(userTexts(3)).toEqual(['one', 'two', expect.stringMatching(/SUMMARY-OF-WORK$/), 'three']);
    const fourth = await runReal(['resume', id, 'four']);
    expect(fourth.code).toBe(0);
    expect(userTexts(4)).toEqual(['one', 'two', expect.stringMatching(/SUMMARY-OF-WORK$/), 'three', 'four']);
    // Our fork of it, resumed by Codex.
    const fifth = await exec(['--json', 'fork', id, 'five'], { env });
    expect(fifth.code).toBe(0);
    const forkId = threadOf(fifth.stdout);
    expect(userTexts(5)).toEqual(['one', 'two', expect.stringMatching(/SUMMARY-OF-WORK$/), 'three', 'four', 'five']);
    const sixth = await runReal(['resume', forkId, 'six']);
    expect(sixth.code).toBe(0);
    expect(userTexts(6)).toEqual(['one', 'two', expect.stringMatching(/SUMMARY-OF-WORK$/), 'three', 'four', 'five', 'six']);
  }, 60_000);
});


describe.skipIf(!canMountTmpfs())('CODEX_HOME on a full or read-only filesystem', () => {
  let mnt: string;
  beforeEach(() => {
    mnt = join(sb.root, 'mnt');
    mkdirSync(mnt);
  });
  afterEach(() => {
    try {
      execFileSync('umount', [mnt], { stdio: 'ignore' });
    } catch {
      // not mounted
    }
  });

  it('a full disk mid-session: warned once, the answer reaches stdout and -o, the record says incomplete', async () => {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=128k', 'tmpfs', mnt]);
    const env = childEnv(sb, server.baseUrl, { CODEX_HOME: mnt });
    // Leave about three pages: the session starts, the long answer does not fit.
    writeFileSync(join(mnt, 'ballast'), Buffer.alloc(116 * 1024));
    const answer = `The final answer. ${'A long explanation. '.repeat(1500)}`;
    server.queueResponses(turn.message(answer));
    const out = join(sb.root, 'last.txt');
    const r = await exec(['-o', out, 'explain at length'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${answer}\n`);
    expect(readFileSync(out, 'utf8')).toBe(answer);
    const warnings = r.stderr.split('\n').filter((l) => l.startsWith('warning: Could not write the session record'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/ENOSPC \(no space left on device\)/);
    const [path] = rollouts(mnt);
    const lines = parseAll(path!); // every line on disk is whole JSON
    expect(lines[0]!.type).toBe('session_meta');
    const last = lines.at(-1)!;
    expect(last.type === 'event_msg' && String(last.payload.message).startsWith('Session record incomplete:')).toBe(true);
  });

  it('a read-only CODEX_HOME is an error naming EROFS and the path', async () => {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,ro', 'tmpfs', mnt]);
    const env = childEnv(sb, server.baseUrl, { CODEX_HOME: mnt });
    const r = await exec(['hello'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`cannot record the session under ${mnt}: EROFS (read-only file system) creating ${mnt}/sessions`);
    expect(r.stderr).not.toContain('ENOENT');
    expect(server.requests).toEqual([]);
    expect(statSync(mnt).isDirectory()).toBe(true);
  });
});
