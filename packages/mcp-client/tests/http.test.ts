// Streamable HTTP servers: a real SDK server on 127.0.0.1 that demands a bearer token and a
// custom header, reached through bearer_token_env_var, http_headers and env_http_headers.
import { createServer, type Server as HttpServer } from 'node:http';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { McpConnectionManager, parseMcpServers } from '../src/index.js';

let http: HttpServer;
let url = '';
const seen: { auth?: string; team?: string; fixed?: string }[] = [];

beforeAll(async () => {
  http = createServer(async (req, res) => {
    seen.push({ auth: req.headers.authorization, team: req.headers['x-team'] as string | undefined, fixed: req.headers['x-fixed'] as string | undefined });
    if (req.headers.authorization !== 'Bearer s3cret') {
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'unauthorized' }));
      return;
    }
    const server = new Server({ name: 'http-test', version: '1.0.0' }, { capabilities: { tools: {} } });
    server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [{ name: 'whoami', inputSchema: { type: 'object' }, annotations: { readOnlyHint: true } }] }));
    server.setRequestHandler(CallToolRequestSchema, async () => ({ content: [{ type: 'text', text: `team ${String(req.headers['x-team'])}` }] }));
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => void transport.close());
    await server.connect(transport);
    await transport.handleRequest(req, res);
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  const addr = http.address() as { port: number };
  url = `http://127.0.0.1:${addr.port}/mcp`;
});
afterAll(() => new Promise<void>((r) => http.close(() => r())));

describe('streamable HTTP', () => {
  it('sends the bearer token and headers from config and env', async () => {
    const m = new McpConnectionManager(
      parseMcpServers({ remote: { url, bearer_token_env_var: 'MY_TOKEN', http_headers: { 'X-Fixed': 'yes' }, env_http_headers: { 'X-Team': 'TEAM_VAR' } } }),
      { env: { MY_TOKEN: 's3cret', TEAM_VAR: 'blue' } },
    );
    try {
      m.start();
      await m.settled();
      expect(m.tools().map((t) => t.qualifiedName)).toEqual(['mcp__remote__whoami']);
      expect(await m.callTool('remote', 'whoami', {})).toEqual({ content: [{ type: 'text', text: 'team blue' }] });
      expect(seen.at(-1)).toEqual({ auth: 'Bearer s3cret', team: 'blue', fixed: 'yes' });
    } finally {
      await m.close();
    }
  });

  it('fails with a clear message when the token is wrong or its variable is unset', async () => {
    const m = new McpConnectionManager(
      parseMcpServers({ bad: { url, bearer_token_env_var: 'MY_TOKEN' }, unset: { url, bearer_token_env_var: 'NOT_SET' } }),
      { env: { MY_TOKEN: 'wrong' } },
    );
    try {
      m.start();
      await m.settled();
      const [bad, unset] = m.status();
      expect(bad).toMatchObject({ state: 'failed', error: 'handshaking with MCP server failed (HTTP 401): Streamable HTTP error: Error POSTing to endpoint: {"error":"unauthorized"}' });
      expect(unset).toMatchObject({ state: 'failed', error: "Environment variable NOT_SET for MCP server 'unset' is not set" });
    } finally {
      await m.close();
    }
  });
});
