// The issuer's token endpoint: authorization-code exchange (form body), the best-effort
// token exchange for an API key, and refresh (JSON body, 60 s budget). Failures are mapped
// to LoginError codes; a dead refresh token (expired, reused, revoked, or any 401) means
// "sign in again", anything else is transient.
import { chatgptClaims } from './jwt.js';
import { LoginError, type LoginErrorCode } from './errors.js';
import type { AuthDotJson } from './auth-file.js';

/** Tokens the issuer returns from a code exchange. */
export interface ExchangedTokens {
  id_token: string;
  access_token: string;
  refresh_token: string;
}

/** HTTP plumbing shared by the token calls. */
export interface HttpOptions {
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

const REFRESH_TIMEOUT_MS = 60_000;

function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

async function post(url: string, body: string, contentType: string, opts: HttpOptions, timeoutMs?: number): Promise<Response> {
  const signals = [opts.signal, timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined].filter((s): s is AbortSignal => s !== undefined);
  return (opts.fetch ?? fetch)(url, {
    method: 'POST',
    headers: { 'content-type': contentType, accept: 'application/json' },
    body,
    ...(signals.length > 0 ? { signal: AbortSignal.any(signals) } : {}),
  });
}

/** The most useful text of an error body: `error_description`, `error.message`, the code, or the raw text. */
export function tokenErrorDetail(body: string): { code?: string; message: string } {
  const trimmed = body.trim();
  if (trimmed === '') return { message: 'unknown error' };
  try {
    const json = JSON.parse(trimmed) as Record<string, unknown>;
    const e = json['error'];
    const obj = e !== null && typeof e === 'object' ? (e as Record<string, unknown>) : undefined;
    const code =
      (typeof e === 'string' && e.trim() ? e : undefined) ??
      (typeof obj?.['code'] === 'string' ? (obj['code'] as string) : undefined) ??
      (typeof json['code'] === 'string' ? (json['code'] as string) : undefined);
    const desc = typeof json['error_description'] === 'string' && json['error_description'].trim() ? (json['error_description'] as string) : undefined;
    const msg = typeof obj?.['message'] === 'string' && (obj['message'] as string).trim() ? (obj['message'] as string) : undefined;
    const message = desc ?? msg ?? code ?? trimmed;
    return code !== undefined ? { code, message } : { message };
  } catch {
    return { message: trimmed };
  }
}

function transport(what: string, url: string, err: unknown, signal?: AbortSignal): LoginError {
  if (signal?.aborted) return new LoginError('login_cancelled', `${what} was cancelled`, { cause: err });
  const detail = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
  return new LoginError(what === 'token refresh' ? 'refresh_failed' : 'token_exchange_failed', `${what} failed: cannot reach ${url}: ${detail}`, { cause: err });
}

/** Exchanges an authorization code (browser or device flow) for tokens. */
export async function exchangeCodeForTokens(
  p: { issuer: string; clientId: string; redirectUri: string; codeVerifier: string; code: string },
  opts: HttpOptions = {},
): Promise<ExchangedTokens> {
  const url = `${p.issuer}/oauth/token`;
  const body = form({ grant_type: 'authorization_code', code: p.code, redirect_uri: p.redirectUri, client_id: p.clientId, code_verifier: p.codeVerifier });
  let res: Response;
  try {
    res = await post(url, body, 'application/x-www-form-urlencoded', opts);
  } catch (err: unknown) {
    throw transport('token exchange', url, err, opts.signal);
  }
  const text = await res.text();
  if (!res.ok) {
    throw new LoginError('token_exchange_failed', `token endpoint returned status ${res.status}: ${tokenErrorDetail(text).message}`);
  }
  const json = safeJson(text);
  const tokens = { id_token: json?.['id_token'], access_token: json?.['access_token'], refresh_token: json?.['refresh_token'] };
  if (typeof tokens.id_token !== 'string' || typeof tokens.access_token !== 'string' || typeof tokens.refresh_token !== 'string') {
    throw new LoginError('token_exchange_failed', `token endpoint ${url} answered without id_token, access_token and refresh_token`);
  }
  return tokens as ExchangedTokens;
}

/** Trades an id token for an API key; undefined when the issuer declines (this step is optional). */
export async function obtainApiKey(p: { issuer: string; clientId: string; idToken: string }, opts: HttpOptions = {}): Promise<string | undefined> {
  const body = form({
    grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
    client_id: p.clientId,
    requested_token: 'openai-api-key',
    subject_token: p.idToken,
    subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
  });
  try {
    const res = await post(`${p.issuer}/oauth/token`, body, 'application/x-www-form-urlencoded', opts);
    if (!res.ok) return undefined;
    const key = safeJson(await res.text())?.['access_token'];
    return typeof key === 'string' && key !== '' ? key : undefined;
  } catch {
    return undefined; // best effort, as Codex: sign-in still succeeds without a key
  }
}

/** Tokens returned by a refresh; absent fields keep their old values. */
export interface RefreshedTokens {
  id_token?: string;
  access_token?: string;
  refresh_token?: string;
}

const SIGN_IN_AGAIN = 'Run `codex login` to sign in again.';

function refreshFailure(status: number, body: string): LoginError {
  const { code, message } = tokenErrorDetail(body);
  const known: Record<string, [LoginErrorCode, string]> = {
    refresh_token_expired: ['refresh_token_expired', 'Your ChatGPT sign-in has expired (the refresh token is no longer valid).'],
    refresh_token_reused: ['refresh_token_reused', 'Your ChatGPT sign-in can no longer be refreshed: its refresh token was already used, probably by another Codex sign-in.'],
    refresh_token_invalidated: ['refresh_token_revoked', 'Your ChatGPT sign-in was revoked.'],
  };
  const hit = code !== undefined ? known[code.toLowerCase()] : undefined;
  if (hit) return new LoginError(hit[0], `${hit[1]} ${SIGN_IN_AGAIN}`);
  if (status === 401) return new LoginError('refresh_rejected', `The issuer rejected your ChatGPT refresh token (${message}). ${SIGN_IN_AGAIN}`);
  return new LoginError('refresh_failed', `token refresh failed: status ${status}: ${message}`);
}

/** POSTs `{client_id, grant_type: "refresh_token", refresh_token}` as JSON (60 s budget). */
export async function requestTokenRefresh(p: { refreshUrl: string; clientId: string; refreshToken: string }, opts: HttpOptions = {}): Promise<RefreshedTokens> {
  const body = JSON.stringify({ client_id: p.clientId, grant_type: 'refresh_token', refresh_token: p.refreshToken });
  let res: Response;
  try {
    res = await post(p.refreshUrl, body, 'application/json', opts, REFRESH_TIMEOUT_MS);
  } catch (err: unknown) {
    throw transport('token refresh', p.refreshUrl, err, opts.signal);
  }
  const text = await res.text();
  if (!res.ok) throw refreshFailure(res.status, text);
  const json = safeJson(text) ?? {};
  const out: RefreshedTokens = {};
  for (const k of ['id_token', 'access_token', 'refresh_token'] as const) {
    const v = json[k];
    if (typeof v === 'string' && v !== '') out[k] = v;
  }
  return out;
}

function safeJson(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Best-effort revocation of a stored ChatGPT sign-in (its refresh token, else its access
 * token), 10 s budget. Resolves false when there was nothing to revoke or the issuer refused.
 */
export async function revokeStoredTokens(auth: AuthDotJson | undefined, p: { revokeUrl: string; clientId: string }, opts: HttpOptions = {}): Promise<boolean> {
  const mode = auth?.auth_mode ?? (auth?.OPENAI_API_KEY != null ? 'apikey' : 'chatgpt');
  const t = mode === 'chatgpt' ? auth?.tokens : undefined;
  if (!t) return false;
  const body = t.refresh_token
    ? { token: t.refresh_token, token_type_hint: 'refresh_token', client_id: p.clientId }
    : t.access_token
      ? { token: t.access_token, token_type_hint: 'access_token' }
      : undefined;
  if (!body) return false;
  try {
    const res = await post(p.revokeUrl, JSON.stringify(body), 'application/json', opts, 10_000);
    await res.text();
    return res.ok;
  } catch {
    return false;
  }
}

/** The auth.json a fresh ChatGPT sign-in produces (account id from the id token's claims). */
export function chatgptAuthDotJson(tokens: ExchangedTokens, apiKey: string | undefined, now = new Date()): AuthDotJson {
  return {
    auth_mode: 'chatgpt',
    OPENAI_API_KEY: apiKey ?? null,
    tokens: { ...tokens, account_id: chatgptClaims(tokens.id_token).accountId ?? null },
    last_refresh: now.toISOString(),
  };
}
