// Which credential applies, in Codex 0.169's order, and whether it passes the configured
// restrictions. Kept apart from the AuthManager (which adds caching and refresh) so the rules
// read in one place.
import { CODEX_ACCESS_TOKEN_ENV, classifyAccessToken, decodeAgentIdentityJwt, type PersonalAccessTokenInfo } from './access-token.js';
import { LoginError } from './errors.js';
import { chatgptClaims } from './jwt.js';
import { assertWorkspaceAllowed, type LoginRestrictions } from './restrictions.js';
import type { AuthDotJson } from './auth-file.js';
import type { AuthSource, CredentialKind, Identified } from './manager.js';

/** How a stored credential is used: its `auth_mode`, or for files without one a personal access token, an API key, else ChatGPT tokens. */
export type StoredMode = CredentialKind | 'chatgptAuthTokens' | 'unknown';

const KNOWN_MODES = new Set<string>(['apikey', 'chatgpt', 'chatgptAuthTokens', 'agentIdentity', 'personalAccessToken']);

/** Codex's rule: `auth_mode` if present, else a personal access token, else an API key, else ChatGPT. */
export function storedMode(auth: AuthDotJson): StoredMode {
  if (auth.auth_mode) return KNOWN_MODES.has(auth.auth_mode) ? (auth.auth_mode as StoredMode) : 'unknown';
  if (typeof auth['personal_access_token'] === 'string') return 'personalAccessToken';
  return auth.OPENAI_API_KEY != null ? 'apikey' : 'chatgpt';
}

/** Where credentials can come from. */
export interface CredentialSources {
  env: NodeJS.ProcessEnv;
  allowCodexApiKeyEnv: boolean;
  /** Our fallback to OPENAI_API_KEY (Codex has none; `codex login status` does not use it). */
  allowOpenAiApiKeyEnv: boolean;
  stored: () => Promise<AuthDotJson | undefined>;
  /** Names the store in errors. */
  where: string;
  whoami: (token: string) => Promise<PersonalAccessTokenInfo>;
}

function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

/** `chatgpt` for every ChatGPT-backed kind (what `forced_login_method = "chatgpt"` allows), else `api`. */
export function methodOf(kind: CredentialKind): 'chatgpt' | 'api' {
  return kind === 'apikey' ? 'api' : 'chatgpt';
}

function allowed(r: LoginRestrictions, kind: CredentialKind): boolean {
  return !r.forcedLoginMethod || r.forcedLoginMethod === methodOf(kind);
}

async function fromAccessToken(token: string, source: AuthSource, s: CredentialSources, r: LoginRestrictions): Promise<Identified> {
  if (classifyAccessToken(token) === 'personalAccessToken') {
    const info = await s.whoami(token);
    assertWorkspaceAllowed(r.forcedWorkspaceIds, info.accountId);
    return {
      kind: 'personalAccessToken',
      source,
      accountId: info.accountId,
      auth: { mode: 'chatgpt', kind: 'personalAccessToken', token, source, accountId: info.accountId, ...(info.fedramp ? { fedramp: true } : {}) },
    };
  }
  const claims = decodeAgentIdentityJwt(token);
  assertWorkspaceAllowed(r.forcedWorkspaceIds, claims.account_id);
  return { kind: 'agentIdentity', source, accountId: claims.account_id, agent: { jwt: token, claims } };
}

