// `codex mcp list|get|add|remove` through the built binary against a temp CODEX_HOME.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDirs, FAULTY_MCP_SERVER, followAuthorization, startFakeOAuthIssuer } from '@codex-ts/test-support';

// Temp dirs made here are removed when the file is done.
const tmp = tempDirs(afterAll);

const bin = join(import.meta.dirname, '..', 'bin', 'codex');

function home(text = '# keep me\nmodel = "gpt-5"\n'): string {
  const h = tmp('codex-mcp-cli-');
  writeFileSync(join(h, 'config.toml'), text);
  return h;
}
function codex(h: string, args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { env: { ...process.env, CODEX_HOME: h }, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('codex mcp', () => {
  it('adds, lists, gets and removes servers, keeping the rest of config.toml', () => {
    const h = home();
    expect(codex(h, ['mcp', 'add', 'fs', '--env', 'FOO=bar', '--', 'node', 'server.js', 'WS'])).toEqual({ code: 0, stdout: "Added global MCP server 'fs'.\n", stderr: '' });
    expect(codex(h, ['mcp', 'add', 'remote', '--url', 'http://127.0.0.1:9/mcp', '--bearer-token-env-var', 'MY_TOKEN']).code).toBe(0);
    expect(readFileSync(join(h, 'config.toml'), 'utf8')).toBe(
      '# keep me\nmodel = "gpt-5"\n\n[mcp_servers.fs]\ncommand = "node"\nargs = [ "server.js", "WS" ]\n\n[mcp_servers.fs.env]\nFOO = "bar"\n\n[mcp_servers.remote]\nurl = "http://127.0.0.1:9/mcp"\nbearer_token_env_var = "MY_TOKEN"\n',
    );
    expect(codex(h, ['mcp', 'list']).stdout).toBe(
      [
        'Name  Command  Args          Env        Cwd  Status   Auth',
        'fs    node     server.js WS  FOO=*****  -    enabled  Unsupported',
        '',
        'Name    Url                     Bearer Token Env Var  Status   Auth',
        'remote  http://127.0.0.1:9/mcp  MY_TOKEN              enabled  Bearer token',
        '',
      ].join('\n'),
    );
    const json = JSON.parse(codex(h, ['mcp', 'list', '--json']).stdout) as unknown[];
    expect(json[0]).toEqual({
      name: 'fs',
      enabled: true,
      disabled_reason: null,
      transport: { type: 'stdio', command: 'node', args: ['server.js', 'WS'], env: { FOO: 'bar' }, env_vars: [], cwd: null },
      enabled_tools: null,
      disabled_tools: null,
      startup_timeout_sec: null,
      tool_timeout_sec: null,
      auth_status: 'unsupported',
    });
    expect(codex(h, ['mcp', 'get', 'fs']).stdout).toBe('fs\n  enabled: true\n  transport: stdio\n  command: node\n  args: server.js WS\n  cwd: -\n  env: FOO=*****\n  remove: codex mcp remove fs\n');
    expect(codex(h, ['mcp', 'get', 'nosuch'])).toEqual({ code: 1, stdout: '', stderr: "Error: No MCP server named 'nosuch' found.\n" });
    expect(codex(h, ['mcp', 'remove', 'fs']).stdout).toBe("Removed global MCP server 'fs'.\n");
    expect(codex(h, ['mcp', 'remove', 'fs'])).toEqual({ code: 0, stdout: "No MCP server named 'fs' found.\n", stderr: '' });
    expect(readFileSync(join(h, 'config.toml'), 'utf8')).toBe('# keep me\nmodel = "gpt-5"\n\n[mcp_servers.remote]\nurl = "http://127.0.0.1:9/mcp"\nbearer_token_env_var = "MY_TOKEN"\n');
  });

  it('rejects bad add invocations without touching the file', () => {
    const h = home();
    expect(codex(h, ['mcp', 'add', 'x'])).toMatchObject({ code: 2, stderr: 'Error: codex mcp add: give exactly one of --url URL or -- COMMAND [ARGS...]\n' });
    expect(codex(h, ['mcp', 'add', 'bad name', '--', 'x'])).toMatchObject({ code: 1, stderr: expect.stringMatching(/^Error: mcp_servers\.bad name: /) });
    expect(readFileSync(join(h, 'config.toml'), 'utf8')).toBe('# keep me\nmodel = "gpt-5"\n');
  });

  it('list --status shows live state and does not hang on a mute server', () => {
    const server = (name: string, mode: string) => `[mcp_servers.${name}]\ncommand = ${JSON.stringify(process.execPath)}\nargs = ${JSON.stringify([FAULTY_MCP_SERVER, '--name', name, '--mode', mode])}\nstartup_timeout_sec = 1\n`;
    const h = home(server('ok', 'normal') + server('mute', 'mute') + server('crash', 'crash'));
    const r = codex(h, ['mcp', 'list', '--status']);
    expect(r.code).toBe(0);
    const live = Object.fromEntries(r.stdout.split('\n').slice(1).filter(Boolean).map((l) => [l.split(' ')[0], l.slice(l.indexOf('Unsupported') + 'Unsupported'.length).trim()]));
    expect(live).toEqual({
      crash: 'failed: handshaking with MCP server failed: connection closed (exit code 1); server stderr: crash: simulated crash at start-up (exit 1)',
      mute: 'failed: timed out handshaking with MCP server after 1s; server stderr: mute: starting in mute mode',
      ok: 'ready (7 tools)',
    });
  });

  it('mcp-server answers JSON-RPC on stdout only and exits when stdin closes', () => {
    const h = home();
    const input = [
      { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', id: 2, method: 'tools/list' },
    ].map((m) => JSON.stringify(m)).join('\n') + '\n';
    const r = spawnSync(process.execPath, [bin, 'mcp-server'], { env: { ...process.env, CODEX_HOME: h }, input, encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: number; result: Record<string, unknown> });
    expect(lines.map((l) => l.id)).toEqual([1, 2]);
    expect(lines[0]!.result).toMatchObject({ protocolVersion: '2025-06-18', serverInfo: { name: 'codex-mcp-server' }, capabilities: { tools: { listChanged: true } } });
    expect((lines[1]!.result.tools as { name: string }[]).map((t) => t.name)).toEqual(['codex', 'codex-reply']);
  });

  it('login runs the OAuth flow against the issuer, list shows it, logout forgets it', async () => {
    const issuer = await startFakeOAuthIssuer();
    try {
      const h = home(`[mcp_servers.remote]\nurl = "${issuer.url}/mcp"\n\n[mcp_servers.local]\ncommand = "x"\n`);
      const child = spawn(process.execPath, [bin, 'mcp', 'login', 'remote', '--no-browser'], { env: { ...process.env, CODEX_HOME: h } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        const m = /^(http:\/\/127\.0\.0\.1:\d+\/authorize\?\S+)$/m.exec(stderr);
        if (m && !(child as unknown as { followed?: boolean }).followed) {
          (child as unknown as { followed?: boolean }).followed = true;
          void followAuthorization(m[1]!);
        }
      });
      const code = await new Promise<number | null>((r) => child.on('close', r));
      expect({ code, stdout }).toEqual({ code: 0, stdout: "Successfully logged in to MCP server 'remote'.\n" });
      expect(stderr).toMatch(/^Authorize `remote` by opening this URL in your browser:\nhttp:\/\/127\.0\.0\.1:\d+\/authorize\?/);
      expect(issuer.tokens.size).toBe(1);
      expect(codex(h, ['mcp', 'list']).stdout).toContain('remote  ' + `${issuer.url}/mcp` + '  -                     enabled  OAuth');
      expect(codex(h, ['mcp', 'login', 'local'])).toMatchObject({ code: 1, stderr: 'Error: OAuth login is only supported for streamable HTTP servers.\n' });
      expect(codex(h, ['mcp', 'logout', 'remote']).stdout).toBe("Removed OAuth credentials for 'remote'.\n");
      expect(codex(h, ['mcp', 'logout', 'remote']).stdout).toBe("No OAuth credentials stored for 'remote'.\n");
    } finally {
      await issuer.close();
    }
  });
});
