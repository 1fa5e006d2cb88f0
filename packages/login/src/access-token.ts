// Codex access tokens (`codex login --with-access-token`, `CODEX_ACCESS_TOKEN`). Codex 0.169
// tells two kinds apart by prefix: `at-…` is a personal access token, anything else an agent
// identity JWT. A personal access token is described by the auth API's `whoami` endpoint
// (account id, plan, FedRAMP) each time it is loaded and is then sent as a bearer token to the
// ChatGPT backend. An agent identity JWT must verify against the backend's JWKS (RS256, fixed
// issuer and audience) before it is stored.
import { createPrivateKey, createPublicKey, sign as cryptoSign, verify, type JsonWebKey } from 'node:crypto';
import { LoginError } from './errors.js';
import { decodeJwtPayload } from './jwt.js';

/** The prefix of a personal access token. */
export const PERSONAL_ACCESS_TOKEN_PREFIX = 'at-';
/** The environment variable Codex reads an access token from. */
export const CODEX_ACCESS_TOKEN_ENV = 'CODEX_ACCESS_TOKEN';
/** Overrides the auth API base URL (whoami). */
export const AUTHAPI_BASE_URL_ENV = 'CODEX_AUTHAPI_BASE_URL';
/** Codex's auth API. */
export const DEFAULT_AUTHAPI_BASE_URL = 'https://auth.openai.com/api/accounts';
/** Overrides the ChatGPT base URL the agent identity JWKS is fetched from. */
export const AGENT_IDENTITY_JWKS_BASE_URL_ENV = 'CODEX_AGENT_IDENTITY_JWKS_BASE_URL';
/** Codex's ChatGPT backend root (`chatgpt_base_url`). */
export const DEFAULT_CHATGPT_BASE_URL = 'https://chatgpt.com/backend-api';
const WHOAMI_PATH = '/v1/user-auth-credential/whoami';
const AGENT_JWT_ISSUER = 'https://chatgpt.com/codex-backend/agent-identity';
const AGENT_JWT_AUDIENCE = 'codex-app-server';

/** Which kind of access token a string is. */
export type AccessTokenKind = 'personalAccessToken' | 'agentIdentity';

/** Codex's rule: the `at-` prefix makes a personal access token; everything else is an agent identity JWT. */
export function classifyAccessToken(token: string): AccessTokenKind {
  return token.startsWith(PERSONAL_ACCESS_TOKEN_PREFIX) ? 'personalAccessToken' : 'agentIdentity';
}

/** The auth API base URL: `CODEX_AUTHAPI_BASE_URL` (trimmed, no trailing slash) or Codex's. */
export function authapiBaseUrl(env: NodeJS.ProcessEnv): string {
  const v = env[AUTHAPI_BASE_URL_ENV]?.trim().replace(/\/+$/, '');
  return v ? v : DEFAULT_AUTHAPI_BASE_URL;
}

/** What `whoami` says about a personal access token. */
export interface PersonalAccessTokenInfo {
  email?: string;
  chatgptUserId: string;
  accountId: string;
  planType: string;
  fedramp: boolean;
}

/** Options for {@link describePersonalAccessToken}. */
export interface WhoamiOptions {
  baseUrl: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** Sent as `originator` (Codex: `codex_cli_rs` / `codex_exec`). */
  originator?: string;
}

