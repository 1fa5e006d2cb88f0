// Codex 0.169's 3-turn `codex exec --json` session (exec_command, freeform apply_patch,
// final message), replayed against our binary with the same scripted model turns: the
// JSONL items must be the ones the real Codex printed (fixture captured from 0.169), with
// only the machine-specific parts swapped in (thread id, paths, what `ls -la` printed here).
import { readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customToolCall, execCommandCall, startModelServer, turn, type ScriptedModelServer } from '@codex-ts/test-support';
import { childEnv, makeSandbox, runCodex, type Sandbox } from './helpers.js';

const FIXTURE = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../protocol/tests/fixtures/exec-json-0.169-session.jsonl');
const README = '# demo project\n\nA tiny workspace for scripted runs.\n';

let sb: Sandbox;
let server: ScriptedModelServer;
beforeEach(async () => {
  sb = makeSandbox({ git: false });
  writeFileSync(join(sb.workspace, 'README.md'), README);
  writeFileSync(join(sb.workspace, 'notes.txt'), 'notes\n');
  server = await startModelServer();
});
afterEach(async () => {
  await server.close();
  sb.cleanup();
});

describe.runIf(process.platform === 'linux' && userInfo().shell === '/bin/bash')('codex exec --json: the 0.169 capture with exec_command', () => {
  it('prints the same items as the real Codex', async () => {
    // The three responses' usage adds up to what the capture reported.
    server.queueResponses(
      turn.of(execCommandCall('ls -la && cat README.md', { call_id: 'call_ls_1' }), { usage: { input_tokens: 7200, output_tokens: 40 } }),
      turn.of(customToolCall({ name: 'apply_patch', call_id: 'call_patch_1', input: '*** Begin Patch\n*** Add File: hello.txt\n+Hello from the scripted model.\n+Second line.\n*** End Patch\n' }), {
        usage: { input_tokens: 7300, output_tokens: 60 },
      }),
      turn.message('I listed the files and created hello.txt.', { usage: { input_tokens: 7416, output_tokens: 57 } }),
    );
    const r = await runCodex(['exec', '--skip-git-repo-check', '--json', '-m', 'gpt-5.5', '-s', 'workspace-write', '-C', sb.workspace, 'List the files, then create hello.txt'], {
      env: childEnv(sb, server.baseUrl),
      cwd: sb.workspace,
      timeoutMs: 60_000,
    });
    expect(r.code).toBe(0);
    const ours = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, any>);
    const threadId = ours[0]!.thread_id as string;
    const aggregated = ours[3]!.item.aggregated_output as string;
    const expected = readFileSync(FIXTURE, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l.replaceAll('<peer-dir>/runs/main-json2/ws', sb.workspace)) as Record<string, any>);
    expected[0]!.thread_id = threadId;
    expected[3]!.item.aggregated_output = aggregated;
    expect(ours).toEqual(expected);
    // What `ls -la && cat README.md` printed here: the listing, then the README.
    expect(aggregated.endsWith(`notes.txt\n${README}`)).toBe(true);
    expect(readFileSync(join(sb.workspace, 'hello.txt'), 'utf8')).toBe('Hello from the scripted model.\nSecond line.\n');
    // What the model read back: Codex's unified-exec text, the exit reported, no session kept.
    const second = server.responsesRequests()[1]!.json as { input: { type: string; call_id?: string; output?: string }[]; tools: { name?: string }[] };
    const out = second.input.find((i) => i.type === 'function_call_output')!.output!;
    expect(out).toMatch(/^Chunk ID: [0-9a-f]{6}\nWall time: \d+\.\d{4} seconds\nProcess exited with code 0\nOriginal token count: \d+\nOutput:\n/);
    expect(out.endsWith(README)).toBe(true);
    expect(second.tools.map((t) => t.name)).toEqual(['exec_command', 'write_stdin', 'update_plan', 'apply_patch', 'view_image']);
  });

  it('runs a PTY command through the built binary (node-pty resolves from the cli)', async () => {
    // Under the sandbox the command leads a session of its own (no TIOCSTI into any terminal),
    // so it has no controlling terminal and `tty` cannot name its device; what a program sees is
    // that stdin and stdout are terminals with a size.
    server.queueResponses(turn.of(execCommandCall('test -t 0 && test -t 1 && stty size', { call_id: 'pty', tty: true, login: false })), turn.message('in a terminal'));
    const r = await runCodex(['exec', '--skip-git-repo-check', '--json', '-m', 'gpt-5.5', '-s', 'workspace-write', '-C', sb.workspace, 'Which terminal?'], {
      env: childEnv(sb, server.baseUrl),
      cwd: sb.workspace,
      timeoutMs: 60_000,
    });
    expect(r.code).toBe(0);
    const items = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, any>).filter((e) => e.type === 'item.completed');
    expect(items[0]!.item).toMatchObject({ type: 'command_execution', command: "/bin/bash -c 'test -t 0 && test -t 1 && stty size'", exit_code: 0, status: 'completed' });
    expect(items[0]!.item.aggregated_output).toMatch(/^\d+ \d+\r?\n$/);
  });
});
