// Codex's fixed sign-in facts (issuer, public client id, callback ports and paths, refresh
// cadence) and the environment variables that point them elsewhere (tests, staging issuers).

/** The OpenAI auth issuer. */
export const DEFAULT_ISSUER = 'https://auth.openai.com';
/** Codex CLI's public OAuth client id. */
export const CLIENT_ID = 'app_EMoamEEZ73f0CkXaXp7hrann';
/** The local callback port Codex registers with the issuer. */
export const DEFAULT_LOGIN_PORT = 1455;
/** The registered fallback port, used when 1455 stays busy. */
export const FALLBACK_LOGIN_PORT = 1457;
/** Scopes asked for in the browser flow. */
export const LOGIN_SCOPES = 'openid profile email offline_access api.connectors.read api.connectors.invoke';
/** Without a JWT `exp`, ChatGPT tokens are refreshed when `last_refresh` is older than this. */
export const TOKEN_REFRESH_INTERVAL_MS = 8 * 24 * 60 * 60 * 1000;
/** Codex refreshes a ChatGPT access token once its `exp` is this close (5 minutes). */
export const ACCESS_TOKEN_REFRESH_WINDOW_MS = 5 * 60 * 1000;
/** The ChatGPT backend the engine talks to in ChatGPT mode. */
export const CHATGPT_CODEX_BASE_URL = 'https://chatgpt.com/backend-api/codex';
/** Keyring service name Codex stores its CLI auth under. */
export const KEYRING_SERVICE = 'Codex Auth';

/** Env: the refresh endpoint (Codex's own override). */
export const REFRESH_TOKEN_URL_ENV = 'CODEX_REFRESH_TOKEN_URL_OVERRIDE';
/** Env: the token revocation endpoint (Codex's own override). */
export const REVOKE_TOKEN_URL_ENV = 'CODEX_REVOKE_TOKEN_URL_OVERRIDE';
/** Env: the issuer for `codex login` and token refresh (ours, for tests and staging). */
export const ISSUER_ENV = 'CODEX_LOGIN_ISSUER';
/** Env: the OAuth client id (ours). */
export const CLIENT_ID_ENV = 'CODEX_LOGIN_CLIENT_ID';
/** Env: the callback port (ours; `0` = any free port). */
export const LOGIN_PORT_ENV = 'CODEX_LOGIN_PORT';

function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

/** Where sign-in requests go: the issuer, client id and token endpoint after env overrides. */
export interface IssuerSettings {
  issuer: string;
  clientId: string;
  /** `POST` here to refresh tokens. */
  refreshUrl: string;
  /** `POST` here to revoke a refresh token (logout, a sign-in replacing another). */
  revokeUrl: string;
}

/** The issuer settings for `env`, with explicit values (CLI flags) winning. */
export function issuerSettings(env: NodeJS.ProcessEnv, explicit: { issuer?: string; clientId?: string } = {}): IssuerSettings {
  const issuer = (explicit.issuer ?? envValue(env, ISSUER_ENV) ?? DEFAULT_ISSUER).replace(/\/+$/, '');
  const refreshOverride = envValue(env, REFRESH_TOKEN_URL_ENV);
  let revokeFromRefresh: string | undefined;
  if (refreshOverride) {
    try {
      revokeFromRefresh = new URL('/oauth/revoke', refreshOverride).toString();
    } catch {
      revokeFromRefresh = undefined; // not a URL: the refresh itself will report it
    }
  }
  return {
    issuer,
    clientId: explicit.clientId ?? envValue(env, CLIENT_ID_ENV) ?? CLIENT_ID,
    refreshUrl: refreshOverride ?? `${issuer}/oauth/token`,
    revokeUrl: envValue(env, REVOKE_TOKEN_URL_ENV) ?? revokeFromRefresh ?? `${issuer}/oauth/revoke`,
  };
}
