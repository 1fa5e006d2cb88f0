// `codex exec` with MCP servers configured: a server that fails is reported once (a stderr
// line, and an error item in --json), the others keep working, and their calls show up as
// mcp_tool_call items; a failing `required` server stops the run before any model request.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAULTY_MCP_SERVER, turn, type ScriptedModelServer } from '@codex-ts/test-support';
import { childEnv, runCodex, useSandboxAndServer, type Sandbox } from './helpers.js';

let sb: Sandbox;
let server: ScriptedModelServer;
useSandboxAndServer((s, m) => {
  sb = s;
  server = m;
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function mcpToml(name: string, extra: string[], table = ''): string {
  return `[mcp_servers.${name}]\ncommand = ${JSON.stringify(process.execPath)}\nargs = ${JSON.stringify([FAULTY_MCP_SERVER, '--name', name, ...extra])}\n${table}\n`;
}

describe('codex exec with MCP servers', () => {
  it('reports a failed server once and calls tools of the others', async () => {
    const log = join(sb.root, 'ok.log');
    const pids = join(sb.root, 'ok.pids');
    writeFileSync(join(sb.home, 'config.toml'), mcpToml('crash', ['--mode', 'crash']) + mcpToml('ok', ['--log', log, '--pid-file', pids, '--fork-helper']));
    // The first step waits (bounded) until the ok server listed its tools, so the call below
    // finds it ready whatever the machine's load.
    const wait = `for i in $(seq 400); do grep -q tools/list ${log} 2>/dev/null && sleep 0.3 && exit 0; sleep 0.05; done; exit 1`;
    server.queueResponses(
      turn.shell(['bash', '-c', wait], { call_id: 'w1', timeout_ms: 30_000 }),
      turn.toolCalls([{ name: 'mcp__ok__add_numbers', call_id: 'm1', arguments: { a: 20, b: 22 } }]),
      turn.message('The answer is 42.'),
    );
    const r = await runCodex(['exec', '--json', 'add'], { env: childEnv(sb, server.baseUrl), cwd: sb.workspace });
    expect(r.code).toBe(0);
    const warnings = r.stderr.split('\n').filter((l) => l.startsWith('warning: MCP server'));
    expect(warnings).toEqual(['warning: MCP server `crash` failed to start: handshaking with MCP server failed: connection closed (exit code 1); server stderr: crash: simulated crash at start-up (exit 1)']);
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; item?: Record<string, unknown> });
    const errors = events.filter((e) => e.type === 'item.completed' && e.item?.type === 'error');
    expect(errors.map((e) => e.item!.message)).toEqual([warnings[0]!.slice('warning: '.length)]);
    const mcp = events.filter((e) => e.item?.type === 'mcp_tool_call');
    expect(mcp.map((e) => [e.type, e.item!.status])).toEqual([
      ['item.started', 'in_progress'],
      ['item.completed', 'completed'],
    ]);
    expect(mcp[1]!.item).toMatchObject({ server: 'ok', tool: 'add_numbers', arguments: { a: 20, b: 22 }, result: { content: [{ type: 'text', text: '42' }], structured_content: { sum: 42 } }, error: null });
    // The server and the helper it forked are gone once exec has exited.
    const { pid, helper } = JSON.parse(readFileSync(pids, 'utf8')) as { pid: number; helper: number };
    for (let i = 0; i < 250 && (alive(pid) || alive(helper)); i++) await new Promise((res) => setTimeout(res, 20));
    expect([alive(pid), alive(helper)]).toEqual([false, false]);
  });

  it('stops before any model request when a required server fails', async () => {
    writeFileSync(join(sb.home, 'config.toml'), mcpToml('crash', ['--mode', 'crash'], 'required = true'));
    const r = await runCodex(['exec', 'hi'], { env: childEnv(sb, server.baseUrl), cwd: sb.workspace });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('required MCP servers failed to initialize: crash: handshaking with MCP server failed: connection closed (exit code 1); server stderr: crash: simulated crash at start-up (exit 1)');
    expect(server.responsesRequests()).toEqual([]);
  });
});
