// A local fake OAuth issuer in front of an MCP endpoint, for `codex mcp login` tests: protected
// resource and authorization server metadata, dynamic client registration, an authorization
// endpoint that approves at once (redirecting to the client's callback with a code, or with
// `error=invalid_request` when PKCE is not S256), a token endpoint that checks the S256
// verifier, and `/mcp` that demands a token it issued (401 with `resource_metadata` otherwise).
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

/** A running fake issuer. */
export interface FakeOAuthIssuer {
  /** Base URL (`http://127.0.0.1:PORT`); the MCP endpoint is `${url}/mcp`. */
  url: string;
  /** Access tokens issued so far. */
  tokens: Set<string>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  let s = '';
  for await (const c of req) s += String(c);
  return s;
}

/** Start the issuer; `mcp` handles authorised requests to `/mcp` (default: 204). */
export async function startFakeOAuthIssuer(opts: { mcp?: (req: IncomingMessage, res: ServerResponse) => void | Promise<void> } = {}): Promise<FakeOAuthIssuer> {
  const clients = new Map<string, string[]>();
  const codes = new Map<string, string>();
  const tokens = new Set<string>();
  let base = '';
  const http = createServer(async (req, res) => {
    const u = new URL(req.url ?? '/', base);
    const json = (status: number, v: unknown): void => void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(v));
    if (u.pathname.startsWith('/.well-known/oauth-protected-resource')) return json(200, { resource: `${base}/mcp`, authorization_servers: [base] });
    if (u.pathname.startsWith('/.well-known/oauth-authorization-server')) {
      return json(200, {
        issuer: base,
        authorization_endpoint: `${base}/authorize`,
        token_endpoint: `${base}/token`,
        registration_endpoint: `${base}/register`,
        response_types_supported: ['code'],
        grant_types_supported: ['authorization_code', 'refresh_token'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['none'],
      });
    }
    if (u.pathname === '/register' && req.method === 'POST') {
      const meta = JSON.parse(await readBody(req)) as { redirect_uris: string[] };
      const id = randomUUID();
      clients.set(id, meta.redirect_uris);
      return json(201, { ...meta, client_id: id });
    }
    if (u.pathname === '/authorize') {
      const redirect = u.searchParams.get('redirect_uri') ?? '';
      if (!clients.get(u.searchParams.get('client_id') ?? '')?.includes(redirect)) return json(400, { error: 'invalid_request' });
      const to = new URL(redirect);
      if (u.searchParams.get('code_challenge_method') !== 'S256') to.searchParams.set('error', 'invalid_request');
      else {
        const code = randomUUID();
        codes.set(code, u.searchParams.get('code_challenge') ?? '');
        to.searchParams.set('code', code);
      }
      const state = u.searchParams.get('state');
      if (state) to.searchParams.set('state', state);
      return void res.writeHead(302, { location: to.toString() }).end();
    }
    if (u.pathname === '/token' && req.method === 'POST') {
      const p = new URLSearchParams(await readBody(req));
      const challenge = codes.get(p.get('code') ?? '');
      if (challenge === undefined || createHash('sha256').update(p.get('code_verifier') ?? '').digest('base64url') !== challenge) return json(400, { error: 'invalid_grant' });
      codes.delete(p.get('code')!);
      const t = randomUUID();
      tokens.add(t);
      return json(200, { access_token: t, token_type: 'Bearer', expires_in: 3600, refresh_token: randomUUID() });
    }
    if (u.pathname === '/mcp') {
      if (!tokens.has((req.headers.authorization ?? '').replace(/^Bearer /, ''))) {
        return void res
          .writeHead(401, { 'www-authenticate': `Bearer resource_metadata="${base}/.well-known/oauth-protected-resource/mcp"`, 'content-type': 'application/json' })
          .end('{"error":"invalid_token"}');
      }
      if (opts.mcp) return void (await opts.mcp(req, res));
      return void res.writeHead(204).end();
    }
    return json(404, { error: 'not found' });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(http.address() as { port: number }).port}`;
  return { url: base, tokens, close: () => new Promise<void>((r) => http.close(() => r())) };
}

/** Play the browser: follow an authorization URL to its callback. */
export async function followAuthorization(authUrl: string): Promise<void> {
  const r = await fetch(authUrl, { redirect: 'manual' });
  const to = r.headers.get('location');
  if (to) await fetch(to);
}
