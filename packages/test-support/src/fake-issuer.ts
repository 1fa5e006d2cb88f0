/**
 * A fake OpenAI auth issuer on 127.0.0.1 for sign-in tests: the browser flow
 * (`/oauth/authorize` answers as a user who signs in at once), the token endpoint
 * (authorization code with PKCE, API-key token exchange, refresh with single-use rotating
 * refresh tokens) and the device-code endpoints. It mints unsigned-but-well-formed JWTs
 * with the ChatGPT claims Codex reads and records every request. It also plays the auth API's
 * `whoami` for personal access tokens and serves an agent identity JWKS (real RS256 key).
 */
import { createHash, generateKeyPairSync, randomBytes, sign as cryptoSign, verify as cryptoVerify } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** Options for {@link startFakeIssuer}. */
export interface FakeIssuerOptions {
  /** Client id the issuer accepts (default Codex's). */
  clientId?: string;
  /** Lifetime of minted access tokens, seconds (default 3600). */
  accessTokenTtlSec?: number;
  accountId?: string;
  email?: string;
  planType?: string;
  /** What the API-key token exchange returns (`null`: refuse it). Default `sk-exchanged-test`. */
  apiKey?: string | null;
  /** Polls answered 403 before a device code counts as approved (default 1). */
  devicePendingPolls?: number;
  /** The poll interval the device-code endpoint announces, seconds (default 0). */
  deviceIntervalSec?: number;
  /** Answer 404 on the device-code endpoints. */
  deviceAuthDisabled?: boolean;
  /** Delay before answering a refresh, ms (widens race windows in tests). */
  refreshDelayMs?: number;
}

/** What the auth API's `whoami` says about a personal access token. */
export interface FakePersonalAccessToken {
  accountId: string;
  email?: string | null;
  planType?: string;
  fedramp?: boolean;
}

/** One request the issuer saw. */
export interface IssuerRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
  /** Form or JSON body fields. */
  fields: Record<string, string>;
}

/** Tokens as the issuer hands them out. */
export interface MintedTokens {
  id_token: string;
  access_token: string;
  refresh_token: string;
}

/** A running fake issuer. */
export interface FakeIssuer {
  /** Base URL (the `issuer`). */
  readonly url: string;
  readonly clientId: string;
  readonly requests: IssuerRequest[];
  /** Successful refreshes so far. */
  refreshCount(): number;
  /** Tokens revoked through `POST /oauth/revoke`, in order. */
  readonly revoked: string[];
  /** Mints tokens whose refresh token the issuer accepts (to seed an auth.json). `ttlSec` may be negative (already expired). */
  mintTokens(opts?: { ttlSec?: number }): MintedTokens;
  /** Makes the next refresh fail with this error code (e.g. `refresh_token_expired`) and status. */
  failNextRefresh(code: string, status?: number): void;
  /** The next `/oauth/authorize` redirects back with `error=…` instead of a code. */
  denyNextAuthorize(error: string, description?: string): void;
  /** `CODEX_AUTHAPI_BASE_URL` for this issuer (serves `/v1/user-auth-credential/whoami`). */
  readonly authapiUrl: string;
  /** `chatgpt_base_url` for this issuer (serves the agent identity JWKS). */
  readonly chatgptBaseUrl: string;
  /** Makes `whoami` accept this personal access token (`at-…`). */
  addPersonalAccessToken(token: string, info: FakePersonalAccessToken): void;
  /** An agent identity JWT signed with the issuer's JWKS key (RS256); `claims` override the defaults. */
  signAgentIdentityJwt(claims?: Record<string, unknown>): string;
  /** Task ids handed out by `POST /api/accounts/v1/agent/{runtime}/task/register` (signature checked). */
  readonly agentTasks: string[];
  /** Checks an `AgentAssertion …` header against the agent's key; resolves its envelope, or undefined when forged. */
  checkAgentAssertion(header: string): { agent_runtime_id: string; task_id: string; timestamp: string } | undefined;
  close(): Promise<void>;
}

const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');

