// `codex exec` as a user runs it: the built binary against the scripted model server,
// asserting stdout, stderr, files written and exit codes (0, 1 on a failed turn or bad
// input, 2 on a usage error).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { ThreadEventSchema } from '@codex-ts/protocol';
import { turn, type ScriptedModelServer } from '@codex-ts/test-support';
import { childEnv, makeSandbox, runCodex, startCodex, useSandboxAndServer, type Sandbox } from './helpers.js';

let sb: Sandbox;
let server: ScriptedModelServer;
useSandboxAndServer((s, m) => {
  sb = s;
  server = m;
});

const exec = (args: string[], opts: { input?: string; env?: Record<string, string>; cwd?: string } = {}) =>
  runCodex(['exec', ...args], { env: opts.env ?? childEnv(sb, server.baseUrl), cwd: opts.cwd ?? sb.workspace, ...(opts.input !== undefined ? { input: opts.input } : {}) });

describe('codex exec (human output)', () => {
  it('prints progress on stderr and only the final message on stdout', async () => {
    server.queueResponses(turn.shell(['bash', '-lc', 'echo from-the-shell']), turn.message('All done.'));
    const r = await exec(['--color', 'never', '--sandbox', 'danger-full-access', 'Run something']);
    expect(r).toMatchObject({ code: 0, stdout: 'All done.\n' });
    // Like Codex, a prompt argument with a (here empty) pipe on stdin reads it first.
    const lines = r.stderr.split('\n').slice(1);
    expect(r.stderr.split('\n')[0]).toBe('Reading additional input from stdin...');
    expect(lines[0]).toMatch(/^codex-ts v\d+\.\d+\.\d+/);
    expect(lines.slice(1, 8)).toEqual([
      '--------',
      `workdir: ${sb.workspace}`,
      'model: gpt-5-codex',
      'provider: openai',
      'approval: never',
      'sandbox: danger-full-access',
      'reasoning effort: none',
    ]);
    expect(r.stderr).toContain("user\nRun something\nexec\nbash -lc 'echo from-the-shell' in ");
    expect(r.stderr).toMatch(/ succeeded in \d+(ms|\.\d\ds):\nfrom-the-shell\n/);
    expect(r.stderr).toContain('codex\nAll done.\n');
    expect(r.stderr).not.toContain('\x1b[');
  });

  it('reads the prompt from stdin when none is given', async () => {
    server.queueResponses(turn.message('From stdin.'));
    const r = await exec([], { input: 'prompt on stdin\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('From stdin.\n');
    expect(r.stderr.startsWith('Reading prompt from stdin...\n')).toBe(true);
    expect(server.responsesRequests()[0]!.body).toContain('prompt on stdin');
  });

  it('-o writes the last message to a file, --color always styles stderr only', async () => {
    server.queueResponses(turn.message('Saved answer.'));
    const out = join(sb.root, 'last.txt');
    const r = await exec(['-o', out, '--color', 'always', 'Answer me']);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe('Saved answer.');
    expect(r.stdout).toBe('Saved answer.\n');
    expect(r.stderr).toContain('\x1b[');
  });
});

describe('codex exec --json', () => {
  it('prints Codex ThreadEvent lines on stdout, and makes the changes', async () => {
    server.queueResponses(
      turn.shell(['bash', '-lc', 'ls']),
      turn.applyPatch('*** Begin Patch\n*** Add File: notes.md\n+written by the patch\n*** End Patch\n'),
      turn.message('Listed and wrote notes.md.', { usage: { input_tokens: 50, output_tokens: 5 } }),
    );
    const out = join(sb.root, 'last.txt');
    const r = await exec(['--json', '--full-auto', '-c', 'sandbox_mode="danger-full-access"', '-s', 'danger-full-access', '-o', out, 'Do it']);
    expect(r.code).toBe(0);
    const events = r.stdout.trimEnd().split('\n').map((l) => ThreadEventSchema.parse(JSON.parse(l)));
    expect(events.map((e) => (e.type.startsWith('item.') ? `${e.type}:${(e as { item: { type: string } }).item.type}` : e.type))).toEqual([
      'thread.started',
      'turn.started',
      'item.started:command_execution',
      'item.completed:command_execution',
      'item.started:file_change',
      'item.completed:file_change',
      'item.completed:agent_message',
      'turn.completed',
    ]);
    expect(events[3]).toMatchObject({ item: { id: 'item_0', command: 'bash -lc ls', exit_code: 0, status: 'completed', aggregated_output: expect.stringContaining('README.md') } });
    expect(events[5]).toEqual({ type: 'item.completed', item: { id: 'item_1', type: 'file_change', changes: [{ path: join(sb.workspace, 'notes.md'), kind: 'add' }], status: 'completed' } });
    expect(events[7]).toEqual({
      type: 'turn.completed',
      usage: { input_tokens: 50, cached_input_tokens: 0, cache_write_input_tokens: 0, output_tokens: 5, reasoning_output_tokens: 0 },
    });
    expect(readFileSync(join(sb.workspace, 'notes.md'), 'utf8')).toBe('written by the patch\n');
    expect(readFileSync(out, 'utf8')).toBe('Listed and wrote notes.md.');
  });

  it('a failed turn prints error + turn.failed and exits 1', async () => {
    server.queueResponses({ fault: 'status', status: 400, body: { error: { message: 'scripted 400', type: 'invalid_request_error' } } });
    const r = await exec(['--experimental-json', 'Fail please']);
    expect(r.code).toBe(1);
    const events = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { type: string });
    expect(events.map((e) => e.type)).toEqual(['thread.started', 'turn.started', 'error', 'turn.failed']);
    expect(JSON.stringify(events[3])).toContain('scripted 400');
  });
});

describe('codex exec exit codes and bad input', () => {
  it('exits 2 on a usage error', async () => {
    const r = await exec(['--bogus-flag', 'hi']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: unexpected argument '--bogus-flag' found/);
    expect(server.requests).toHaveLength(0);
  });

  it('exits 2 when --full-auto and --yolo are combined, or resume has no id and no --last', async () => {
    const r = await exec(['--full-auto', '--yolo', 'hi']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: Arguments full-auto and dangerously-bypass-approvals-and-sandbox are mutually exclusive/);
    const resume = await exec(['resume']);
    expect(resume.code).toBe(2);
    expect(resume.stderr).toMatch(/^error: exec resume needs a SESSION_ID or --last/);
    expect(server.requests).toHaveLength(0);
  });

  it('exits 1 with a clear message for an invalid --output-schema file', async () => {
    const bad = join(sb.root, 'schema.json');
    writeFileSync(bad, '{ "type": "object", ');
    const r = await exec(['--output-schema', bad, 'hi']);
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toContain(`Output schema file ${bad} is not valid JSON`);
    const missing = await exec(['--output-schema', join(sb.root, 'nope.json'), 'hi']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`Failed to read output schema file ${join(sb.root, 'nope.json')}`);
    expect(server.requests).toHaveLength(0);
  });

  it('exits 1 naming config.toml when it cannot be parsed', async () => {
    writeFileSync(join(sb.home, 'config.toml'), 'model = "gpt-5-codex"\n[broken\n');
    const r = await exec(['hi']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(join(sb.home, 'config.toml'));
    expect(server.requests).toHaveLength(0);
  });

  it('exits 1 when no prompt arrives on stdin', async () => {
    const r = await exec([], { input: '  \n' });
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toBe('Reading prompt from stdin...\nNo prompt provided via stdin.\n');
  });

  it('exits 1 outside a git repository unless --skip-git-repo-check', async () => {
    const plain = makeSandbox({ git: false });
    try {
      const env = childEnv(plain, server.baseUrl);
      const r = await exec(['hi'], { env, cwd: plain.workspace });
      expect(r).toMatchObject({ code: 1, stdout: '' });
      expect(r.stderr).toBe('Reading additional input from stdin...\nNot inside a trusted directory and --skip-git-repo-check was not specified.\n');
      server.queueResponses(turn.message('ok outside git'));
      const ok = await exec(['--skip-git-repo-check', 'hi'], { env, cwd: plain.workspace });
      expect(ok).toMatchObject({ code: 0, stdout: 'ok outside git\n' });
    } finally {
      plain.cleanup();
    }
  });

  it('resume --last continues the latest session with the new prompt', async () => {
    server.queueResponses(turn.message('first'), turn.message('second'));
    const first = await exec(['--json', 'one']);
    const threadId = (JSON.parse(first.stdout.split('\n')[0]!) as { thread_id: string }).thread_id;
    const second = await exec(['--json', 'resume', '--last', 'two']);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout.split('\n')[0]!)).toEqual({ type: 'thread.started', thread_id: threadId });
    const body = server.responsesRequests()[1]!.body;
    expect(body).toContain('"one"');
    expect(body).toContain('"two"');
  });
});

