// Credential commands: resolve the credential once (no refresh), API-key and access-token
// sign-in, and logout. Sign-ins replace whatever was stored, as Codex does, but never a
// corrupt or read-only auth.json: those are reported and left for the user to look at.
import { AuthManager, type AuthSource, type ResolvedAuth } from './manager.js';
import { LoginError } from './errors.js';
import {
  AGENT_IDENTITY_JWKS_BASE_URL_ENV,
  DEFAULT_CHATGPT_BASE_URL,
  authapiBaseUrl,
  classifyAccessToken,
  decodeAgentIdentityJwt,
  describePersonalAccessToken,
  verifyAgentIdentityJwt,
} from './access-token.js';
import { assertWorkspaceAllowed } from './restrictions.js';
import { revokeStoredTokens } from './oauth.js';
import { createAuthStore, deleteAllCredentials, type AuthStoreOptions } from './store.js';

export type { AuthSource, ResolvedAuth };

/** Options for `resolveAuth`. */
export interface ResolveAuthOptions {
  codexHome: string;
  /** Defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Honour `CODEX_API_KEY` (Codex does so only for `codex exec`). Default true. */
  allowCodexApiKeyEnv?: boolean;
  /** Where credentials are stored (default auth.json). */
  store?: Omit<AuthStoreOptions, 'codexHome'>;
}

/**
 * Resolves the OpenAI credential the way Codex does, without refreshing: `CODEX_API_KEY`
 * env, then the store (its `auth_mode` decides between the key and ChatGPT tokens), then
 * `OPENAI_API_KEY` env (our fallback). Resolves `undefined` when nothing is configured.
 */
export async function resolveAuth(opts: ResolveAuthOptions): Promise<ResolvedAuth | undefined> {
  return new AuthManager({
    codexHome: opts.codexHome,
    ...(opts.env ? { env: opts.env } : {}),
    ...(opts.allowCodexApiKeyEnv !== undefined ? { allowCodexApiKeyEnv: opts.allowCodexApiKeyEnv } : {}),
    store: createAuthStore({ codexHome: opts.codexHome, ...opts.store }),
  }).peek();
}

/** Just the bearer token `resolveAuth` finds, or `undefined`. */
export async function resolveApiKey(opts: ResolveAuthOptions): Promise<string | undefined> {
  return (await resolveAuth(opts))?.token;
}

async function replaceStored(codexHome: string, store: Omit<AuthStoreOptions, 'codexHome'> | undefined, auth: Parameters<ReturnType<typeof createAuthStore>['save']>[0]): Promise<void> {
  const s = createAuthStore({ codexHome, ...store });
  // A corrupt file throws here: it is reported with its path, never silently replaced.
  await s.load();
  await s.save(auth);
}

/**
 * `codex login --with-api-key`: stores `{"auth_mode": "apikey", "OPENAI_API_KEY": key}`
 * (any ChatGPT tokens are dropped, as Codex). Empty or multi-word keys are refused.
 */
export async function loginWithApiKey(codexHome: string, key: string, store?: Omit<AuthStoreOptions, 'codexHome'>): Promise<void> {
  const trimmed = key.trim();
  if (trimmed === '' || /\s/.test(trimmed)) {
    throw new LoginError(
      'invalid_api_key',
      'the API key is empty or contains whitespace; pass exactly one key, e.g. `printenv OPENAI_API_KEY | codex login --with-api-key`',
    );
  }
  await replaceStored(codexHome, store, { auth_mode: 'apikey', OPENAI_API_KEY: trimmed });
}

/** Options for {@link loginWithAccessToken}. */
export interface AccessTokenLoginOptions {
  store?: Omit<AuthStoreOptions, 'codexHome'>;
  /** For `CODEX_AUTHAPI_BASE_URL` / `CODEX_AGENT_IDENTITY_JWKS_BASE_URL`; default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** `forced_chatgpt_workspace_id`. */
  forcedWorkspaceIds?: string[];
  /** config `chatgpt_base_url` (the agent identity JWKS lives under it). */
  chatgptBaseUrl?: string;
  fetch?: typeof fetch;
  originator?: string;
}

/**
 * `codex login --with-access-token`, as Codex 0.169: a personal access token (`at-…`) is
 * described by the auth API (`whoami`), checked against the allowed workspaces and stored
 * alone (`{"OPENAI_API_KEY": null, "personal_access_token": …}`, no `auth_mode`); any other
 * token must be an agent identity JWT that verifies against the backend's JWKS, stored with
 * `auth_mode: "agentIdentity"`. Nothing is written when a check fails.
 */
export async function loginWithAccessToken(codexHome: string, token: string, opts: AccessTokenLoginOptions = {}): Promise<void> {
  const trimmed = token.trim();
  if (trimmed === '' || /\s/.test(trimmed)) {
    throw new LoginError(
      'invalid_access_token',
      'the access token is empty or contains whitespace; pipe exactly one token, e.g. `printenv CODEX_ACCESS_TOKEN | codex login --with-access-token`',
    );
  }
  const env = opts.env ?? process.env;
  const http = { ...(opts.fetch ? { fetch: opts.fetch } : {}) };
  if (classifyAccessToken(trimmed) === 'personalAccessToken') {
    const info = await describePersonalAccessToken(trimmed, { baseUrl: authapiBaseUrl(env), ...http, ...(opts.originator ? { originator: opts.originator } : {}) });
    assertWorkspaceAllowed(opts.forcedWorkspaceIds, info.accountId);
    await replaceStored(codexHome, opts.store, { OPENAI_API_KEY: null, personal_access_token: trimmed });
    return;
  }
  const claims = decodeAgentIdentityJwt(trimmed);
  assertWorkspaceAllowed(opts.forcedWorkspaceIds, claims.account_id);
  const jwksBase = env[AGENT_IDENTITY_JWKS_BASE_URL_ENV]?.trim() || opts.chatgptBaseUrl || DEFAULT_CHATGPT_BASE_URL;
  await verifyAgentIdentityJwt(trimmed, { chatgptBaseUrl: jwksBase, ...http });
  await replaceStored(codexHome, opts.store, { auth_mode: 'agentIdentity', OPENAI_API_KEY: null, agent_identity: trimmed });
}

/** Revocation settings for {@link logout}. */
export interface LogoutRevokeOptions {
  revokeUrl: string;
  clientId: string;
  fetch?: typeof fetch;
}

/**
 * `codex logout`: revokes a stored ChatGPT sign-in at the issuer when `revoke` is given
 * (best effort, as Codex), then removes auth.json and the keyring entry. Resolves `true`
 * when there was something to remove.
 */
export async function logout(codexHome: string, store?: Omit<AuthStoreOptions, 'codexHome'>, revoke?: LogoutRevokeOptions): Promise<boolean> {
  if (revoke) {
    // An unreadable store has nothing we could revoke; removing it is still the point.
    const stored = await createAuthStore({ codexHome, ...store }).load().catch(() => undefined);
    await revokeStoredTokens(stored, revoke, revoke.fetch ? { fetch: revoke.fetch } : {});
  }
  return deleteAllCredentials({ codexHome, ...store });
}