function fromStoredFile(file: AuthDotJson, s: CredentialSources, r: LoginRestrictions, mode: string): Promise<Identified> | Identified | undefined {
  switch (mode) {
    case 'apikey': {
      const key = file.OPENAI_API_KEY?.trim();
      if (!key) throw new LoginError('auth_file_invalid', `${s.where}: auth_mode is "apikey" but OPENAI_API_KEY is empty; run \`codex login --with-api-key\` again`);
      return { kind: 'apikey', source: 'auth.json', apiKey: key, auth: { mode: 'api_key', kind: 'apikey', token: key, source: 'auth.json' } };
    }
    case 'chatgpt':
    case 'chatgptAuthTokens': {
      const t = file.tokens;
      if (!t?.access_token) throw new LoginError('auth_file_invalid', `${s.where}: ChatGPT sign-in without tokens; run \`codex login\` to sign in again`);
      const accountId = t.account_id ?? chatgptClaims(t.id_token).accountId;
      // Codex drops a ChatGPT sign-in for another workspace (it is "not logged in").
      if (r.forcedWorkspaceIds && (accountId === undefined || !r.forcedWorkspaceIds.includes(accountId))) return undefined;
      return {
        kind: 'chatgpt',
        source: 'chatgpt',
        ...(accountId ? { accountId } : {}),
        auth: { mode: 'chatgpt', kind: 'chatgpt', token: t.access_token, source: 'chatgpt', ...(t.account_id ? { accountId: t.account_id } : {}) },
      };
    }
    case 'personalAccessToken': {
      const pat = file['personal_access_token'];
      if (typeof pat !== 'string' || pat.trim() === '') throw new LoginError('auth_file_invalid', `${s.where}: personal access token auth is missing a personal access token.`);
      return fromAccessToken(pat.trim(), 'personal_access_token', s, r);
    }
    case 'agentIdentity': {
      const jwt = file.agent_identity;
      if (typeof jwt !== 'string') {
        // A record Codex registered for a ChatGPT sign-in: it carries its own account id.
        const rec = jwt as Record<string, unknown> | null | undefined;
        if (!rec) throw new LoginError('auth_file_invalid', `${s.where}: agent identity auth is missing agent identity auth material.`);
        const accountId = typeof rec['account_id'] === 'string' ? rec['account_id'] : undefined;
        assertWorkspaceAllowed(r.forcedWorkspaceIds, accountId);
        return { kind: 'agentIdentity', source: 'auth.json', ...(accountId ? { accountId } : {}) };
      }
      return fromAccessToken(jwt, 'auth.json', s, r);
    }
    default:
      throw new LoginError(
        'unsupported_auth_mode',
        `${s.where} uses auth_mode "${String(file.auth_mode)}", which codex-ts does not know (written by a newer Codex?); run \`codex login\` to sign in again.`,
      );
  }
}

/** Resolves the credential in Codex's order under `r` (see AuthManager.identify). */
export async function identifyCredential(s: CredentialSources, r: LoginRestrictions): Promise<Identified | undefined> {
  if (s.allowCodexApiKeyEnv && allowed(r, 'apikey')) {
    const key = envValue(s.env, 'CODEX_API_KEY');
    if (key) return { kind: 'apikey', source: 'CODEX_API_KEY', apiKey: key, auth: { mode: 'api_key', kind: 'apikey', token: key, source: 'CODEX_API_KEY' } };
  }
  if (allowed(r, 'agentIdentity')) {
    const token = envValue(s.env, CODEX_ACCESS_TOKEN_ENV);
    if (token) return fromAccessToken(token, 'CODEX_ACCESS_TOKEN', s, r);
  }
  const file = await s.stored();
  if (file) {
    const mode = storedMode(file);
    const kind = (mode === 'chatgptAuthTokens' ? 'chatgpt' : mode) as CredentialKind;
    // A stored credential of a refused kind counts as none (Codex: "Not logged in").
    if (mode !== 'unknown' && !allowed(r, kind)) return undefined;
    return fromStoredFile(file, s, r, mode);
  }
  if (s.allowOpenAiApiKeyEnv && allowed(r, 'apikey')) {
    const key = envValue(s.env, 'OPENAI_API_KEY');
    if (key) return { kind: 'apikey', source: 'OPENAI_API_KEY', apiKey: key, auth: { mode: 'api_key', kind: 'apikey', token: key, source: 'OPENAI_API_KEY' } };
  }
  return undefined;
}

/** Codex's start-up message for a credential that violates `r`, or undefined. */
export function restrictionViolation(r: LoginRestrictions, found: Identified, file: AuthDotJson | undefined): string | undefined {
  if (r.forcedLoginMethod && r.forcedLoginMethod !== methodOf(found.kind)) {
    return r.forcedLoginMethod === 'api'
      ? 'API key login is required, but ChatGPT is currently being used. Logging out.'
      : 'ChatGPT login is required, but an API key is currently being used. Logging out.';
  }
  if (!r.forcedWorkspaceIds || found.kind === 'apikey') return undefined;
  // Codex checks a ChatGPT sign-in's id token claim, an access token's own account id.
  const actual = found.kind === 'chatgpt' && file?.tokens ? chatgptClaims(file.tokens.id_token).accountId : found.accountId;
  if (actual !== undefined && r.forcedWorkspaceIds.includes(actual)) return undefined;
  const expected = r.forcedWorkspaceIds.join(', ');
  return actual !== undefined
    ? `Login is restricted to workspace(s) ${expected}, but current credentials belong to ${actual}. Logging out.`
    : `Login is restricted to workspace(s) ${expected}, but current credentials lack a workspace identifier. Logging out.`;
}
