// MCP tools through the engine: tools offered under Codex's names as servers become ready,
// calls with events and rich outputs, approvals (elicitation_request / resolve_elicitation,
// `never` refusal), interrupt of a hung call (notifications/cancelled), and a required server
// that fails before any model request.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FAULTY_MCP_SERVER, functionCall, startModelServer, turn } from '@codex-ts/test-support';
import type { EventMsg } from '@codex-ts/protocol';
import { Codex } from '../../src/session/codex.js';
import { loadConfig } from '../../src/config/load.js';
import { startHarness, tempDir, userTurn, type Harness } from '../engine/harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function serverToml(name: string, extra: string[] = [], table = ''): string {
  return `\n[mcp_servers.${name}]\ncommand = ${JSON.stringify(process.execPath)}\nargs = ${JSON.stringify([FAULTY_MCP_SERVER, '--name', name, ...extra])}\n${table}\n`;
}

function requestInput(h: Harness, i: number): { type: string; call_id?: string; output?: unknown }[] {
  return (h.server.responsesRequests()[i]!.json as { input: { type: string; call_id?: string; output?: unknown }[] }).input;
}
function toolNames(h: Harness, i: number): string[] {
  return (h.server.responsesRequests()[i]!.json as { tools: { name?: string; type: string }[] }).tools.map((t) => t.name ?? t.type);
}
function outputOf(h: Harness, callId: string): unknown {
  for (let i = 0; i < h.server.responsesRequests().length; i++) {
    const hit = requestInput(h, i).find((x) => x.type === 'function_call_output' && x.call_id === callId);
    if (hit) return hit.output;
  }
  return undefined;
}
const wallTime = { type: 'input_text', text: expect.stringMatching(/^Wall time: \d+\.\d{4} seconds\nOutput:$/) };

