// `codex login --device-auth`: ask the issuer for a user code, show it, poll until the user
// approved it elsewhere (403/404 mean "not yet", at the issuer's interval, for at most 15
// minutes), then exchange the returned code with the server-issued PKCE verifier.
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_ISSUER, CLIENT_ID } from './defaults.js';
import { LoginError } from './errors.js';
import { assertWorkspaceAllowed } from './restrictions.js';
import { chatgptClaims } from './jwt.js';
import { chatgptAuthDotJson, exchangeCodeForTokens, revokeStoredTokens, tokenErrorDetail } from './oauth.js';
import { createAuthStore, type AuthStore } from './store.js';

/** What the user needs to approve the sign-in. */
export interface DeviceCode {
  verificationUrl: string;
  userCode: string;
  deviceAuthId: string;
  /** Seconds between polls. */
  interval: number;
}

/** Options for {@link runDeviceCodeLogin}. */
export interface DeviceCodeOptions {
  codexHome: string;
  store?: AuthStore;
  issuer?: string;
  clientId?: string;
  /** Where a replaced sign-in's refresh token is revoked (default `{issuer}/oauth/revoke`). */
  revokeUrl?: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** Give up after this long (default 15 minutes). */
  maxWaitMs?: number;
  /** Called once the code is known: show it to the user. */
  onCode: (code: DeviceCode) => void;
  /** `forced_chatgpt_workspace_id`: a sign-in for another workspace is refused and nothing is saved. */
  forcedWorkspaceIds?: string[];
}

async function postJson(url: string, body: unknown, opts: Pick<DeviceCodeOptions, 'fetch' | 'signal'>): Promise<Response> {
  try {
    return await (opts.fetch ?? fetch)(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
  } catch (err: unknown) {
    if (opts.signal?.aborted) throw new LoginError('login_cancelled', 'device code login was cancelled', { cause: err });
    const detail = err instanceof Error && err.cause instanceof Error ? err.cause.message : (err as Error).message;
    throw new LoginError('device_auth_failed', `cannot reach ${url}: ${detail}`, { cause: err });
  }
}

/** Asks the issuer for a user code. */
export async function requestDeviceCode(opts: Omit<DeviceCodeOptions, 'onCode' | 'codexHome'>): Promise<DeviceCode> {
  const base = (opts.issuer ?? DEFAULT_ISSUER).replace(/\/+$/, '');
  const url = `${base}/api/accounts/deviceauth/usercode`;
  const res = await postJson(url, { client_id: opts.clientId ?? CLIENT_ID }, opts);
  const text = await res.text();
  if (res.status === 404) {
    throw new LoginError('device_auth_disabled', 'device code login is not enabled for this Codex server. Use the browser login (`codex login`) or check the issuer URL.');
  }
  if (!res.ok) throw new LoginError('device_auth_failed', `device code request failed with status ${res.status}: ${tokenErrorDetail(text).message}`);
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch (err: unknown) {
    throw new LoginError('device_auth_failed', `device code response from ${url} is not JSON`, { cause: err });
  }
  const userCode = json['user_code'] ?? json['usercode'];
  const deviceAuthId = json['device_auth_id'];
  const interval = Number(String(json['interval'] ?? '5').trim());
  if (typeof userCode !== 'string' || typeof deviceAuthId !== 'string' || !Number.isFinite(interval) || interval < 0) {
    throw new LoginError('device_auth_failed', `device code response from ${url} lacks device_auth_id, user_code or a numeric interval`);
  }
  return { verificationUrl: `${base}/codex/device`, userCode, deviceAuthId, interval };
}

/** Runs the whole device flow and saves the tokens. */
export async function runDeviceCodeLogin(opts: DeviceCodeOptions): Promise<void> {
  const store = opts.store ?? createAuthStore({ codexHome: opts.codexHome });
  const previous = await store.load();
  await store.assertWritable();
  const base = (opts.issuer ?? DEFAULT_ISSUER).replace(/\/+$/, '');
  const clientId = opts.clientId ?? CLIENT_ID;
  const code = await requestDeviceCode({ ...opts, issuer: base, clientId });
  opts.onCode(code);
  const url = `${base}/api/accounts/deviceauth/token`;
  const maxWait = opts.maxWaitMs ?? 15 * 60_000;
  const start = Date.now();
  let granted: Record<string, unknown>;
  for (;;) {
    const res = await postJson(url, { device_auth_id: code.deviceAuthId, user_code: code.userCode }, opts);
    const text = await res.text();
    if (res.ok) {
      try {
        granted = JSON.parse(text) as Record<string, unknown>;
      } catch (err: unknown) {
        throw new LoginError('device_auth_failed', `device auth response from ${url} is not JSON`, { cause: err });
      }
      break;
    }
    if (res.status !== 403 && res.status !== 404) {
      throw new LoginError('device_auth_failed', `device auth failed with status ${res.status}: ${tokenErrorDetail(text).message}`);
    }
    const left = maxWait - (Date.now() - start);
    if (left <= 0) throw new LoginError('device_auth_timeout', 'device auth timed out after 15 minutes; run `codex login --device-auth` again');
    try {
      await sleep(Math.min(code.interval * 1000, left), undefined, opts.signal ? { signal: opts.signal } : undefined);
    } catch (err: unknown) {
      throw new LoginError('login_cancelled', 'device code login was cancelled', { cause: err });
    }
  }
  const { authorization_code: authCode, code_verifier: verifier } = granted;
  if (typeof authCode !== 'string' || typeof verifier !== 'string') {
    throw new LoginError('device_auth_failed', `device auth response from ${url} lacks authorization_code or code_verifier`);
  }
  let tokens;
  try {
    tokens = await exchangeCodeForTokens(
      { issuer: base, clientId, redirectUri: `${base}/deviceauth/callback`, codeVerifier: verifier, code: authCode },
      { ...(opts.fetch ? { fetch: opts.fetch } : {}), ...(opts.signal ? { signal: opts.signal } : {}) },
    );
  } catch (err: unknown) {
    throw new LoginError('token_exchange_failed', `device code exchange failed: ${(err as Error).message}`, { cause: err });
  }
  assertWorkspaceAllowed(opts.forcedWorkspaceIds, chatgptClaims(tokens.id_token).accountId);
  await store.save(chatgptAuthDotJson(tokens, undefined));
  if (previous?.tokens?.refresh_token && previous.tokens.refresh_token !== tokens.refresh_token) {
    await revokeStoredTokens(previous, { revokeUrl: opts.revokeUrl ?? `${base}/oauth/revoke`, clientId }, opts.fetch ? { fetch: opts.fetch } : {});
  }
}
