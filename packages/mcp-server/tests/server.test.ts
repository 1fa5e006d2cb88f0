// codex mcp-server driven by the official MCP SDK client over stdio: the tool list, a full task
// whose command is approved through elicitation, two conversations at once, codex-reply, and
// a cancelled task that leaves no process behind.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ElicitRequestSchema, type ElicitRequest } from '@modelcontextprotocol/sdk/types.js';
import { tempDirs, FAULTY_MCP_SERVER, startModelServer, turn, type ScriptedModelServer } from '@codex-ts/test-support';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CODEX_REPLY_TOOL, CODEX_TOOL } from '../src/tool-config.js';

const SERVE = join(import.meta.dirname, 'serve.mjs');
const tmp = tempDirs(afterEach);
let model: ScriptedModelServer;
let home: string;
let client: Client | undefined;
let notifications: { method: string; params?: Record<string, unknown> }[];
let elicitations: ElicitRequest['params'][];

beforeEach(async () => {
  model = await startModelServer();
  home = tmp('codex-mcp-server-');
  writeFileSync(
    join(home, 'config.toml'),
    `model = "gpt-5-codex"\nmodel_provider = "mock"\n[model_providers.mock]\nname = "Mock"\nbase_url = "${model.baseUrl}"\nenv_key = "MOCK_API_KEY"\nwire_api = "responses"\n[shell_environment_policy]\nset = { HOME = ${JSON.stringify(home)} }\n`,
  );
  notifications = [];
  elicitations = [];
});
afterEach(async () => {
  await client?.close();
  client = undefined;
  await model.close();
});

async function connect(answer: (p: ElicitRequest['params']) => Record<string, unknown> = () => ({ action: 'accept' })): Promise<{ client: Client; transport: StdioClientTransport }> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [SERVE], env: { ...(process.env as Record<string, string>), CODEX_HOME: home, MOCK_API_KEY: 'k', CODEX_LOG: 'warn' }, stderr: 'pipe' });
  const c = new Client({ name: 'test-client', version: '1.0.0' }, { capabilities: { elicitation: {} } });
  c.setRequestHandler(ElicitRequestSchema, async (req) => {
    elicitations.push(req.params);
    return answer(req.params) as never;
  });
  c.fallbackNotificationHandler = async (n) => {
    notifications.push(n as { method: string; params?: Record<string, unknown> });
  };
  await c.connect(transport);
  client = c;
  return { client: c, transport };
}

function workspace(name: string): string {
  const d = join(home, name);
  mkdirSync(d, { recursive: true });
  return d;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1500 && !cond(); i++) await new Promise((r) => setTimeout(r, 20));
  if (!cond()) throw new Error(`timed out waiting for ${what}`);
}