describe('MCP tools in the engine', () => {
  it('offers tools once the server is ready and returns text, structured and image results', async () => {
    h = await startHarness({ toml: serverToml('t') });
    await h.waitFor((m) => m.type === 'mcp_startup_complete');
    h.server.queueResponses(
      turn.toolCalls([
        { name: 'mcp__t__add_numbers', call_id: 'c1', arguments: { a: 2, b: 3 } },
        { name: 'mcp__t__image', call_id: 'c2', arguments: {} },
      ]),
      turn.message('done'),
    );
    await h.submit(userTurn(h, 'add'));
    await h.waitFor((m) => m.type === 'task_complete');
    const names = toolNames(h, 0);
    expect(names).toEqual(expect.arrayContaining(['list_mcp_resources', 'list_mcp_resource_templates', 'read_mcp_resource', 'mcp__t__add_numbers', 'mcp__t__t_echo']));
    const spec = (h.server.responsesRequests()[0]!.json as { tools: { name?: string }[] }).tools.find((t) => t.name === 'mcp__t__add_numbers');
    expect(spec).toEqual({ type: 'function', name: 'mcp__t__add_numbers', description: 'Add two numbers.', strict: false, parameters: { type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } }, required: ['a', 'b'] } });
    expect(outputOf(h, 'c1')).toEqual([wallTime, { type: 'input_text', text: '5' }]);
    expect(outputOf(h, 'c2')).toEqual([wallTime, { type: 'input_text', text: 'a pixel' }, { type: 'input_image', image_url: expect.stringMatching(/^data:image\/png;base64,iVBOR/) }]);
    const begins = h.events.map((e) => e.msg).filter((m) => m.type === 'mcp_tool_call_begin');
    expect(begins).toEqual([
      { type: 'mcp_tool_call_begin', call_id: 'c1', invocation: { server: 't', tool: 'add_numbers', arguments: { a: 2, b: 3 } } },
      { type: 'mcp_tool_call_begin', call_id: 'c2', invocation: { server: 't', tool: 'image', arguments: {} } },
    ]);
    const end = h.events.map((e) => e.msg).find((m) => m.type === 'mcp_tool_call_end' && m.call_id === 'c1');
    expect(end).toMatchObject({ result: { Ok: { content: [{ type: 'text', text: '5' }], structuredContent: { sum: 5 } } } });
  });

  it('lists and reads resources through the resource tools', async () => {
    h = await startHarness({ toml: serverToml('r') });
    h.server.queueResponses(
      turn.toolCalls([
        { name: 'list_mcp_resources', call_id: 'l1', arguments: {} },
        { name: 'read_mcp_resource', call_id: 'l2', arguments: { server: 'r', uri: 'mem://r/readme' } },
        { name: 'list_mcp_resources', call_id: 'l3', arguments: { cursor: 'x' } },
      ]),
      turn.message('read'),
    );
    await h.waitFor((m) => m.type === 'mcp_startup_complete');
    await h.submit(userTurn(h, 'resources'));
    await h.waitFor((m) => m.type === 'task_complete');
    expect(JSON.parse(outputOf(h, 'l1') as string)).toEqual({ resources: [{ server: 'r', uri: 'mem://r/readme', name: 'readme', mimeType: 'text/plain' }] });
    expect(JSON.parse(outputOf(h, 'l2') as string)).toEqual({ server: 'r', uri: 'mem://r/readme', contents: [{ uri: 'mem://r/readme', mimeType: 'text/plain', text: 'contents of mem://r/readme' }] });
    expect(outputOf(h, 'l3')).toBe('cursor can only be used when a server is specified');
  });

  it('never delays a request for a slow server; its tools join the next request', async () => {
    h = await startHarness({ toml: serverToml('slow', ['--init-delay-ms', '1500']) });
    h.server.queueResponses(turn.message('first'), turn.message('second'));
    await h.submit(userTurn(h, 'one'));
    await h.waitFor((m) => m.type === 'task_complete');
    expect(toolNames(h, 0).filter((n) => n.startsWith('mcp__'))).toEqual([]);
    await h.waitFor((m) => m.type === 'mcp_startup_complete');
    await h.submit(userTurn(h, 'two'));
    await h.waitFor((m) => m.type === 'task_complete' && h!.events.filter((e) => e.msg.type === 'task_complete').length === 2);
    expect(toolNames(h, 1)).toContain('mcp__slow__slow_echo');
  });

  it('asks through elicitation_request for a destructive tool and runs it when accepted', async () => {
    h = await startHarness({ toml: serverToml('w') });
    await h.waitFor((m) => m.type === 'mcp_startup_complete');
    h.server.queueResponses(turn.toolCalls([{ name: 'mcp__w__write_note', call_id: 'n1', arguments: { note: 'hi' } }]), turn.message('ok'));
    await h.submit(userTurn(h, 'write', { approval_policy: 'on-request' }));
    const req = (await h.waitFor((m) => m.type === 'elicitation_request')) as Extract<EventMsg, { type: 'elicitation_request' }>;
    expect(req).toEqual({
      type: 'elicitation_request',
      turn_id: expect.any(String),
      server_name: 'w',
      id: 'mcp_tool_call_approval_n1',
      request: {
        mode: 'form',
        _meta: { codex_approval_kind: 'mcp_tool_call', persist: 'session', tool_description: 'Pretends to write (needs approval).', tool_params: { note: 'hi' } },
        message: 'Allow the w MCP server to run tool "write_note"?',
        requested_schema: { type: 'object', properties: {} },
      },
    });
    await h.submit({ type: 'resolve_elicitation', server_name: 'w', request_id: req.id, decision: 'accept' });
    await h.waitFor((m) => m.type === 'task_complete');
    expect(outputOf(h, 'n1')).toEqual([wallTime, { type: 'input_text', text: 'noted: hi' }]);
  });

  it('refuses a tool that needs approval under approval policy never; approve mode lets it run', async () => {
    h = await startHarness({ toml: serverToml('w') + serverToml('ok', [], 'default_tools_approval_mode = "approve"') });
    await h.waitFor((m) => m.type === 'mcp_startup_complete');
    h.server.queueResponses(
      turn.toolCalls([
        { name: 'mcp__w__write_note', call_id: 'r1', arguments: { note: 'x' } },
        { name: 'mcp__ok__write_note', call_id: 'r2', arguments: { note: 'y' } },
      ]),
      turn.message('ok'),
    );
    await h.submit(userTurn(h, 'write', { sandbox_policy: { mode: 'read-only' } }));
    await h.waitFor((m) => m.type === 'task_complete');
    expect(outputOf(h, 'r1')).toBe('MCP tool call requires approval, but approval policy is never');
    expect(outputOf(h, 'r2')).toEqual([wallTime, { type: 'input_text', text: 'noted: y' }]);
  });

  it('interrupting a hung call cancels it on the server', async () => {
    const log = join(tempDir('mcp-log-'), 'log.jsonl');
    h = await startHarness({ toml: serverToml('h', ['--log', log]) });
    await h.waitFor((m) => m.type === 'mcp_startup_complete');
    h.server.queueResponses(turn.toolCalls([{ name: 'mcp__h__hang', call_id: 'g1', arguments: {} }]));
    await h.submit(userTurn(h, 'hang'));
    await h.waitFor((m) => m.type === 'mcp_tool_call_begin');
    const sawCall = (): boolean => existsSync(log) && readFileSync(log, 'utf8').includes('"tools/call"');
    for (let i = 0; i < 500 && !sawCall(); i++) await new Promise((r) => setTimeout(r, 10));
    await h.submit({ type: 'interrupt' });
    await h.waitFor((m) => m.type === 'turn_aborted');
    const methods = (): string[] => readFileSync(log, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { msg: { method?: string } }).msg.method ?? '');
    for (let i = 0; i < 500 && !methods().includes('notifications/cancelled'); i++) await new Promise((r) => setTimeout(r, 10));
    expect(methods()).toContain('notifications/cancelled');
  });

  it("routes a server's own question (elicitation/create) to the user, and declines it under never", async () => {
    h = await startHarness({ toml: serverToml('e') });
    await h.waitFor((m) => m.type === 'mcp_startup_complete');
    h.server.queueResponses(turn.toolCalls([{ name: 'mcp__e__ask', call_id: 'q1', arguments: {} }]), turn.message('asked'), turn.toolCalls([{ name: 'mcp__e__ask', call_id: 'q2', arguments: {} }]), turn.message('declined'));
    await h.submit(userTurn(h, 'ask me', { approval_policy: 'on-request' }));
    const req = (await h.waitFor((m) => m.type === 'elicitation_request')) as Extract<EventMsg, { type: 'elicitation_request' }>;
    expect(req).toEqual({
      type: 'elicitation_request',
      server_name: 'e',
      id: 'mcp_elicitation_1',
      request: { mode: 'form', message: 'What is your name?', requested_schema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } },
    });
    await h.submit({ type: 'resolve_elicitation', server_name: 'e', request_id: req.id, decision: 'accept', content: { name: 'Ada' } });
    await h.waitFor((m) => m.type === 'task_complete');
    expect(outputOf(h, 'q1')).toEqual([wallTime, { type: 'input_text', text: '{"action":"accept","content":{"name":"Ada"}}' }]);
    await h.submit(userTurn(h, 'again', { approval_policy: 'never' }));
    await h.waitFor((m) => m.type === 'task_complete' && h!.events.filter((e) => e.msg.type === 'task_complete').length === 2);
    expect(outputOf(h, 'q2')).toEqual([wallTime, { type: 'input_text', text: '{"action":"decline"}' }]);
    expect(h.events.filter((e) => e.msg.type === 'elicitation_request')).toHaveLength(1);
  });

  it('answers list_mcp_tools at once with live server states', async () => {
    h = await startHarness({ toml: serverToml('ok') + serverToml('mute', ['--mode', 'mute'], 'startup_timeout_sec = 30') });
    await h.waitFor((m) => m.type === 'mcp_startup_update' && m.server === 'ok' && m.status.state === 'ready');
    await h.submit({ type: 'list_mcp_tools' });
    const r = (await h.waitFor((m) => m.type === 'mcp_list_tools_response')) as Record<string, unknown>;
    expect(Object.keys(r.tools as object)).toContain('mcp__ok__add_numbers');
    expect(r.auth_statuses).toEqual({ ok: 'unsupported', mute: 'unsupported' });
    expect(r.servers).toEqual([
      { name: 'ok', state: 'ready', tools: 7, required: false },
      { name: 'mute', state: 'starting', tools: 0, required: false },
    ]);
  });

  it('a required server that fails stops the session before any model request', async () => {
    const server = await startModelServer();
    const home = tempDir('codex-home-');
    writeFileSync(
      join(home, 'config.toml'),
      `model_provider = "mock"\n${serverToml('crash', ['--mode', 'crash'], 'required = true')}\n[model_providers.mock]\nname = "m"\nbase_url = "${server.baseUrl}"\nenv_key = "MOCK_API_KEY"\nwire_api = "responses"\n`,
    );
    const env = { ...process.env, MOCK_API_KEY: 'k' };
    const config = loadConfig({ codexHome: home, env, cli: { cwd: home } });
    await expect(Codex.spawn(config, { env })).rejects.toThrow(
      /^required MCP servers failed to initialize: crash: handshaking with MCP server failed: connection closed \(exit code 1\); server stderr: crash: simulated crash at start-up \(exit 1\)$/,
    );
    expect(server.responsesRequests()).toEqual([]);
    expect(existsSync(join(home, 'sessions'))).toBe(false);
    await server.close();
  });
});
