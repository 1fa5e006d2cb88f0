import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { McpClientError, McpConnectionManager, parseMcpServers } from '../src/index.js';
import { alive, faultyServer, loggedMessages, npmServer, recorder, tempDir, until } from './helpers.js';

const managers: McpConnectionManager[] = [];
function manager(table: Record<string, unknown>, onEvent = recorder().onEvent): McpConnectionManager {
  const m = new McpConnectionManager(parseMcpServers(table), { onEvent, version: '0.0.0-test' });
  managers.push(m);
  return m;
}
afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.close()));
});

describe('real npm servers', () => {
  it('lists and calls tools of server-everything and server-filesystem', async () => {
    const ws = tempDir();
    writeFileSync(join(ws, 'hello.txt'), 'hello from disk\n');
    const rec = recorder();
    const m = manager(
      {
        everything: { command: process.execPath, args: [npmServer('@modelcontextprotocol/server-everything'), 'stdio'] },
        fs: { command: process.execPath, args: [npmServer('@modelcontextprotocol/server-filesystem'), ws] },
      },
      rec.onEvent,
    );
    m.start();
    await m.settled();
    expect(m.status().map((s) => [s.name, s.state])).toEqual([
      ['everything', 'ready'],
      ['fs', 'ready'],
    ]);
    const names = m.tools().map((t) => t.qualifiedName);
    expect(names).toContain('mcp__everything__get_sum');
    expect(names).toContain('mcp__fs__read_text_file');
    expect(m.tools().find((t) => t.qualifiedName === 'mcp__everything__get_sum')?.tool).toBe('get-sum');
    expect(await m.callTool('everything', 'get-sum', { a: 4, b: 5 })).toMatchObject({ content: [{ type: 'text', text: 'The sum of 4 and 5 is 9.' }] });
    const img = await m.callTool('everything', 'get-tiny-image', {});
    expect(img.content.some((c) => c.type === 'image' && typeof c.data === 'string' && c.mimeType === 'image/png')).toBe(true);
    const read = await m.callTool('fs', 'read_text_file', { path: join(ws, 'hello.txt') });
    expect(read.content[0]).toEqual({ type: 'text', text: 'hello from disk\n' });
    expect(rec.events.filter((e) => e.type === 'mcp_startup_complete')).toEqual([
      { type: 'mcp_startup_complete', ready: expect.arrayContaining(['everything', 'fs']), failed: [], cancelled: [] },
    ]);
  });
});