/** A compact JWT with the given payload and a fake signature. */
export function fakeJwt(payload: Record<string, unknown>): string {
  return `${b64({ alg: 'RS256', typ: 'JWT', kid: 'fake' })}.${b64(payload)}.${Buffer.from('fake-signature').toString('base64url')}`;
}

/** Starts a fake issuer on a free port. */
export async function startFakeIssuer(opts: FakeIssuerOptions = {}): Promise<FakeIssuer> {
  const clientId = opts.clientId ?? 'app_EMoamEEZ73f0CkXaXp7hrann';
  const requests: IssuerRequest[] = [];
  const codes = new Map<string, { challenge: string; redirectUri: string; used: boolean }>();
  const refreshTokens = new Map<string, 'valid' | 'used' | 'revoked'>();
  const revoked: string[] = [];
  const devices = new Map<string, { userCode: string; polls: number; verifier: string }>();
  let refreshes = 0;
  let failRefresh: { code: string; status: number } | undefined;
  let denyAuthorize: { error: string; description?: string } | undefined;
  const sockets = new Set<Socket>();
  let url = '';

  const claims = () => ({
    chatgpt_account_id: opts.accountId ?? 'acct_test',
    chatgpt_plan_type: opts.planType ?? 'plus',
    chatgpt_user_id: 'user_test',
  });
  const mintTokens = (o: { ttlSec?: number } = {}): MintedTokens => {
    const now = Math.floor(Date.now() / 1000);
    const exp = now + (o.ttlSec ?? opts.accessTokenTtlSec ?? 3600);
    const jti = randomBytes(6).toString('hex');
    const refresh = `rt_${randomBytes(12).toString('hex')}`;
    refreshTokens.set(refresh, 'valid');
    return {
      id_token: fakeJwt({ iss: url, aud: clientId, iat: now, exp, email: opts.email ?? 'user@example.com', 'https://api.openai.com/auth': claims() }),
      access_token: fakeJwt({ iss: url, iat: now, exp, jti, 'https://api.openai.com/auth': claims() }),
      refresh_token: refresh,
    };
  };

  const pats = new Map<string, FakePersonalAccessToken>();
  const agentKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const agentJwk = { ...agentKey.publicKey.export({ format: 'jwk' }), kid: 'agent-key-1', alg: 'RS256', use: 'sig' };
  const agentSigning = generateKeyPairSync('ed25519');
  const agentTasks: string[] = [];
  const checkAgentAssertion = (header: string): { agent_runtime_id: string; task_id: string; timestamp: string } | undefined => {
    const m = /^AgentAssertion (\S+)$/.exec(header);
    if (!m) return undefined;
    const env = JSON.parse(Buffer.from(m[1]!, 'base64url').toString('utf8')) as Record<string, string>;
    const data = Buffer.from(`${env['agent_runtime_id']}:${env['task_id']}:${env['timestamp']}`);
    if (!cryptoVerify(null, data, agentSigning.publicKey, Buffer.from(env['signature'] ?? '', 'base64'))) return undefined;
    return { agent_runtime_id: env['agent_runtime_id']!, task_id: env['task_id']!, timestamp: env['timestamp']! };
  };
  const signAgentIdentityJwt = (over: Record<string, unknown> = {}): string => {
    const now = Math.floor(Date.now() / 1000);
    const payload = {
      iss: 'https://chatgpt.com/codex-backend/agent-identity',
      aud: 'codex-app-server',
      iat: now,
      exp: now + 3600,
      agent_runtime_id: 'agent-runtime-1',
      agent_private_key: agentSigning.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
      account_id: opts.accountId ?? 'acct_test',
      chatgpt_user_id: 'user_test',
      email: opts.email ?? 'user@example.com',
      plan_type: 'enterprise',
      chatgpt_account_is_fedramp: false,
      ...over,
    };
    const head = b64({ alg: 'RS256', typ: 'JWT', kid: 'agent-key-1' });
    const body = b64(payload);
    return `${head}.${body}.${cryptoSign('RSA-SHA256', Buffer.from(`${head}.${body}`), agentKey.privateKey).toString('base64url')}`;
  };

  const send = (res: ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };

  async function token(req: IssuerRequest, res: ServerResponse): Promise<void> {
    const f = req.fields;
    if (f['client_id'] !== clientId) return send(res, 400, { error: 'invalid_client', error_description: `unknown client ${f['client_id']}` });
    switch (f['grant_type']) {
      case 'authorization_code': {
        const c = codes.get(f['code'] ?? '');
        if (!c || c.used) return send(res, 400, { error: 'invalid_grant', error_description: 'unknown or used code' });
        if (c.redirectUri !== f['redirect_uri']) return send(res, 400, { error: 'invalid_grant', error_description: 'redirect_uri mismatch' });
        const challenge = createHash('sha256').update(f['code_verifier'] ?? '').digest('base64url');
        if (challenge !== c.challenge) return send(res, 400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
        c.used = true;
        return send(res, 200, mintTokens());
      }
      case 'urn:ietf:params:oauth:grant-type:token-exchange': {
        const key = opts.apiKey === undefined ? 'sk-exchanged-test' : opts.apiKey;
        if (key === null) return send(res, 400, { error: 'invalid_request' });
        return send(res, 200, { access_token: key });
      }
      case 'refresh_token': {
        if (opts.refreshDelayMs) await new Promise((r) => setTimeout(r, opts.refreshDelayMs));
        if (failRefresh) {
          const f2 = failRefresh;
          failRefresh = undefined;
          return send(res, f2.status, { error: { code: f2.code, message: `refresh failed: ${f2.code}` } });
        }
        const state = refreshTokens.get(f['refresh_token'] ?? '');
        if (state === 'used') return send(res, 401, { error: { code: 'refresh_token_reused', message: 'refresh token already used' } });
        if (state !== 'valid') return send(res, 401, { error: { code: 'refresh_token_invalidated', message: 'unknown refresh token' } });
        refreshTokens.set(f['refresh_token']!, 'used');
        refreshes++;
        return send(res, 200, mintTokens());
      }
      default:
        return send(res, 400, { error: 'unsupported_grant_type' });
    }
  }

  function authorize(req: IssuerRequest, res: ServerResponse): void {
    const q = req.query;
    const bad = (m: string): void => void res.writeHead(400, { 'content-type': 'text/plain' }).end(m);
    if (q['response_type'] !== 'code') return bad('response_type must be code');
    if (q['client_id'] !== clientId) return bad('unknown client');
    if (q['code_challenge_method'] !== 'S256' || !q['code_challenge']) return bad('PKCE S256 required');
    if (!q['redirect_uri'] || !q['state']) return bad('redirect_uri and state required');
    const back = new URL(q['redirect_uri']);
    back.searchParams.set('state', q['state']);
    if (denyAuthorize) {
      back.searchParams.set('error', denyAuthorize.error);
      if (denyAuthorize.description) back.searchParams.set('error_description', denyAuthorize.description);
      denyAuthorize = undefined;
    } else {
      const code = `code_${randomBytes(8).toString('hex')}`;
      codes.set(code, { challenge: q['code_challenge'], redirectUri: q['redirect_uri'], used: false });
      back.searchParams.set('code', code);
    }
    res.writeHead(302, { location: back.toString() }).end();
  }

  function device(req: IssuerRequest, res: ServerResponse): void {
    if (opts.deviceAuthDisabled) return send(res, 404, { error: 'not_found' });
    const f = req.fields;
    if (req.path.endsWith('/usercode')) {
      if (f['client_id'] !== clientId) return send(res, 400, { error: 'invalid_client' });
      const id = `dev_${randomBytes(6).toString('hex')}`;
      const userCode = `${randomBytes(2).toString('hex').toUpperCase()}-${randomBytes(2).toString('hex').toUpperCase()}`;
      devices.set(id, { userCode, polls: 0, verifier: randomBytes(32).toString('base64url') });
      return send(res, 200, { device_auth_id: id, user_code: userCode, interval: String(opts.deviceIntervalSec ?? 0) });
    }
    const d = devices.get(f['device_auth_id'] ?? '');
    if (!d || d.userCode !== f['user_code']) return send(res, 400, { error: 'invalid_device_code' });
    if (d.polls++ < (opts.devicePendingPolls ?? 1)) return send(res, 403, { error: 'authorization_pending' });
    devices.delete(f['device_auth_id']!);
    const challenge = createHash('sha256').update(d.verifier).digest('base64url');
    const code = `code_${randomBytes(8).toString('hex')}`;
    codes.set(code, { challenge, redirectUri: `${url}/deviceauth/callback`, used: false });
    return send(res, 200, { authorization_code: code, code_challenge: challenge, code_verifier: d.verifier });
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://127.0.0.1');
      const body = Buffer.concat(chunks).toString('utf8');
      const ct = req.headers['content-type'] ?? '';
      let fields: Record<string, string> = {};
      if (ct.includes('application/json')) {
        try {
          fields = JSON.parse(body) as Record<string, string>;
        } catch {
          fields = {};
        }
      } else if (body) fields = Object.fromEntries(new URLSearchParams(body));
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      const rec: IssuerRequest = { method: req.method ?? 'GET', path: u.pathname, query: Object.fromEntries(u.searchParams), headers, body, fields };
      requests.push(rec);
      if (rec.method === 'GET' && rec.path === '/oauth/authorize') return authorize(rec, res);
      if (rec.method === 'GET' && rec.path === '/api/accounts/v1/user-auth-credential/whoami') {
        const pat = pats.get((rec.headers['authorization'] ?? '').replace(/^Bearer /, ''));
        if (!pat) return send(res, 401, { error: { code: 'invalid_token', message: 'unknown access token' } });
        return send(res, 200, {
          email: pat.email === undefined ? 'pat@example.com' : pat.email,
          chatgpt_user_id: 'user_pat',
          chatgpt_account_id: pat.accountId,
          chatgpt_plan_type: pat.planType ?? 'enterprise',
          chatgpt_account_is_fedramp: pat.fedramp ?? false,
        });
      }
      if (rec.method === 'GET' && rec.path === '/backend-api/wham/agent-identities/jwks') return send(res, 200, { keys: [agentJwk] });
      const task = /^\/api\/accounts\/v1\/agent\/([^/]+)\/task\/register$/.exec(rec.path);
      if (rec.method === 'POST' && task) {
        const f = rec.fields;
        const ok = cryptoVerify(null, Buffer.from(`${decodeURIComponent(task[1]!)}:${f['timestamp']}`), agentSigning.publicKey, Buffer.from(f['signature'] ?? '', 'base64'));
        if (!ok) return send(res, 401, { error: { code: 'invalid_signature' } });
        const id = `task_${agentTasks.length + 1}`;
        agentTasks.push(id);
        return send(res, 200, { task_id: id });
      }
      if (rec.method === 'POST' && rec.path === '/oauth/token') return void token(rec, res);
      if (rec.method === 'POST' && rec.path === '/oauth/revoke') {
        const t = rec.fields['token'] ?? '';
        revoked.push(t);
        if (refreshTokens.has(t)) refreshTokens.set(t, 'revoked');
        return send(res, 200, {});
      }
      if (rec.method === 'POST' && rec.path.startsWith('/api/accounts/deviceauth/')) return device(rec, res);
      send(res, 404, { error: 'not_found' });
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    clientId,
    requests,
    refreshCount: () => refreshes,
    revoked,
    mintTokens,
    failNextRefresh: (code, status = 400) => void (failRefresh = { code, status }),
    denyNextAuthorize: (error, description) => void (denyAuthorize = description === undefined ? { error } : { error, description }),
    authapiUrl: `${url}/api/accounts`,
    chatgptBaseUrl: `${url}/backend-api`,
    addPersonalAccessToken: (token, info) => void pats.set(token, info),
    signAgentIdentityJwt,
    agentTasks,
    checkAgentAssertion,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
