// Invocation parity with Codex 0.169: each case a script or a user's habit depends on, run
// through the built `codex` binary against the scripted model server, asserting output, exit
// code, and whether (and what) the model was sent.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { turn, type ScriptedModelServer } from '@codex-ts/test-support';
import { useCliWorkspace } from './workspace.js';

const bin = resolve(import.meta.dirname, '..', 'bin', 'codex');

let root: string;
let home: string;
let ws: string;
let server: ScriptedModelServer;

useCliWorkspace('codex-parity-', (w) => ({ root, home, ws, server } = w));

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function env(): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(OPENAI_|CODEX_)/.test(k)) out[k] = v;
  return { ...out, CODEX_HOME: home, OPENAI_BASE_URL: server.baseUrl, OPENAI_API_KEY: 'test-key', NO_COLOR: '1' };
}

function codex(args: string[], opts: { input?: string; cwd?: string } = {}): Promise<Result> {
  return new Promise((res, rej) => {
    const child = spawn(bin, args, { cwd: opts.cwd ?? ws, env: env(), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', rej);
    child.on('close', (code) => res({ code, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}

/** The text of the last user message the model received in request `i`. */
function lastUserText(i = 0): string {
  const body = server.requests[i]!.json as { input: Array<{ type: string; role?: string; content?: Array<{ text?: string }> }> };
  const users = body.input.filter((x) => x.type === 'message' && x.role === 'user');
  return users.at(-1)!.content!.map((c) => c.text ?? '').join('');
}

const modelOf = (i = 0): string => (server.requests[i]!.json as { model: string }).model;

describe('codex with no subcommand and no terminal', () => {
  it('bare `codex` without a terminal says the UI needs one and points to codex exec', async () => {
    const r = await codex([]);
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr:
        "Error: the interactive UI needs a terminal on stdin and stdout.\nRun the task non-interactively instead:\n\n  codex exec 'describe this repository'\n\nSee 'codex exec --help' for its options and 'codex --help' for every command.\n",
    });
  });

  it('`codex "prompt"` suggests the same prompt with codex exec, never "Unknown argument"', async () => {
    const r = await codex(['fix the bug']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("  codex exec 'fix the bug'\n");
    expect(r.stderr).not.toContain('Unknown argument');
    expect(server.requests).toEqual([]);
  });

  it('an unknown flag of the interactive invocation is a usage error naming it once', async () => {
    const r = await codex(['--no-such-flag', 'hi']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: "error: unexpected argument '--no-such-flag' found\n\nRun 'codex --help' for usage.\n" });
    expect(server.requests).toEqual([]);
  });
});

describe('codex exec input', () => {
  it('appends piped stdin to the prompt as a <stdin> block', async () => {
    server.queueResponses(turn.message('Looks fine.'));
    const r = await codex(['exec', 'review this'], { input: 'diff --git a/x b/x\n+new line\n' });
    expect(r).toMatchObject({ code: 0, stdout: 'Looks fine.\n' });
    expect(r.stderr.split('\n')[0]).toBe('Reading additional input from stdin...');
    expect(lastUserText()).toBe('review this\n\n<stdin>\ndiff --git a/x b/x\n+new line\n</stdin>');
  });

  it('closes the <stdin> block on its own line when the input has no final newline, and adds nothing for an empty pipe', async () => {
    server.queueResponses(turn.message('a'), turn.message('b'));
    expect((await codex(['exec', 'one'], { input: 'no newline' })).code).toBe(0);
    expect(lastUserText(0)).toBe('one\n\n<stdin>\nno newline\n</stdin>');
    expect((await codex(['exec', 'two'], { input: '' })).code).toBe(0);
    expect(lastUserText(1)).toBe('two');
  });

  it('`exec -` with empty stdin exits 1 without a request', async () => {
    server.queueResponses(turn.message('never sent'));
    const r = await codex(['exec', '-'], { input: '' });
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'No prompt provided via stdin.\n' });
    expect(server.requests).toEqual([]);
  });

  it('-o to an unwritable path fails before any model call', async () => {
    server.queueResponses(turn.message('never sent'));
    const missingDir = await codex(['exec', '-o', join(root, 'no', 'such', 'dir', 'last.txt'), 'hi']);
    expect(missingDir.code).toBe(1);
    expect(missingDir.stderr).toBe(`Error: cannot write the last message to ${join(root, 'no', 'such', 'dir', 'last.txt')} (${join(root, 'no', 'such', 'dir', 'last.txt')}): the directory ${join(root, 'no', 'such', 'dir')} does not exist.\n`);
    const directory = await codex(['exec', '-o', ws, 'hi']);
    expect(directory.code).toBe(1);
    expect(directory.stderr).toContain('it is a directory');
    expect(server.requests).toEqual([]);
  });
});

describe('config files and overrides', () => {
  it('reads $CODEX_HOME/NAME.config.toml for --profile NAME, layered over config.toml', async () => {
    writeFileSync(join(home, 'config.toml'), 'model = "base-model"\nmodel_reasoning_effort = "low"\n');
    writeFileSync(join(home, 'work.config.toml'), 'model = "gpt-5-codex"\n');
    server.queueResponses(turn.message('ok'));
    expect((await codex(['exec', '-p', 'work', 'hi'])).code).toBe(0);
    expect(modelOf()).toBe('gpt-5-codex');
    expect((server.requests[0]!.json as { reasoning?: { effort?: string } }).reasoning?.effort).toBe('low');
  });

  it('reads the legacy [profiles.NAME] table, and refuses a name defined both ways', async () => {
    writeFileSync(join(home, 'config.toml'), 'model = "base-model"\n[profiles.old]\nmodel = "legacy-model"\n');
    server.queueResponses(turn.message('ok'));
    expect((await codex(['exec', '--profile', 'old', 'hi'])).code).toBe(0);
    expect(modelOf()).toBe('legacy-model');
    writeFileSync(join(home, 'old.config.toml'), 'model = "file-model"\n');
    const both = await codex(['exec', '--profile', 'old', 'hi']);
    expect(both.code).toBe(1);
    expect(both.stderr).toContain(`--profile \`old\` cannot be used while ${join(home, 'config.toml')} contains legacy`);
    const missing = await codex(['exec', '-p', 'nope', 'hi']);
    expect(missing.stderr).toBe(
      `Error loading configuration: config profile \`nope\` not found: no ${join(home, 'nope.config.toml')} and no [profiles.nope] table in ${join(home, 'config.toml')} (profiles defined there: old)\n`,
    );
    expect(server.requests).toHaveLength(1);
  });

  it('warns once per unknown key (file and line), not for [mcp_servers]; --strict-config makes it an error', async () => {
    writeFileSync(join(home, 'config.toml'), 'modle = "typo"\n\n[mcp_servers.docs]\ncommand = "docs-server"\n\n[tabel]\nx = 1\n');
    server.queueResponses(turn.message('ok'));
    const r = await codex(['exec', 'hi']);
    expect(r.code).toBe(0);
    const warnings = r.stderr.split('\n').filter((l) => l.startsWith('warning: unknown configuration field'));
    expect(warnings).toEqual([
      `warning: unknown configuration field \`modle\` in ${join(home, 'config.toml')}:1 (ignored; --strict-config makes this an error)`,
      `warning: unknown configuration field \`tabel\` in ${join(home, 'config.toml')}:6 (ignored; --strict-config makes this an error)`,
    ]);
    const strict = await codex(['exec', '--strict-config', 'hi']);
    expect(strict).toMatchObject({ code: 1, stderr: `Error loading configuration: unknown configuration field \`modle\` in ${join(home, 'config.toml')}:1\n` });
    expect(server.requests).toHaveLength(1);
  });

  it('an enum error lists the allowed values; an empty -c value is an error', async () => {
    const bad = await codex(['exec', '-c', 'approval_policy=sometimes', 'hi']);
    expect(bad).toMatchObject({
      code: 1,
      stderr: 'Error loading configuration: -c approval_policy=sometimes: invalid value for `approval_policy`: expected one of "untrusted", "on-failure", "on-request", "never" (got "sometimes")\n',
    });
    const empty = await codex(['exec', '-c', 'model=', 'hi']);
    expect(empty).toMatchObject({ code: 1, stderr: 'Error loading configuration: Invalid override `model=`: the value of `model` is empty. Give a value (e.g. -c model="..."), or drop the override.\n' });
    expect(server.requests).toEqual([]);
  });
});

describe('exec flags scripts pass', () => {
  it('--ephemeral writes no rollout', async () => {
    server.queueResponses(turn.message('a'), turn.message('b'));
    expect((await codex(['exec', '--ephemeral', 'hi'])).code).toBe(0);
    expect(existsSync(join(home, 'sessions'))).toBe(false);
    expect((await codex(['exec', 'hi'])).code).toBe(0);
    expect(existsSync(join(home, 'sessions'))).toBe(true);
  });

  it('--ignore-user-config skips config.toml', async () => {
    writeFileSync(join(home, 'config.toml'), 'model = "from-config"\n');
    server.queueResponses(turn.message('a'), turn.message('b'));
    await codex(['exec', 'hi']);
    await codex(['exec', '--ignore-user-config', 'hi']);
    expect([modelOf(0), modelOf(1)]).toEqual(['from-config', 'gpt-5-codex']);
  });

  it('--ignore-rules skips $CODEX_HOME/rules', async () => {
    mkdirSync(join(home, 'rules'));
    writeFileSync(join(home, 'rules', 'default.rules'), 'prefix_rule(pattern = ["rm"], decision = "forbidden"\n');
    server.queueResponses(turn.message('a'));
    const broken = await codex(['exec', 'hi']);
    expect(broken.code).toBe(1);
    expect(server.requests).toEqual([]);
    expect((await codex(['exec', '--ignore-rules', 'hi'])).code).toBe(0);
    expect(server.requests).toHaveLength(1);
  });

  it('--enable/--disable set known features and refuse unknown ones', async () => {
    server.queueResponses(turn.message('a'), turn.message('b'));
    await codex(['exec', '--enable', 'web_search_request', 'hi']);
    await codex(['exec', '-c', 'features.web_search_request=true', '--disable', 'web_search_request', 'hi']);
    const tools = (i: number) => ((server.requests[i]!.json as { tools: Array<{ type: string }> }).tools ?? []).map((t) => t.type);
    expect(tools(0)).toContain('web_search');
    expect(tools(1)).not.toContain('web_search');
    const unknown = await codex(['exec', '--enable', 'no_such_feature', 'hi']);
    expect(unknown).toMatchObject({ code: 1, stderr: 'Error loading configuration: --enable no_such_feature: unknown feature (codex-ts acts on: unified_exec, shell_tool, apply_patch_freeform, view_image_tool, web_search_request, web_search_cached, plan_tool, remote_compaction).\n' });
  });

  it('exec resume accepts --all (with --last)', async () => {
    server.queueResponses(turn.message('a'));
    const r = await codex(['exec', 'resume', '--last', '--all', 'continue']);
    expect(r.code).toBe(0);
    expect(lastUserText()).toBe('continue');
  });
});

describe('commands and usage', () => {
  it('codex sandbox -- CMD (0.169) returns the command status; the linux form still works', async () => {
    expect((await codex(['sandbox', '--', 'sh', '-c', 'exit 7'])).code).toBe(7);
    expect((await codex(['sandbox', 'linux', '--', 'true'])).code).toBe(0);
    const denied = await codex(['sandbox', '--', 'touch', 'ro.txt']);
    expect(denied.code).toBe(1);
    expect(existsSync(join(ws, 'ro.txt'))).toBe(false);
    expect((await codex(['sandbox', '-P', ':workspace', '--', 'touch', 'rw.txt'])).code).toBe(0);
    expect(existsSync(join(ws, 'rw.txt'))).toBe(true);
    expect(await codex(['sandbox', '-P', 'workspace-write', '--', 'true'])).toMatchObject({
      code: 2,
      stderr: "error: unknown permission profile 'workspace-write'; choose one of :read-only, :workspace, :danger-full-access.\n",
    });
  });

  it('every subcommand answers --help, execpolicy and its check included', async () => {
    const top = await codex(['--help']);
    const names = [...top.stdout.matchAll(/^ {2}codex (\S+)/gm)].map((m) => m[1]!);
    expect(names).toEqual(expect.arrayContaining(['exec', 'sandbox', 'execpolicy', 'completion']));
    for (const args of [...names.map((n) => [n, '--help']), ['exec', 'resume', '--help'], ['execpolicy', 'check', '--help']]) {
      const r = await codex(args);
      expect({ args, code: r.code, stderr: r.stderr }).toEqual({ args, code: 0, stderr: '' });
      expect(r.stdout, args.join(' ')).toMatch(/Usage:|codex /);
    }
  });

  it('names an unknown flag once', async () => {
    const r = await codex(['exec', '--no-such-flag', 'hi']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: "error: unexpected argument '--no-such-flag' found\n\nRun 'codex --help' for usage.\n" });
  });

  it('a deleted working directory gives one line', async () => {
    const gone = join(root, 'gone');
    mkdirSync(gone);
    const child = spawn(bin, ['exec', 'hi'], { cwd: gone, env: env(), stdio: ['pipe', 'pipe', 'pipe'] });
    rmSync(gone, { recursive: true });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.end('');
    const code = await new Promise<number | null>((res) => child.on('close', res));
    // The bin starts through `#!/bin/sh` (to give node --no-memory-reducer); a shell that
    // initialises after the directory is gone says so first (dash: `sh: 0: getcwd() failed…`,
    // bash: `shell-init: error retrieving current directory…`). The line from codex is the one.
    stderr = stderr.replace(/^(?:sh: \d+: getcwd\(\) failed|shell-init: error retrieving current directory)[^\n]*\n/, '');
    expect({ code, stderr }).toEqual({
      code: 1,
      stderr: 'error: the current directory no longer exists (ENOENT: deleted or moved); cd to an existing directory and run codex again.\n',
    });
    expect(readdirSync(root)).not.toContain('gone');
  });
});

describe('the interactive stand-in', () => {
  it('does not take flag values for the prompt', async () => {
    const r = await codex(['-c', 'model="o3"', '-m', 'gpt-5', 'explain', 'this']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("  codex exec 'explain this'\n");
  });
});

describe('global -c before the subcommand', () => {
  it('takes one value per -c and still runs the subcommand', async () => {
    server.queueResponses(turn.message('ok'));
    const r = await codex(['-c', 'model="gpt-5-codex-mini"', 'exec', 'hi']);
    expect(r.code).toBe(0);
    expect(modelOf()).toBe('gpt-5-codex-mini');
  });
});