describe('codex exec interrupts and images', () => {
  it('SIGINT interrupts a running command, kills it and exits 130', async () => {
    const pidFile = join(sb.root, 'sleep.pid');
    server.queueResponses(turn.shell(['bash', '-lc', `echo $$ > ${pidFile}; exec sleep 30`]));
    const { child, done } = startCodex(['exec', '--json', '-s', 'danger-full-access', 'Sleep'], {
      env: childEnv(sb, server.baseUrl),
      cwd: sb.workspace,
    });
    const deadline = Date.now() + 15_000;
    while (!existsSync(pidFile) || readFileSync(pidFile, 'utf8').trim() === '') {
      if (Date.now() > deadline) throw new Error('the command never started');
      await delay(50);
    }
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    child.kill('SIGINT');
    // `sleep 30` must not be waited for: the run's 30 s timeout in startCodex would fail first.
    const r = await done;
    expect(r.code).toBe(130);
    const events = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { type: string; item?: { status: string } });
    // The killed command may still be reported (as failed); the turn is neither completed nor failed.
    expect(events.slice(0, 3).map((e) => e.type)).toEqual(['thread.started', 'turn.started', 'item.started']);
    expect(events.slice(3)).toEqual(events.length > 3 ? [expect.objectContaining({ type: 'item.completed', item: expect.objectContaining({ status: 'failed' }) })] : []);
    expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
  });

  it('-i attaches a local image before the prompt', async () => {
    const png = join(sb.root, 'dot.png');
    writeFileSync(png, Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));
    server.queueResponses(turn.message('I see a dot.'));
    const r = await exec(['-i', png, 'What is this?']);
    expect(r).toMatchObject({ code: 0, stdout: 'I see a dot.\n' });
    const input = (server.responsesRequests()[0]!.json as { input: Array<{ role?: string; content?: unknown[] }> }).input;
    expect(input.at(-1)).toEqual(
      expect.objectContaining({
        role: 'user',
        content: [
          expect.objectContaining({ type: 'input_image', image_url: expect.stringMatching(/^data:image\/png;base64,iVBOR/) }),
          expect.objectContaining({ type: 'input_text', text: 'What is this?' }),
        ],
      }),
    );
  });
});
