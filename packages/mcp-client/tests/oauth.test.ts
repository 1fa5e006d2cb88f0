// OAuth for HTTP MCP servers against a local fake issuer: discovery (protected-resource and
// authorization-server metadata), dynamic client registration, authorization code with PKCE
// (S256 checked), tokens stored 0600 in CODEX_HOME, then used by a session; logout forgets them.
import { statSync } from 'node:fs';
import { followAuthorization, startFakeOAuthIssuer, type FakeOAuthIssuer } from '@codex-ts/test-support';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialsPath, hasMcpCredentials, loginMcpServer, logoutMcpServer, McpConnectionManager, parseMcpServers } from '../src/index.js';
import { tempDir } from './helpers.js';

let issuer: FakeOAuthIssuer;
let base = '';

beforeAll(async () => {
  issuer = await startFakeOAuthIssuer({
    mcp: async (req, res) => {
      const server = new Server({ name: 'oauth-test', version: '1.0.0' }, { capabilities: { tools: {} } });
      server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [{ name: 'secret', inputSchema: { type: 'object' } }] }));
      server.setRequestHandler(CallToolRequestSchema, async () => ({ content: [{ type: 'text', text: 'behind oauth' }] }));
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
      res.on('close', () => void transport.close());
      await server.connect(transport);
      await transport.handleRequest(req, res);
    },
  });
  base = issuer.url;
});
afterAll(() => issuer.close());

describe('OAuth login for HTTP MCP servers', () => {
  it('logs in through the browser flow, stores tokens 0600, and sessions use them', async () => {
    const home = tempDir();
    const url = `${base}/mcp`;
    const before = new McpConnectionManager(parseMcpServers({ remote: { url } }), { codexHome: home });
    before.start();
    await before.settled();
    expect(before.status()[0]).toMatchObject({ state: 'failed', error: expect.stringMatching(/\(HTTP 401\).*run `codex mcp login remote`$/) });
    await before.close();

    // The test plays the browser: follow the authorization URL to the callback.
    await loginMcpServer({
      codexHome: home,
      name: 'remote',
      url,
      onUrl: (authUrl) => void followAuthorization(authUrl),
      timeoutMs: 20_000,
    });
    expect(hasMcpCredentials(home, 'remote', url)).toBe(true);
    expect(statSync(credentialsPath(home)).mode & 0o777).toBe(0o600);

    const m = new McpConnectionManager(parseMcpServers({ remote: { url } }), { codexHome: home });
    try {
      m.start();
      await m.settled();
      expect(m.status()[0]).toMatchObject({ state: 'ready', tools: 1 });
      expect(await m.callTool('remote', 'secret', {})).toEqual({ content: [{ type: 'text', text: 'behind oauth' }] });
    } finally {
      await m.close();
    }
    expect(logoutMcpServer(home, 'remote', url)).toBe(true);
    expect(logoutMcpServer(home, 'remote', url)).toBe(false);
    expect(hasMcpCredentials(home, 'remote', url)).toBe(false);
  });

  it('fails a login the issuer rejects, storing no tokens', async () => {
    const home = tempDir();
    const browse = (u: string): Promise<void> => followAuthorization(u.replace('code_challenge_method=S256', 'code_challenge_method=plain'));
    await expect(loginMcpServer({ codexHome: home, name: 'x', url: `${base}/mcp`, onUrl: (u) => void browse(u), timeoutMs: 20_000 })).rejects.toThrow('authorization failed: invalid_request');
    expect(hasMcpCredentials(home, 'x', `${base}/mcp`)).toBe(false);
  });
});