/** Asks the auth API who a personal access token belongs to (GET …/whoami with the token as bearer). */
export async function describePersonalAccessToken(token: string, opts: WhoamiOptions): Promise<PersonalAccessTokenInfo> {
  const url = `${opts.baseUrl.replace(/\/+$/, '')}${WHOAMI_PATH}`;
  let res: Response;
  try {
    res = await (opts.fetch ?? fetch)(url, {
      headers: { authorization: `Bearer ${token}`, ...(opts.originator ? { originator: opts.originator } : {}) },
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
  } catch (err: unknown) {
    throw new LoginError('access_token_rejected', `failed to request personal access token metadata: ${(err as Error).message} (${url})`, { cause: err });
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new LoginError('access_token_rejected', `personal access token metadata request failed with status ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch (err: unknown) {
    throw new LoginError('access_token_rejected', `failed to decode personal access token metadata: ${(err as Error).message}`, { cause: err });
  }
  const b = (body !== null && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const need = (k: string): string => {
    const v = b[k];
    if (typeof v !== 'string' || v === '') throw new LoginError('access_token_rejected', `failed to decode personal access token metadata: missing field \`${k}\``);
    return v;
  };
  if (typeof b['chatgpt_account_is_fedramp'] !== 'boolean') {
    throw new LoginError('access_token_rejected', 'failed to decode personal access token metadata: missing field `chatgpt_account_is_fedramp`');
  }
  return {
    ...(typeof b['email'] === 'string' ? { email: b['email'] } : {}),
    chatgptUserId: need('chatgpt_user_id'),
    accountId: need('chatgpt_account_id'),
    planType: need('chatgpt_plan_type'),
    fedramp: b['chatgpt_account_is_fedramp'] === true,
  };
}

/** The claims of an agent identity JWT (all required, as Codex). */
export interface AgentIdentityClaims {
  iss: string;
  aud: string;
  iat: number;
  exp: number;
  agent_runtime_id: string;
  agent_private_key: string;
  account_id: string;
  chatgpt_user_id: string;
  email: string;
  plan_type: string;
  chatgpt_account_is_fedramp: boolean;
}

const STRING_CLAIMS = ['iss', 'aud', 'agent_runtime_id', 'agent_private_key', 'account_id', 'chatgpt_user_id', 'email', 'plan_type'] as const;

/** Reads (does not verify) an agent identity JWT's claims; throws naming the first missing claim. */
export function decodeAgentIdentityJwt(jwt: string): AgentIdentityClaims {
  const payload = decodeJwtPayload(jwt);
  if (!payload) throw new LoginError('invalid_access_token', 'failed to decode agent identity JWT: invalid agent identity JWT format');
  for (const k of STRING_CLAIMS) {
    if (typeof payload[k] !== 'string') throw new LoginError('invalid_access_token', `failed to decode agent identity JWT: missing field \`${k}\``);
  }
  for (const k of ['iat', 'exp'] as const) {
    if (typeof payload[k] !== 'number') throw new LoginError('invalid_access_token', `failed to decode agent identity JWT: missing field \`${k}\``);
  }
  if (typeof payload['chatgpt_account_is_fedramp'] !== 'boolean') {
    throw new LoginError('invalid_access_token', 'failed to decode agent identity JWT: missing field `chatgpt_account_is_fedramp`');
  }
  return payload as unknown as AgentIdentityClaims;
}

/** Where Codex fetches the agent identity JWKS for a ChatGPT base URL. */
export function agentIdentityJwksUrl(chatgptBaseUrl: string): string {
  const base = chatgptBaseUrl.replace(/\/+$/, '');
  if (base.includes('/backend-api')) return `${base}/wham/agent-identities/jwks`;
  if (base.includes('/api/codex')) return `${base}/agent-identities/jwks`;
  return `${base}/api/codex/agent-identities/jwks`;
}

/** Options for {@link verifyAgentIdentityJwt}. */
export interface VerifyAgentJwtOptions {
  chatgptBaseUrl: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  now?: () => number;
}

/**
 * Verifies an agent identity JWT as Codex does before storing it: RS256 with a key from the
 * JWKS (by `kid`), issuer and audience fixed, not expired. Resolves its claims.
 */
export async function verifyAgentIdentityJwt(jwt: string, opts: VerifyAgentJwtOptions): Promise<AgentIdentityClaims> {
  const claims = decodeAgentIdentityJwt(jwt);
  const [h, p, s] = jwt.split('.') as [string, string, string];
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch (err: unknown) {
    throw new LoginError('invalid_access_token', 'failed to decode agent identity JWT header', { cause: err });
  }
  const kid = header['kid'];
  if (typeof kid !== 'string') throw new LoginError('invalid_access_token', 'agent identity JWT header does not include a kid');
  if (header['alg'] !== 'RS256') throw new LoginError('invalid_access_token', `failed to verify agent identity JWT: algorithm ${String(header['alg'])} is not RS256`);
  const url = agentIdentityJwksUrl(opts.chatgptBaseUrl);
  let keys: unknown;
  try {
    const res = await (opts.fetch ?? fetch)(url, { signal: opts.signal ?? AbortSignal.timeout(10_000) });
    if (!res.ok) throw new Error(`HTTP status ${res.status}`);
    keys = ((await res.json()) as { keys?: unknown }).keys;
  } catch (err: unknown) {
    throw new LoginError('access_token_rejected', `failed to fetch agent identity JWKS from ${url}: ${(err as Error).message}`, { cause: err });
  }
  const jwk = Array.isArray(keys) ? (keys as Array<Record<string, unknown>>).find((k) => k['kid'] === kid) : undefined;
  if (!jwk) throw new LoginError('access_token_rejected', `agent identity JWT kid ${kid} is not trusted`);
  let ok = false;
  try {
    const key = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
    ok = verify('RSA-SHA256', Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url'));
  } catch (err: unknown) {
    throw new LoginError('access_token_rejected', `failed to build JWT decoding key: ${(err as Error).message}`, { cause: err });
  }
  const now = Math.floor((opts.now ?? Date.now)() / 1000);
  const why = !ok
    ? 'InvalidSignature'
    : claims.iss !== AGENT_JWT_ISSUER
      ? 'InvalidIssuer'
      : claims.aud !== AGENT_JWT_AUDIENCE
        ? 'InvalidAudience'
        : claims.exp < now - 60
          ? 'ExpiredSignature'
          : undefined;
  if (why) throw new LoginError('access_token_rejected', `failed to verify agent identity JWT: ${why}`);
  return claims;
}

/** Overrides where an agent registers its task (Codex's variable). */
export const AGENT_IDENTITY_AUTHAPI_BASE_URL_ENV = 'CODEX_AGENT_IDENTITY_AUTHAPI_BASE_URL';

/** The agent identity auth API: `CODEX_AGENT_IDENTITY_AUTHAPI_BASE_URL` or Codex's production one. */
export function agentAuthapiBaseUrl(env: NodeJS.ProcessEnv): string {
  const v = env[AGENT_IDENTITY_AUTHAPI_BASE_URL_ENV]?.trim().replace(/\/+$/, '');
  return v ? v : DEFAULT_AUTHAPI_BASE_URL;
}

/** RFC 3339 with whole seconds and `Z`, as Codex stamps agent signatures. */
function stamp(now: number): string {
  return new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function signWithAgentKey(claims: AgentIdentityClaims, payload: string): string {
  let key;
  try {
    key = createPrivateKey({ key: Buffer.from(claims.agent_private_key, 'base64'), format: 'der', type: 'pkcs8' });
  } catch (err: unknown) {
    throw new LoginError('invalid_access_token', 'stored agent identity private key is not valid PKCS#8', { cause: err });
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new LoginError('invalid_access_token', 'stored agent identity private key is not an Ed25519 key');
  return cryptoSign(null, Buffer.from(payload), key).toString('base64');
}

/** Options for {@link registerAgentTask}. */
export interface AgentTaskOptions {
  authapiBaseUrl: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  now?: () => number;
}

/**
 * Registers this run as a task of the agent (POST `{authapi}/v1/agent/{runtime}/task/register`
 * with `{timestamp, signature}`, the signature over `runtime:timestamp`); resolves the task id.
 */
export async function registerAgentTask(claims: AgentIdentityClaims, opts: AgentTaskOptions): Promise<string> {
  const timestamp = stamp((opts.now ?? Date.now)());
  const body = JSON.stringify({ timestamp, signature: signWithAgentKey(claims, `${claims.agent_runtime_id}:${timestamp}`) });
  const url = `${opts.authapiBaseUrl.replace(/\/+$/, '')}/v1/agent/${encodeURIComponent(claims.agent_runtime_id)}/task/register`;
  let res: Response;
  try {
    res = await (opts.fetch ?? fetch)(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: opts.signal ?? AbortSignal.timeout(30_000),
    });
  } catch (err: unknown) {
    throw new LoginError('access_token_rejected', `failed to register agent task: ${(err as Error).message} (${url})`, { cause: err });
  }
  const text = await res.text();
  if (!res.ok) throw new LoginError('access_token_rejected', `failed to register agent task with status ${res.status}: ${text.slice(0, 512)}`);
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch (err: unknown) {
    throw new LoginError('access_token_rejected', 'failed to decode agent task registration response', { cause: err });
  }
  const id = parsed['task_id'] ?? parsed['taskId'];
  if (typeof id === 'string' && id !== '') return id;
  if (parsed['encrypted_task_id'] !== undefined || parsed['encryptedTaskId'] !== undefined) {
    throw new LoginError('access_token_rejected', 'the agent task id came back encrypted (sealed box), which codex-ts cannot open yet');
  }
  throw new LoginError('access_token_rejected', 'agent task registration response omitted task id');
}

/**
 * The `Authorization` value for one request of an agent task: `AgentAssertion ` + base64url of
 * `{"agent_runtime_id","signature","task_id","timestamp"}`, the signature over `runtime:task:timestamp`.
 */
export function agentAssertion(claims: AgentIdentityClaims, taskId: string, now: number = Date.now()): string {
  const timestamp = stamp(now);
  const signature = signWithAgentKey(claims, `${claims.agent_runtime_id}:${taskId}:${timestamp}`);
  const envelope = JSON.stringify({ agent_runtime_id: claims.agent_runtime_id, signature, task_id: taskId, timestamp });
  return `AgentAssertion ${Buffer.from(envelope).toString('base64url')}`;
}
