// AuthManager: the engine's view of the stored credential. It resolves which token a request
// carries (CODEX_API_KEY env, the store, OPENAI_API_KEY env), refreshes ChatGPT tokens before
// they expire and once after a 401, and keeps concurrent refreshers apart: one refresh at a
// time per process, the auth.json.lock across processes, the store re-read under the lock (a
// token someone else already refreshed is adopted, never refreshed twice), temp + rename writes.
import { ACCESS_TOKEN_REFRESH_WINDOW_MS, TOKEN_REFRESH_INTERVAL_MS, issuerSettings, type IssuerSettings } from './defaults.js';
import {
  AGENT_IDENTITY_JWKS_BASE_URL_ENV,
  DEFAULT_CHATGPT_BASE_URL,
  agentAssertion,
  agentAuthapiBaseUrl,
  authapiBaseUrl,
  describePersonalAccessToken,
  registerAgentTask,
  verifyAgentIdentityJwt,
  type AgentIdentityClaims,
  type PersonalAccessTokenInfo,
} from './access-token.js';
import { identifyCredential, restrictionViolation, storedMode, type CredentialSources } from './credential.js';
import type { LoginRestrictions } from './restrictions.js';
import { LoginError, needsSignInAgain } from './errors.js';
import { jwtExpiresAt } from './jwt.js';
import { withAuthLock, type AuthLockOptions } from './lock.js';
import { requestTokenRefresh } from './oauth.js';
import { createAuthStore, type AuthStore, type CredentialsStoreMode } from './store.js';
import type { AuthDotJson } from './auth-file.js';

/** Where a resolved credential came from. */
export type AuthSource = 'CODEX_API_KEY' | 'auth.json' | 'chatgpt' | 'OPENAI_API_KEY' | 'personal_access_token' | 'CODEX_ACCESS_TOKEN';

/** What kind of sign-in a credential is (what `codex login status` names). */
export type CredentialKind = 'apikey' | 'chatgpt' | 'personalAccessToken' | 'agentIdentity';

/** A credential ready to send as `Authorization: Bearer <token>`. */
export interface ResolvedAuth {
  /** `api_key` for keys (sent to the API); `chatgpt` for ChatGPT-backed tokens (sent to the ChatGPT backend). */
  mode: 'api_key' | 'chatgpt';
  kind: CredentialKind;
  token: string;
  source: AuthSource;
  /** The ChatGPT account id, sent as `ChatGPT-Account-ID` (ChatGPT-backed tokens only). */
  accountId?: string;
  /** The account is a FedRAMP one: requests carry `X-OpenAI-Fedramp: true`. */
  fedramp?: boolean;
  /** The whole `Authorization` value when it is not `Bearer <token>` (an agent assertion, fresh per call). */
  authorization?: string;
}

/** A stored or environment credential, usable or not (an agent identity cannot sign requests yet). */
export interface Identified {
  kind: CredentialKind;
  source: AuthSource;
  /** The API key (apikey kind only; `codex login status` masks it). */
  apiKey?: string;
  accountId?: string;
  /** Set for every kind sent as a bearer token; absent for an agent identity (signed per request). */
  auth?: ResolvedAuth;
  /** An agent identity JWT and its claims. */
  agent?: { jwt: string; claims: AgentIdentityClaims };
}

/** The slice of a pino logger the manager uses. */
export interface AuthLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** Options for {@link AuthManager}. */
export interface AuthManagerOptions {
  codexHome: string;
  /** Defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Honour `CODEX_API_KEY` (Codex does so only for `codex exec`). Default true. */
  allowCodexApiKeyEnv?: boolean;
  /** Fall back to `OPENAI_API_KEY` env when nothing else is configured (ours, not Codex's). Default true. */
  allowOpenAiApiKeyEnv?: boolean;
  /** `cli_auth_credentials_store` (default `file`); ignored when `store` is given. */
  storeMode?: CredentialsStoreMode;
  store?: AuthStore;
  /** Told when `auto` falls back from the keyring to auth.json. */
  onNotice?: (message: string) => void;
  /** Issuer / client id / refresh URL; default from env (see `issuerSettings`). */
  issuer?: Partial<IssuerSettings>;
  fetch?: typeof fetch;
  logger?: AuthLogger;
  /** Refresh this long before the access token's `exp` (default 5 minutes, as Codex). */
  refreshSkewMs?: number;
  lock?: AuthLockOptions;
  /** `forced_login_method` / `forced_chatgpt_workspace_id`. */
  restrictions?: LoginRestrictions;
  /** Sent as `originator` to the auth API. */
  originator?: string;
  /** config `chatgpt_base_url`: where an agent identity's JWKS is fetched (default Codex's). */
  chatgptBaseUrl?: string;
  /** Clock (tests). */
  now?: () => number;
}

export { storedMode };

/** Resolves credentials for one CODEX_HOME and keeps ChatGPT tokens fresh. */
export class AuthManager {
  private readonly env: NodeJS.ProcessEnv;
  private readonly store: AuthStore;
  private readonly issuer: IssuerSettings;
  private readonly now: () => number;
  private cached: AuthDotJson | undefined;
  private loaded = false;
  private refreshing: Promise<void> = Promise.resolve();
  private deadRefreshToken: { token: string; error: LoginError } | undefined;
  private readonly patInfo = new Map<string, Promise<PersonalAccessTokenInfo>>();
  private agentTask: { jwt: string; task: Promise<string> } | undefined;