describe('faulty servers', () => {
  it('reports a server that crashes at start once, with its stderr, and keeps the others', async () => {
    const rec = recorder();
    const m = manager({ crash: faultyServer('crash', ['--mode', 'crash']), ok: faultyServer('ok') }, rec.onEvent);
    m.start();
    await m.settled();
    const failed = rec.events.filter((e) => e.type === 'mcp_startup_update' && e.status.state === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ server: 'crash', status: { state: 'failed' } });
    const error = (failed[0] as { status: { error: string } }).status.error;
    expect(error).toMatch(/^MCP server `crash` failed to start: handshaking with MCP server failed: connection closed \(exit code 1\); server stderr: crash: simulated crash at start-up \(exit 1\)$/);
    expect(m.tools().map((t) => t.qualifiedName)).toContain('mcp__ok__ok_echo');
    expect(await m.callTool('ok', 'ok_echo', { text: 'hi' })).toEqual({ content: [{ type: 'text', text: 'hi' }] });
  });

  it('fails a server that never answers initialize at its start-up timeout; required ones stop the run', async () => {
    const rec = recorder();
    const m = manager({ mute: faultyServer('mute', ['--mode', 'mute'], { startup_timeout_sec: 0.3, required: true }) }, rec.onEvent);
    m.start();
    await expect(m.waitForRequired()).rejects.toThrow(/^required MCP servers failed to initialize: mute: timed out handshaking with MCP server after 0.3s; server stderr: mute: starting in mute mode$/);
    await m.settled();
    expect(m.status()).toEqual([{ name: 'mute', state: 'failed', error: expect.stringMatching(/timed out handshaking/), tools: 0, required: true }]);
    expect(m.pids().every((p) => !alive(p))).toBe(true);
  });

  it('skips garbage lines on stdout', async () => {
    const m = manager({ g: faultyServer('g', ['--mode', 'garbage']) });
    m.start();
    await m.settled();
    expect(await m.callTool('g', 'add_numbers', { a: 2, b: 3 })).toEqual({ content: [{ type: 'text', text: '5' }], structuredContent: { sum: 5 } });
  });

  it('never waits for a slow server: it joins the tool set when ready', async () => {
    const m = manager({ slow: faultyServer('slow', ['--init-delay-ms', '700']) });
    let changed = 0;
    m.onToolsChanged(() => changed++);
    m.start();
    expect(m.tools()).toEqual([]);
    expect(m.status()[0]!.state).toBe('starting');
    await m.settled();
    expect(changed).toBeGreaterThan(0);
    expect(m.tools().map((t) => t.qualifiedName)).toEqual([
      'mcp__slow__slow_echo',
      'mcp__slow__add_numbers',
      'mcp__slow__hang',
      'mcp__slow__crash',
      'mcp__slow__image',
      'mcp__slow__write_note',
      'mcp__slow__ask',
    ]);
  });

  it('a crash mid-call fails the call with the stderr tail and warns once', async () => {
    const rec = recorder();
    const m = manager({ c: faultyServer('c') }, rec.onEvent);
    m.start();
    await m.settled();
    const err = await m.callTool('c', 'crash', {}).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(McpClientError);
    expect((err as McpClientError).code).toBe('connection_closed');
    await until(() => rec.events.some((e) => e.type === 'warning'), 'warning');
    expect(rec.events.filter((e) => e.type === 'warning')).toEqual([
      { type: 'warning', message: "MCP server 'c' closed the connection (exit code 3); server stderr: c: starting in normal mode | c: crashing during tools/call" },
    ]);
    expect(m.tools()).toEqual([]);
  });

  it('cancels a hung call at the tool timeout and on abort, sending notifications/cancelled', async () => {
    const log = join(tempDir(), 'log.jsonl');
    const m = manager({ h: faultyServer('h', ['--log', log], { tool_timeout_sec: 0.3 }) });
    m.start();
    await m.settled();
    await expect(m.callTool('h', 'hang', {})).rejects.toMatchObject({ code: 'call_timeout', message: 'tool call failed for `h/hang`: timed out awaiting tools/call after 0.3s' });
    const ac = new AbortController();
    const p = m.callTool('h', 'hang', {}, { signal: ac.signal, timeoutMs: 60_000 });
    await until(() => loggedMessages(log).filter((x) => x.method === 'tools/call').length === 2, 'second call');
    ac.abort();
    await expect(p).rejects.toMatchObject({ code: 'call_cancelled' });
    await until(() => loggedMessages(log).filter((x) => x.method === 'notifications/cancelled').length === 2, 'two cancellations');
    const calls = loggedMessages(log).filter((x) => x.method === 'tools/call').map((x) => x.id);
    const cancelled = loggedMessages(log).filter((x) => x.method === 'notifications/cancelled').map((x) => x.params?.requestId);
    expect(cancelled).toEqual(calls);
  });

  it('honours tools/list_changed and the enabled/disabled filters', async () => {
    const m = manager({ l: faultyServer('l', [], { disabled_tools: ['hang', 'crash'] }) });
    m.start();
    await m.settled();
    expect(m.tools().map((t) => t.tool)).toEqual(['l_echo', 'add_numbers', 'image', 'write_note', 'ask']);
    await expect(m.callTool('l', 'hang', {})).rejects.toMatchObject({ code: 'tool_disabled' });
    await m.callTool('l', 'write_note', { note: 'x' });
    await until(() => m.tools().some((t) => t.tool === 'late_tool'), 'late_tool');
  });

  it('lists and reads resources and templates', async () => {
    const m = manager({ r: faultyServer('r') });
    m.start();
    await m.settled();
    expect(Object.fromEntries(await m.listAllResources())).toEqual({ r: [{ uri: 'mem://r/readme', name: 'readme', mimeType: 'text/plain' }] });
    expect(Object.fromEntries(await m.listAllResourceTemplates())).toEqual({ r: [{ uriTemplate: 'mem://r/{key}', name: 'by key' }] });
    expect(await m.readResource('r', 'mem://r/readme')).toEqual({ contents: [{ uri: 'mem://r/readme', mimeType: 'text/plain', text: 'contents of mem://r/readme' }] });
  });

  it('kills the whole process group on close', async () => {
    const pidFile = join(tempDir(), 'pids.json');
    const m = manager({ k: faultyServer('k', ['--pid-file', pidFile, '--fork-helper']) });
    m.start();
    await m.settled();
    const { pid, helper } = JSON.parse(readFileSync(pidFile, 'utf8')) as { pid: number; helper: number };
    expect([alive(pid), alive(helper)]).toEqual([true, true]);
    await m.close();
    await until(() => !alive(pid) && !alive(helper), 'server and helper to exit');
  });

  it('reports a command that does not exist', async () => {
    const rec = recorder();
    const m = manager({ nope: { command: '/nonexistent/mcp-server' } }, rec.onEvent);
    m.start();
    await m.settled();
    expect(m.status()[0]).toMatchObject({ state: 'failed', error: expect.stringMatching(/^could not start `\/nonexistent\/mcp-server`: spawn \/nonexistent\/mcp-server ENOENT/) });
  });
});
