import { describe, expect, it } from 'vitest';
import { parseMcpServers, toolAllowed } from './config.js';
import { McpClientError } from './errors.js';

describe('parseMcpServers', () => {
  it('resolves every key with defaults', () => {
    const [stdio, http] = parseMcpServers({
      fs: { command: 'node', args: ['s.js'], env: { A: '1' }, env_vars: ['HOME'], cwd: '/w', required: true, tool_timeout_sec: 2.5, enabled_tools: ['read'], default_tools_approval_mode: 'approve', tools: { read: { approval_mode: 'prompt' } } },
      remote: { url: 'http://127.0.0.1:9/mcp', bearer_token_env_var: 'TOK', http_headers: { X: 'y' }, env_http_headers: { 'X-Key': 'KEY_VAR' }, startup_timeout_sec: 3, enabled: false, disabled_tools: ['rm'] },
    });
    expect(stdio).toEqual({
      name: 'fs',
      transport: { type: 'stdio', command: 'node', args: ['s.js'], env: { A: '1' }, env_vars: ['HOME'], cwd: '/w' },
      enabled: true,
      required: true,
      startupTimeoutMs: 30_000,
      toolTimeoutMs: 2500,
      enabledTools: ['read'],
      disabledTools: [],
      approvalMode: 'approve',
      toolApprovalModes: { read: 'prompt' },
    });
    expect(http).toEqual({
      name: 'remote',
      transport: { type: 'streamable_http', url: 'http://127.0.0.1:9/mcp', bearer_token_env_var: 'TOK', http_headers: { X: 'y' }, env_http_headers: { 'X-Key': 'KEY_VAR' } },
      enabled: false,
      required: false,
      startupTimeoutMs: 3000,
      toolTimeoutMs: 60_000,
      disabledTools: ['rm'],
      approvalMode: 'auto',
      toolApprovalModes: {},
    });
    expect(toolAllowed(stdio!, 'read')).toBe(true);
    expect(toolAllowed(stdio!, 'write')).toBe(false);
    expect(toolAllowed(http!, 'rm')).toBe(false);
  });

  it('names the key in errors', () => {
    const err = (t: unknown): string => {
      try {
        parseMcpServers(t);
      } catch (e) {
        expect(e).toBeInstanceOf(McpClientError);
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(err({ a: { command: 'x', startup_timeout_sec: 'soon' } })).toMatch(/^mcp_servers\.a\.startup_timeout_sec: /);
    expect(err({ a: { command: 'x', url: 'http://h' } })).toBe('mcp_servers.a: exactly one of `command` (stdio) or `url` (http) is required');
    expect(err({ a: { url: 'http://h', args: ['x'] } })).toBe('mcp_servers.a.args: args is not supported for streamable_http');
    expect(err({ a: { url: 'http://h', bearer_token: 's' } })).toBe('mcp_servers.a.bearer_token: bearer_token is not supported; use bearer_token_env_var');
    expect(err({ 'bad name': { command: 'x' } })).toMatch(/^mcp_servers\.bad name: /);
    expect(err({ a: { command: 'x', default_tools_approval_mode: 'always' } })).toMatch(/^mcp_servers\.a\.default_tools_approval_mode: /);
  });
});
