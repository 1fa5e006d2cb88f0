// `codex exec --oss` end to end: the built binary against the scripted server's Ollama API
// (probe, tags, pull) and its Chat wire, which is what the built-in `oss` provider speaks.
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startModelServer, turn, type ScriptedModelServer } from '@codex-ts/test-support';
import { childEnv, makeSandbox, runCodex, type Sandbox } from './helpers.js';

let server: ScriptedModelServer;
let sb: Sandbox;

beforeEach(async () => {
  server = await startModelServer({ models: ['gpt-5-codex'] });
  sb = makeSandbox({ git: false });
});

afterEach(async () => {
  await server.close();
  sb.cleanup();
});

const PULL = [
  { status: 'pulling manifest' },
  { status: 'pulling aaaaaaaaaaaa', digest: 'sha256:aaaa', total: 200 },
  { status: 'pulling aaaaaaaaaaaa', digest: 'sha256:aaaa', total: 200, completed: 84 },
  { status: 'pulling aaaaaaaaaaaa', digest: 'sha256:aaaa', total: 200, completed: 85 },
  { status: 'pulling aaaaaaaaaaaa', digest: 'sha256:aaaa', total: 200, completed: 200 },
  { status: 'verifying sha256 digest' },
  { status: 'writing manifest' },
  { status: 'success' },
];

describe('codex exec --oss', () => {
  it('pulls the missing default model, then runs the turn on the chat wire', async () => {
    server.queuePull(PULL);
    server.queueChat(turn.message('hi from oss'));
    const r = await runCodex(['exec', '--oss', '--skip-git-repo-check', 'hi'], {
      cwd: sb.workspace,
      env: childEnv(sb, 'http://127.0.0.1:9/unused', { CODEX_OSS_BASE_URL: server.baseUrl }),
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('hi from oss\n');
    expect(r.stderr.split('\n').filter((l) => l.startsWith('pulling '))).toEqual([
      'pulling gpt-oss:20b: pulling manifest',
      'pulling gpt-oss:20b: 0%',
      'pulling gpt-oss:20b: 42%',
      'pulling gpt-oss:20b: 100%',
      'pulling gpt-oss:20b: verifying sha256 digest',
      'pulling gpt-oss:20b: writing manifest',
      'pulling gpt-oss:20b: done',
    ]);
    expect(server.requests.map((q) => `${q.method} ${q.path}`)).toEqual([
      'GET /api/version',
      'GET /api/tags',
      'POST /api/pull',
      'POST /v1/chat/completions',
    ]);
    expect(server.requestsOf('ollama-pull')[0]?.json).toEqual({ model: 'gpt-oss:20b', stream: true });
    expect(server.chatRequests()[0]?.json).toMatchObject({ model: 'gpt-oss:20b', stream: true });
    server.assertScriptDone();
  });

  it('does not pull a model that is already there, and prints nothing about pulling', async () => {
    await server.close();
    server = await startModelServer({ models: ['gpt-oss:20b'] });
    server.queueChat(turn.message('ready'));
    const r = await runCodex(['exec', '--oss', '--skip-git-repo-check', 'hi'], {
      cwd: sb.workspace,
      env: childEnv(sb, 'http://127.0.0.1:9/unused', { CODEX_OSS_BASE_URL: server.baseUrl }),
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('ready\n');
    expect(r.stderr).not.toMatch(/^pulling /m);
    expect(server.requestsOf('ollama-pull')).toEqual([]);
  });

  it('exits 1 with a clear message when no Ollama server answers', async () => {
    const srv = createServer();
    await new Promise<void>((res) => srv.listen(0, '127.0.0.1', res));
    const port = (srv.address() as { port: number }).port;
    await new Promise<void>((res) => srv.close(() => res()));
    const r = await runCodex(['exec', '--oss', '--skip-git-repo-check', 'hi'], {
      cwd: sb.workspace,
      env: childEnv(sb, 'http://127.0.0.1:9/unused', { CODEX_OSS_PORT: String(port) }),
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^Reading additional input from stdin\\.\\.\\.\\nError: No running Ollama server detected at http://localhost:${port} \\(.*\\): is Ollama running\\? \\(ollama serve\\)`));
  });

  it('exits 1 with the pull error', async () => {
    server.queuePull([{ status: 'pulling manifest' }, { error: 'pull model manifest: file does not exist' }]);
    const r = await runCodex(['exec', '--oss', '-m', 'nope:1b', '--skip-git-repo-check', 'hi'], {
      cwd: sb.workspace,
      env: childEnv(sb, 'http://127.0.0.1:9/unused', { CODEX_OSS_BASE_URL: server.baseUrl }),
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('Reading additional input from stdin...\npulling nope:1b: pulling manifest\nError: Pulling nope:1b failed: pull model manifest: file does not exist\n');
  });
});
