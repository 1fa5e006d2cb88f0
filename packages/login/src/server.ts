// The browser sign-in: a one-shot HTTP server on 127.0.0.1 (port 1455, then 1457) that
// receives the issuer's redirect at /auth/callback, checks `state`, exchanges the code with
// the PKCE verifier, saves the tokens and redirects to /success. /cancel ends it (a second
// `codex login` uses it to take over the port). Finishes once: success page served, an
// error page served, cancelled, or aborted.
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_ISSUER, CLIENT_ID, DEFAULT_LOGIN_PORT, FALLBACK_LOGIN_PORT, LOGIN_SCOPES } from './defaults.js';
import { LoginError } from './errors.js';
import { chatgptClaims } from './jwt.js';
import { workspaceViolation } from './restrictions.js';
import { chatgptAuthDotJson, exchangeCodeForTokens, obtainApiKey, revokeStoredTokens, type HttpOptions } from './oauth.js';
import { errorPage, successPage } from './pages.js';
import { generatePkce, generateState, type PkceCodes } from './pkce.js';
import { createAuthStore, type AuthStore } from './store.js';

/** Options for {@link startLoginServer}. */
export interface LoginServerOptions {
  codexHome: string;
  /** Where tokens go (default auth.json). */
  store?: AuthStore;
  issuer?: string;
  clientId?: string;
  /** Where a replaced sign-in's refresh token is revoked (default `{issuer}/oauth/revoke`). */
  revokeUrl?: string;
  /** Default 1455; `0` picks a free port. */
  port?: number;
  /** `originator` query parameter (default `codex_cli_rs`). */
  originator?: string;
  /** `forced_chatgpt_workspace_id`: a sign-in for another workspace is refused and nothing is saved. */
  forcedWorkspaceIds?: string[];
  /** Fixed `state` (tests). */
  forceState?: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

/** A running sign-in. */
export interface LoginServer {
  /** Open this in a browser. */
  readonly authUrl: string;
  readonly port: number;
  /** Resolves when the tokens are saved and the success page was served; rejects with a LoginError otherwise. */
  readonly done: Promise<void>;
  /** Ends the sign-in (`done` rejects with `login_cancelled`). */
  cancel(): void;
}

/** The issuer's authorize URL for this sign-in. */
export function buildAuthorizeUrl(p: {
  issuer: string;
  clientId: string;
  redirectUri: string;
  pkce: PkceCodes;
  state: string;
  originator: string;
  forcedWorkspaceIds?: string[];
}): string {
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: p.clientId,
    redirect_uri: p.redirectUri,
    scope: LOGIN_SCOPES,
    code_challenge: p.pkce.codeChallenge,
    code_challenge_method: 'S256',
    id_token_add_organizations: 'true',
    codex_cli_simplified_flow: 'true',
    state: p.state,
    originator: p.originator,
  });
  // One forced workspace is preselected at the issuer (Codex's `allowed_workspace_id`).
  if (p.forcedWorkspaceIds?.length === 1) q.set('allowed_workspace_id', p.forcedWorkspaceIds[0]!);
  return `${p.issuer}/oauth/authorize?${q.toString().replace(/\+/g, '%20')}`;
}

function listenOnce(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => {
      server.off('listening', onListening);
      reject(err);
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}

function sendCancel(port: number): Promise<void> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/cancel', timeout: 2000, headers: { connection: 'close' } }, (res) => {
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', () => resolve());
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

async function bind(server: Server, port: number): Promise<void> {
  const ports = port === DEFAULT_LOGIN_PORT ? [port, FALLBACK_LOGIN_PORT] : [port];
  let cancelled = false;
  for (const p of ports) {
    for (let attempt = 0; attempt < 10; attempt++) {
      try {
        return await listenOnce(server, p);
      } catch (err: unknown) {
        if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') {
          throw new LoginError('port_in_use', `cannot listen on 127.0.0.1:${p}: ${(err as Error).message}`, { cause: err });
        }
        // Perhaps an earlier `codex login` still waits there: ask it to stop, once.
        if (!cancelled && p === port) {
          cancelled = true;
          await sendCancel(p);
        }
        await sleep(200);
      }
    }
  }
  throw new LoginError('port_in_use', `Port 127.0.0.1:${ports.at(-1)} is already in use; stop the program using it and run \`codex login\` again.`);
}

