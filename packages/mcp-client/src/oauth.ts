// OAuth for streamable HTTP MCP servers (`codex mcp login/logout`): the SDK's authorization-code
// flow with PKCE and dynamic client registration, a one-shot callback server on 127.0.0.1, and
// credentials kept in $CODEX_HOME/.credentials.json (mode 0600, written atomically). Sessions
// use stored tokens (refreshed by the SDK) and never start a browser flow themselves.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import type { OAuthClientInformationMixed, OAuthClientMetadata, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import { McpClientError } from './errors.js';

interface StoredEntry {
  server_name: string;
  server_url: string;
  client_information?: OAuthClientInformationMixed;
  tokens?: OAuthTokens;
  code_verifier?: string;
}

/** `$CODEX_HOME/.credentials.json`. */
export function credentialsPath(codexHome: string): string {
  return join(codexHome, '.credentials.json');
}

function key(name: string, url: string): string {
  return `mcp_oauth:${name}:${url}`;
}

function readStore(codexHome: string): Record<string, StoredEntry> {
  const file = credentialsPath(codexHome);
  if (!existsSync(file)) return {};
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, StoredEntry>) : {};
  } catch (err: unknown) {
    throw new McpClientError('invalid_config', `${file}: not valid JSON (${(err as Error).message}); fix or delete it`);
  }
}

function writeStore(codexHome: string, store: Record<string, StoredEntry>): void {
  mkdirSync(codexHome, { recursive: true, mode: 0o700 });
  const file = credentialsPath(codexHome);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(store, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

/** Whether tokens are stored for this server. */
export function hasMcpCredentials(codexHome: string, name: string, url: string): boolean {
  return readStore(codexHome)[key(name, url)]?.tokens !== undefined;
}

/** Forget a server's credentials; false when none were stored. */
export function logoutMcpServer(codexHome: string, name: string, url: string): boolean {
  const store = readStore(codexHome);
  if (!(key(name, url) in store)) return false;
  delete store[key(name, url)];
  writeStore(codexHome, store);
  return true;
}

/** An OAuthClientProvider over the credentials file. */
export class StoredOAuthProvider implements OAuthClientProvider {
  constructor(
    private readonly codexHome: string,
    private readonly name: string,
    private readonly url: string,
    private readonly opts: { redirectUrl?: string; onRedirect?: (url: URL) => void; scope?: string } = {},
  ) {}

  private entry(): StoredEntry {
    return readStore(this.codexHome)[key(this.name, this.url)] ?? { server_name: this.name, server_url: this.url };
  }

  private update(patch: Partial<StoredEntry>): void {
    const store = readStore(this.codexHome);
    store[key(this.name, this.url)] = { ...this.entry(), ...patch };
    writeStore(this.codexHome, store);
  }

  get redirectUrl(): string | undefined {
    return this.opts.redirectUrl;
  }

  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: 'Codex',
      redirect_uris: this.opts.redirectUrl ? [this.opts.redirectUrl] : [],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      ...(this.opts.scope ? { scope: this.opts.scope } : {}),
    };
  }

  clientInformation(): OAuthClientInformationMixed | undefined {
    return this.entry().client_information;
  }

  saveClientInformation(info: OAuthClientInformationMixed): void {
    this.update({ client_information: info });
  }

  tokens(): OAuthTokens | undefined {
    return this.entry().tokens;
  }

  saveTokens(tokens: OAuthTokens): void {
    this.update({ tokens });
  }

  redirectToAuthorization(url: URL): void {
    if (!this.opts.onRedirect) throw new McpClientError('handshake_failed', `MCP server '${this.name}' needs you to log in: run \`codex mcp login ${this.name}\``);
    this.opts.onRedirect(url);
  }

  saveCodeVerifier(v: string): void {
    this.update({ code_verifier: v });
  }

  codeVerifier(): string {
    const v = this.entry().code_verifier;
    if (!v) throw new McpClientError('handshake_failed', 'no PKCE code verifier saved; start `codex mcp login` again');
    return v;
  }

  invalidateCredentials(scope: 'all' | 'client' | 'tokens' | 'verifier' | 'discovery'): void {
    const e = this.entry();
    if (scope === 'all') this.update({ client_information: undefined, tokens: undefined, code_verifier: undefined } as Partial<StoredEntry>);
    else if (scope === 'client') this.update({ ...e, client_information: undefined });
    else if (scope === 'tokens') this.update({ ...e, tokens: undefined });
    else if (scope === 'verifier') this.update({ ...e, code_verifier: undefined });
  }
}

/**
 * Run the browser login for one server: `onUrl` receives the authorization URL (print it or
 * open a browser); resolves once tokens are stored. Bounded by `timeoutMs` and `signal`.
 */
export async function loginMcpServer(opts: { codexHome: string; name: string; url: string; onUrl: (url: string) => void; scope?: string; timeoutMs?: number; signal?: AbortSignal }): Promise<void> {
  const { auth } = await import('@modelcontextprotocol/sdk/client/auth.js');
  let resolveCode!: (code: string) => void;
  let rejectCode!: (err: Error) => void;
  const code = new Promise<string>((res, rej) => {
    resolveCode = res;
    rejectCode = rej;
  });
  const server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (u.pathname !== '/callback') {
      res.writeHead(404).end();
      return;
    }
    const c = u.searchParams.get('code');
    const err = u.searchParams.get('error');
    res.writeHead(c ? 200 : 400, { 'content-type': 'text/plain; charset=utf-8' }).end(c ? 'Codex is logged in; you can close this tab.\n' : `Login failed: ${err ?? 'no code'}\n`);
    if (c) resolveCode(c);
    else rejectCode(new McpClientError('handshake_failed', `authorization failed: ${err ?? 'no code in the callback'}`));
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', () => res()));
  const port = (server.address() as { port: number }).port;
  const timer = setTimeout(() => rejectCode(new McpClientError('startup_timeout', 'timed out waiting for the browser login')), opts.timeoutMs ?? 300_000);
  const onAbort = (): void => rejectCode(new McpClientError('call_cancelled', 'login cancelled'));
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const provider = new StoredOAuthProvider(opts.codexHome, opts.name, opts.url, {
      redirectUrl: `http://127.0.0.1:${port}/callback`,
      onRedirect: (u) => opts.onUrl(u.toString()),
      ...(opts.scope ? { scope: opts.scope } : {}),
    });
    const first = await auth(provider, { serverUrl: opts.url, ...(opts.scope ? { scope: opts.scope } : {}) });
    if (first === 'AUTHORIZED') return;
    const authorizationCode = await code;
    const second = await auth(provider, { serverUrl: opts.url, authorizationCode });
    if (second !== 'AUTHORIZED') throw new McpClientError('handshake_failed', 'the authorization server did not issue tokens');
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
    server.close();
  }
}