  constructor(private readonly opts: AuthManagerOptions) {
    this.env = opts.env ?? process.env;
    this.store =
      opts.store ??
      createAuthStore({ codexHome: opts.codexHome, mode: opts.storeMode ?? 'file', ...(opts.onNotice ? { onNotice: opts.onNotice } : {}) });
    this.issuer = { ...issuerSettings(this.env), ...opts.issuer };
    this.now = opts.now ?? Date.now;
  }

  private async stored(): Promise<AuthDotJson | undefined> {
    if (!this.loaded) {
      this.cached = await this.store.load();
      this.loaded = true;
    }
    return this.cached;
  }

  /** The credential as stored right now, without refreshing. Throws for unusable stored auth. */
  async peek(): Promise<ResolvedAuth | undefined> {
    const found = await this.identify();
    if (!found) return undefined;
    if (!found.auth && found.agent) return this.agentAuth(found.agent, found.source);
    if (!found.auth) {
      throw new LoginError(
        'unsupported_auth_mode',
        `${found.source === 'CODEX_ACCESS_TOKEN' ? 'CODEX_ACCESS_TOKEN' : this.store.describe()} holds an agent identity record without its JWT (registered by Codex for a ChatGPT sign-in), which codex-ts cannot sign requests with; run \`codex login\` to sign in again.`,
      );
    }
    return found.auth;
  }

  /**
   * Which credential applies, in Codex's order (CODEX_API_KEY env, CODEX_ACCESS_TOKEN env,
   * the store, then OPENAI_API_KEY env as our fallback), honouring `forced_login_method` and
   * `forced_chatgpt_workspace_id`: a credential of a refused kind or a ChatGPT sign-in for
   * another workspace counts as none; an access token for another workspace is an error.
   */
  async identify(): Promise<Identified | undefined> {
    return identifyCredential(this.sources(), this.opts.restrictions ?? {});
  }

  /**
   * Codex's start-up check: when a restriction is configured and the credential in use
   * violates it, every store is cleared and `login_restricted` is thrown with Codex's
   * "… Logging out." message. The OPENAI_API_KEY fallback is never logged out.
   */
  async enforceRestrictions(): Promise<void> {
    const r = this.opts.restrictions ?? {};
    if (!r.forcedLoginMethod && !r.forcedWorkspaceIds) return;
    const found = await identifyCredential(this.sources(), {});
    if (!found || found.source === 'OPENAI_API_KEY') return;
    const message = restrictionViolation(r, found, this.cached);
    if (!message) return;
    let removal = '';
    try {
      await this.store.delete();
    } catch (err: unknown) {
      removal = `. Failed to remove auth.json: ${(err as Error).message}`;
    }
    this.invalidate();
    throw new LoginError('login_restricted', `${message}${removal}`);
  }

  private sources(): CredentialSources {
    return {
      env: this.env,
      allowCodexApiKeyEnv: this.opts.allowCodexApiKeyEnv !== false,
      allowOpenAiApiKeyEnv: this.opts.allowOpenAiApiKeyEnv !== false,
      stored: () => this.stored(),
      where: this.store.describe(),
      whoami: (token) => this.whoami(token),
    };
  }

  /**
   * An agent identity signs each request: once per process its JWT is verified against the
   * JWKS and a task is registered with the agent auth API, then every call returns a fresh
   * `AgentAssertion` for that task.
   */
  private async agentAuth(agent: { jwt: string; claims: AgentIdentityClaims }, source: AuthSource): Promise<ResolvedAuth> {
    const { claims } = agent;
    if (!this.agentTask || this.agentTask.jwt !== agent.jwt) {
      const http = { ...(this.opts.fetch ? { fetch: this.opts.fetch } : {}) };
      const jwksBase = this.env[AGENT_IDENTITY_JWKS_BASE_URL_ENV]?.trim() || this.opts.chatgptBaseUrl || DEFAULT_CHATGPT_BASE_URL;
      const task = (async () => {
        await verifyAgentIdentityJwt(agent.jwt, { chatgptBaseUrl: jwksBase, ...http });
        return registerAgentTask(claims, { authapiBaseUrl: agentAuthapiBaseUrl(this.env), ...http });
      })();
      const entry = { jwt: agent.jwt, task };
      // A failed registration is not kept: the next request tries again.
      task.catch(() => {
        if (this.agentTask === entry) this.agentTask = undefined;
      });
      this.agentTask = entry;
    }
    const taskId = await this.agentTask.task;
    const header = agentAssertion(claims, taskId, this.now());
    return {
      mode: 'chatgpt',
      kind: 'agentIdentity',
      token: header,
      authorization: header,
      source,
      accountId: claims.account_id,
      ...(claims.chatgpt_account_is_fedramp ? { fedramp: true } : {}),
    };
  }