/** Starts the local callback server; open `authUrl` in a browser, then await `done`. */
export async function startLoginServer(opts: LoginServerOptions): Promise<LoginServer> {
  const store = opts.store ?? createAuthStore({ codexHome: opts.codexHome });
  // Surface a corrupt or read-only store before the user signs in, not after.
  const previous = await store.load();
  await store.assertWritable();
  const issuer = (opts.issuer ?? DEFAULT_ISSUER).replace(/\/+$/, '');
  const clientId = opts.clientId ?? CLIENT_ID;
  const pkce = generatePkce();
  const state = opts.forceState ?? generateState();
  const http: HttpOptions = { ...(opts.fetch ? { fetch: opts.fetch } : {}), ...(opts.signal ? { signal: opts.signal } : {}) };

  let settle!: { resolve: () => void; reject: (err: LoginError) => void };
  const done = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  let finished = false;
  const server = createServer((req, res) => void handle(req, res));
  const finish = (err?: LoginError): void => {
    if (finished) return;
    finished = true;
    server.close();
    // Browsers keep connections alive; without this the port stays taken.
    setImmediate(() => server.closeAllConnections());
    if (err) settle.reject(err);
    else settle.resolve();
  };

  await bind(server, opts.port ?? DEFAULT_LOGIN_PORT);
  const port = (server.address() as AddressInfo).port;
  const redirectUri = `http://localhost:${port}/auth/callback`;
  const authUrl = buildAuthorizeUrl({
    issuer,
    clientId,
    redirectUri,
    pkce,
    state,
    originator: opts.originator ?? 'codex_cli_rs',
    ...(opts.forcedWorkspaceIds ? { forcedWorkspaceIds: opts.forcedWorkspaceIds } : {}),
  });
  opts.signal?.addEventListener('abort', () => finish(new LoginError('login_cancelled', 'Login was not completed')), { once: true });

  const finalPage = (res: ServerResponse, status: number, html: string, err?: LoginError): void => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', connection: 'close' });
    res.end(html, () => finish(err));
  };
  const fail = (res: ServerResponse, code: string, err: LoginError): void => finalPage(res, 200, errorPage(err.message, code), err);

  async function callback(url: URL, res: ServerResponse): Promise<void> {
    const q = url.searchParams;
    if (q.get('state') !== state) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('State mismatch');
      return;
    }
    const error = q.get('error');
    if (error) {
      const desc = q.get('error_description')?.trim();
      return fail(res, error, new LoginError('login_failed', `Sign-in failed: ${desc || error}`));
    }
    const code = q.get('code');
    if (!code) return fail(res, 'missing_authorization_code', new LoginError('login_failed', 'Missing authorization code. Sign-in could not be completed.'));
    let tokens;
    try {
      tokens = await exchangeCodeForTokens({ issuer, clientId, redirectUri, codeVerifier: pkce.codeVerifier, code }, http);
    } catch (err: unknown) {
      return fail(res, 'token_exchange_failed', err instanceof LoginError ? err : new LoginError('token_exchange_failed', String(err), { cause: err }));
    }
    const refused = workspaceViolation(opts.forcedWorkspaceIds, chatgptClaims(tokens.id_token).accountId);
    if (refused) return fail(res, 'workspace_restricted', new LoginError('login_restricted', refused));
    const apiKey = await obtainApiKey({ issuer, clientId, idToken: tokens.id_token }, http);
    try {
      const next = chatgptAuthDotJson(tokens, apiKey);
      await store.save(next);
      if (previous?.tokens?.refresh_token && previous.tokens.refresh_token !== tokens.refresh_token) {
        await revokeStoredTokens(previous, { revokeUrl: opts.revokeUrl ?? `${issuer}/oauth/revoke`, clientId }, http);
      }
    } catch (err: unknown) {
      const e = err instanceof LoginError ? err : new LoginError('auth_file_write_failed', String(err), { cause: err });
      return fail(res, 'persist_failed', new LoginError(e.code, `Signed in, but the credentials could not be saved: ${e.message}`, { cause: e }));
    }
    const claims = chatgptClaims(tokens.id_token);
    const access = chatgptClaims(tokens.access_token);
    const success = new URLSearchParams({
      id_token: tokens.id_token,
      needs_setup: String(!claims.completedPlatformOnboarding && claims.isOrgOwner === true),
      org_id: claims.organizationId ?? '',
      project_id: claims.projectId ?? '',
      plan_type: access.planType ?? '',
      platform_url: issuer === DEFAULT_ISSUER ? 'https://platform.openai.com' : 'https://platform.api.openai.org',
    });
    res.writeHead(302, { location: `http://localhost:${port}/success?${success.toString()}` }).end();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      res.writeHead(400).end('Bad Request');
      return;
    }
    if (finished) {
      res.writeHead(410, { connection: 'close' }).end('Login already finished');
      return;
    }
    switch (url.pathname) {
      case '/auth/callback':
        return callback(url, res);
      case '/success':
        return finalPage(res, 200, successPage());
      case '/cancel':
        res.writeHead(200, { 'content-type': 'text/plain', connection: 'close' });
        res.end('Login cancelled', () => finish(new LoginError('login_cancelled', 'Login cancelled')));
        return;
      default:
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
    }
  }

  return { authUrl, port, done, cancel: () => finish(new LoginError('login_cancelled', 'Login was not completed')) };
}