describe('codex mcp-server', () => {
  it('lists codex and codex-reply with their schemas', async () => {
    const { client: c } = await connect();
    expect(c.getServerVersion()).toMatchObject({ name: 'codex-mcp-server', title: 'Codex' });
    expect(c.getServerCapabilities()?.tools).toEqual({ listChanged: true });
    expect((await c.listTools()).tools).toEqual([CODEX_TOOL, CODEX_REPLY_TOOL]);
  });

  it('runs a task whose command is approved through elicitation, streaming codex/event', async () => {
    const ws = workspace('ws');
    model.queueResponses(turn.shell(['bash', '-c', 'echo approved > out.txt'], { call_id: 'sh1' }), turn.message('wrote out.txt'));
    const { client: c } = await connect((p) => ((p._meta as Record<string, unknown> | undefined)?.codex_elicitation === 'exec-approval' ? { action: 'accept', content: { decision: 'approved' } } : { action: 'decline' }));
    const r = await c.callTool({ name: 'codex', arguments: { prompt: 'write it', cwd: ws, 'approval-policy': 'untrusted', sandbox: 'workspace-write' } });
    const threadId = (r.structuredContent as { threadId: string }).threadId;
    expect(r).toEqual({ content: [{ type: 'text', text: 'wrote out.txt' }], structuredContent: { threadId, content: 'wrote out.txt' } });
    expect(readFileSync(join(ws, 'out.txt'), 'utf8')).toBe('approved\n');
    expect(elicitations).toHaveLength(1);
    expect(elicitations[0]).toMatchObject({
      message: `Allow Codex to run \`bash -c 'echo approved > out.txt'\` in \`${ws}\`?`,
      requestedSchema: { type: 'object', properties: {} },
      _meta: {
        codex_elicitation: 'exec-approval',
        codex_call_id: 'sh1',
        codex_command: ['bash', '-c', 'echo approved > out.txt'],
        codex_cwd: ws,
        codex_parsed_cmd: [{ type: 'unknown', cmd: 'echo approved > out.txt' }],
      },
    });
    const events = notifications.filter((n) => n.method === 'codex/event');
    const types = events.map((n) => (n.params!.msg as { type: string }).type);
    expect(types).toEqual(expect.arrayContaining(['task_started', 'exec_approval_request', 'exec_command_begin', 'exec_command_end', 'agent_message', 'task_complete']));
    const requestIds = new Set(events.map((n) => JSON.stringify((n.params!._meta as { requestId: unknown }).requestId)));
    expect(requestIds.size).toBe(1);

    model.queueResponses(turn.message('second answer'));
    const reply = await c.callTool({ name: 'codex-reply', arguments: { threadId, prompt: 'again' } });
    expect(reply.structuredContent).toEqual({ threadId, content: 'second answer' });
    expect(await c.callTool({ name: 'codex-reply', arguments: { threadId: 'nope', prompt: 'x' } })).toEqual({ content: [{ type: 'text', text: 'Session not found for thread_id: nope' }], isError: true });
    expect(await c.callTool({ name: 'codex', arguments: { prompt: 'x', cwd: join(home, 'missing') } })).toEqual({ content: [{ type: 'text', text: `Failed to start Codex session: cwd: ${join(home, 'missing')} is not a directory` }], isError: true });
    expect(await c.callTool({ name: 'codex', arguments: { prompt: 'x', config: { 'a=b': 1 } } })).toMatchObject({ content: [{ type: 'text', text: expect.stringMatching(/^Failed to start Codex session: config: invalid key "a=b"/) }], isError: true });
    expect(await c.callTool({ name: 'codex', arguments: { prompt: 'x', sandbox: 'none' } })).toMatchObject({ content: [{ type: 'text', text: expect.stringMatching(/^invalid codex arguments: sandbox: /) }], isError: true });
  });

  it('a declined approval keeps the command from running', async () => {
    const ws = workspace('d');
    model.queueResponses(turn.shell(['bash', '-c', 'echo no > out.txt'], { call_id: 'sh2' }), turn.message('was denied'));
    const { client: c } = await connect(() => ({ action: 'decline' }));
    const r = await c.callTool({ name: 'codex', arguments: { prompt: 'write it', cwd: ws, 'approval-policy': 'untrusted', sandbox: 'workspace-write' } });
    expect((r.structuredContent as { content: string }).content).toBe('was denied');
    expect(existsSync(join(ws, 'out.txt'))).toBe(false);
    const input = (model.responsesRequests()[1]!.json as { input: { type: string; call_id?: string; output?: string }[] }).input;
    expect(input.find((i) => i.type === 'function_call_output' && i.call_id === 'sh2')?.output).toMatch(/rejected by user/);
  });

  it('forwards an MCP tool approval of the session as an elicitation and runs the tool when accepted', async () => {
    const ws = workspace('m');
    const log = join(home, 'w.log');
    writeFileSync(
      join(home, 'config.toml'),
      readFileSync(join(home, 'config.toml'), 'utf8') + `\n[mcp_servers.w]\ncommand = ${JSON.stringify(process.execPath)}\nargs = ${JSON.stringify([FAULTY_MCP_SERVER, '--name', 'w', '--log', log])}\n`,
    );
    // The first step waits (bounded) until the MCP server listed its tools.
    const wait = `for i in $(seq 400); do grep -q tools/list ${log} 2>/dev/null && sleep 0.3 && exit 0; sleep 0.05; done; exit 1`;
    model.queueResponses(
      turn.shell(['bash', '-c', wait], { call_id: 'w0', timeout_ms: 30_000 }),
      turn.toolCalls([{ name: 'mcp__w__write_note', call_id: 'n1', arguments: { note: 'via elicitation' } }]),
      turn.message('noted'),
    );
    const { client: c } = await connect((p) => ((p._meta as Record<string, unknown> | undefined)?.codex_elicitation === 'mcp-tool-approval' ? { action: 'accept' } : { action: 'decline' }));
    const r = await c.callTool({ name: 'codex', arguments: { prompt: 'note it', cwd: ws, 'approval-policy': 'on-request', sandbox: 'danger-full-access' } });
    expect((r.structuredContent as { content: string }).content).toBe('noted');
    const mcpAsk = elicitations.find((e) => (e._meta as Record<string, unknown> | undefined)?.codex_elicitation === 'mcp-tool-approval');
    expect(mcpAsk).toMatchObject({ message: 'Allow the w MCP server to run tool "write_note"?', _meta: { codex_approval_kind: 'mcp_tool_call', codex_mcp_server: 'w', codex_request_id: 'mcp_tool_call_approval_n1' } });
    const input = (model.responsesRequests()[2]!.json as { input: { type: string; call_id?: string; output?: unknown }[] }).input;
    const out = input.find((i) => i.type === 'function_call_output' && i.call_id === 'n1')?.output as { text: string }[];
    expect(out.at(-1)).toEqual({ type: 'input_text', text: 'noted: via elicitation' });
  });

  it('runs two conversations at once', async () => {
    const a = workspace('a');
    const b = workspace('b');
    // Each command marks its start and waits until both have started: only concurrent
    // conversations can both succeed.
    const both = `touch started; for i in $(seq 400); do [ -e ${a}/started ] && [ -e ${b}/started ] && { echo together; exit 0; }; sleep 0.05; done; echo alone; exit 1`;
    model.queueResponses(turn.shell(['bash', '-c', both], { call_id: 'x1', timeout_ms: 60_000 }), turn.shell(['bash', '-c', both], { call_id: 'x2', timeout_ms: 60_000 }), turn.message('one'), turn.message('two'));
    const { client: c } = await connect();
    const args = (cwd: string) => ({ prompt: 'go', cwd, 'approval-policy': 'never', sandbox: 'danger-full-access' });
    const [r1, r2] = await Promise.all([c.callTool({ name: 'codex', arguments: args(a) }), c.callTool({ name: 'codex', arguments: args(b) })]);
    const ids = [r1, r2].map((r) => (r.structuredContent as { threadId: string }).threadId);
    expect(new Set(ids).size).toBe(2);
    expect([r1, r2].map((r) => (r.structuredContent as { content: string }).content).sort()).toEqual(['one', 'two']);
    const outputs = notifications
      .filter((n) => n.method === 'codex/event' && (n.params!.msg as { type: string }).type === 'exec_command_end')
      .map((n) => (n.params!.msg as { stdout: string }).stdout);
    expect(outputs).toEqual(['together\n', 'together\n']);
  });

  it('a cancelled task interrupts the turn and leaves no process', async () => {
    const ws = workspace('c');
    model.queueResponses(turn.shell(['bash', '-c', 'sleep 300 & echo $! > child.pid; wait'], { call_id: 'z1', timeout_ms: 600_000 }));
    const { client: c, transport } = await connect();
    const ac = new AbortController();
    const call = c.callTool({ name: 'codex', arguments: { prompt: 'hang', cwd: ws, 'approval-policy': 'never', sandbox: 'danger-full-access' } }, undefined, { signal: ac.signal });
    await until(() => existsSync(join(ws, 'child.pid')) && readFileSync(join(ws, 'child.pid'), 'utf8').trim() !== '', 'child.pid');
    const child = Number(readFileSync(join(ws, 'child.pid'), 'utf8'));
    expect(alive(child)).toBe(true);
    ac.abort();
    await expect(call).rejects.toThrow();
    await until(() => !alive(child), 'the command to be killed');
    await until(() => notifications.some((n) => n.method === 'codex/event' && (n.params!.msg as { type: string }).type === 'turn_aborted'), 'turn_aborted');
    const serverPid = transport.pid!;
    await c.close();
    client = undefined;
    await until(() => !alive(serverPid), 'the server to exit');
  });
});