  private whoami(token: string): Promise<PersonalAccessTokenInfo> {
    let p = this.patInfo.get(token);
    if (!p) {
      p = describePersonalAccessToken(token, {
        baseUrl: authapiBaseUrl(this.env),
        ...(this.opts.fetch ? { fetch: this.opts.fetch } : {}),
        ...(this.opts.originator ? { originator: this.opts.originator } : {}),
      });
      // A failed look-up is not cached: the next request asks again.
      p.catch(() => this.patInfo.delete(token));
      this.patInfo.set(token, p);
    }
    return p;
  }

  /** True when a ChatGPT sign-in should be refreshed before use (JWT `exp`, else `last_refresh` older than 8 days). */
  isStale(file: AuthDotJson): boolean {
    if (storedMode(file) !== 'chatgpt' || !file.tokens) return false;
    const exp = jwtExpiresAt(file.tokens.access_token);
    if (exp !== undefined) return exp - (this.opts.refreshSkewMs ?? ACCESS_TOKEN_REFRESH_WINDOW_MS) <= this.now();
    if (!file.last_refresh) return false;
    const at = Date.parse(file.last_refresh);
    return Number.isFinite(at) && at < this.now() - TOKEN_REFRESH_INTERVAL_MS;
  }

  /**
   * The credential for the next request, refreshing a stale ChatGPT token first. A refresh
   * that needs a new sign-in throws; a transient refresh failure is logged and the current
   * token is used (the server decides).
   */
  async current(signal?: AbortSignal): Promise<ResolvedAuth | undefined> {
    const auth = await this.peek();
    if (auth?.source !== 'chatgpt') return auth;
    const file = await this.stored();
    if (!file || !this.isStale(file)) return auth;
    try {
      await this.refresh('stale', auth.token, signal);
    } catch (err: unknown) {
      if (needsSignInAgain(err) || !(err instanceof LoginError) || err.code === 'auth_file_read_only') throw err;
      this.opts.logger?.warn({ err: err.message }, 'proactive token refresh failed; using the current token');
      return auth;
    }
    return this.peek();
  }

  /**
   * After a 401: adopt a token another process refreshed meanwhile, or refresh once.
   * Resolves undefined when the credential is not refreshable (API keys).
   */
  async refreshAfterUnauthorized(usedToken: string, signal?: AbortSignal): Promise<ResolvedAuth | undefined> {
    const auth = await this.peek();
    if (auth?.source !== 'chatgpt') return undefined;
    await this.refresh('unauthorized', usedToken, signal);
    return this.peek();
  }

  private refresh(reason: 'stale' | 'unauthorized', usedToken: string, signal?: AbortSignal): Promise<void> {
    const run = this.refreshing.then(() => this.refreshLocked(reason, usedToken, signal));
    this.refreshing = run.catch(() => undefined);
    return run;
  }

  private async refreshLocked(reason: 'stale' | 'unauthorized', usedToken: string, signal?: AbortSignal): Promise<void> {
    const before = this.cached;
    await withAuthLock(
      this.opts.codexHome,
      async () => {
        const disk = await this.store.load();
        this.cached = disk;
        if (!disk) throw new LoginError('not_signed_in', `You are no longer signed in (${this.store.describe()} is gone). Run \`codex login\` to sign in again.`);
        if (storedMode(disk) !== 'chatgpt' || !disk.tokens) return; // switched to another credential: use it
        const mine = before?.tokens?.account_id;
        if (mine && disk.tokens.account_id && disk.tokens.account_id !== mine) {
          throw new LoginError('account_changed', `The stored ChatGPT sign-in now belongs to another account (${disk.tokens.account_id}). Run \`codex login\` to sign in again.`);
        }
        if (disk.tokens.access_token !== usedToken && (reason === 'unauthorized' || !this.isStale(disk))) {
          this.opts.logger?.info({ reason }, 'adopting ChatGPT tokens refreshed by another process');
          return;
        }
        const refreshToken = disk.tokens.refresh_token;
        if (this.deadRefreshToken?.token === refreshToken) throw this.deadRefreshToken.error;
        // Never spend the (single-use) refresh token when the result cannot be saved.
        await this.store.assertWritable();
        let fresh;
        try {
          fresh = await requestTokenRefresh(
            { refreshUrl: this.issuer.refreshUrl, clientId: this.issuer.clientId, refreshToken },
            { ...(this.opts.fetch ? { fetch: this.opts.fetch } : {}), ...(signal ? { signal } : {}) },
          );
        } catch (err: unknown) {
          if (needsSignInAgain(err)) this.deadRefreshToken = { token: refreshToken, error: err as LoginError };
          throw err;
        }
        const updated: AuthDotJson = { ...disk, tokens: { ...disk.tokens, ...fresh }, last_refresh: new Date(this.now()).toISOString() };
        await this.store.save(updated);
        this.cached = updated;
        this.opts.logger?.info({ reason }, 'refreshed ChatGPT tokens');
      },
      { ...this.opts.lock, ...(signal ? { signal } : {}) },
    );
  }

  /** Forgets the cached credential so the next call re-reads the store. */
  invalidate(): void {
    this.loaded = false;
    this.cached = undefined;
  }
}
