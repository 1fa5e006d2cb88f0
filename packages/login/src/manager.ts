// AuthManager: the engine's view of the stored credential. It resolves which token a request
// carries (CODEX_API_KEY env, the store, OPENAI_API_KEY env), refreshes ChatGPT tokens before
// they expire and once after a 401, and keeps concurrent refreshers apart: one refresh at a
// time per process, the auth.json.lock across processes, the store re-read under the lock (a
// token someone else already refreshed is adopted, never refreshed twice), temp + rename writes.
import { TOKEN_REFRESH_INTERVAL_MS, issuerSettings, type IssuerSettings } from './defaults.js';
import { LoginError, needsSignInAgain } from './errors.js';
import { jwtExpiresAt } from './jwt.js';
import { withAuthLock, type AuthLockOptions } from './lock.js';
import { requestTokenRefresh } from './oauth.js';
import { createAuthStore, type AuthStore, type CredentialsStoreMode } from './store.js';
import type { AuthDotJson } from './auth-file.js';

/** Where a resolved credential came from. */
export type AuthSource = 'CODEX_API_KEY' | 'auth.json' | 'chatgpt' | 'OPENAI_API_KEY';

/** A credential ready to send as `Authorization: Bearer <token>`. */
export interface ResolvedAuth {
  /** `api_key` for keys (sent to the API); `chatgpt` for a ChatGPT access token (sent to the ChatGPT backend). */
  mode: 'api_key' | 'chatgpt';
  token: string;
  source: AuthSource;
  /** The ChatGPT account id, sent as `chatgpt-account-id` (ChatGPT mode only). */
  accountId?: string;
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
  /** `cli_auth_credentials_store` (default `file`); ignored when `store` is given. */
  storeMode?: CredentialsStoreMode;
  store?: AuthStore;
  /** Told when `auto` falls back from the keyring to auth.json. */
  onNotice?: (message: string) => void;
  /** Issuer / client id / refresh URL; default from env (see `issuerSettings`). */
  issuer?: Partial<IssuerSettings>;
  fetch?: typeof fetch;
  logger?: AuthLogger;
  /** Refresh this long before the access token's `exp` (default 60 s). */
  refreshSkewMs?: number;
  lock?: AuthLockOptions;
  /** Clock (tests). */
  now?: () => number;
}

type StoredMode = 'apikey' | 'chatgpt' | 'chatgptAuthTokens' | 'agentIdentity' | 'unknown';

const KNOWN_MODES = new Set<string>(['apikey', 'chatgpt', 'chatgptAuthTokens', 'agentIdentity']);

/** Codex's rule: `auth_mode` if present, else an API key means API-key mode, else ChatGPT. */
export function storedMode(auth: AuthDotJson): StoredMode {
  if (auth.auth_mode) return KNOWN_MODES.has(auth.auth_mode) ? (auth.auth_mode as StoredMode) : 'unknown';
  return auth.OPENAI_API_KEY != null ? 'apikey' : 'chatgpt';
}

function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

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
    if (this.opts.allowCodexApiKeyEnv !== false) {
      const key = envValue(this.env, 'CODEX_API_KEY');
      if (key) return { mode: 'api_key', token: key, source: 'CODEX_API_KEY' };
    }
    const file = await this.stored();
    if (file) return this.fromStored(file);
    const envKey = envValue(this.env, 'OPENAI_API_KEY');
    if (envKey) return { mode: 'api_key', token: envKey, source: 'OPENAI_API_KEY' };
    return undefined;
  }

  private fromStored(file: AuthDotJson): ResolvedAuth {
    const where = this.store.describe();
    switch (storedMode(file)) {
      case 'apikey': {
        const key = file.OPENAI_API_KEY?.trim();
        if (!key) throw new LoginError('auth_file_invalid', `${where}: auth_mode is "apikey" but OPENAI_API_KEY is empty; run \`codex login --with-api-key\` again`);
        return { mode: 'api_key', token: key, source: 'auth.json' };
      }
      case 'chatgpt':
      case 'chatgptAuthTokens': {
        const t = file.tokens;
        if (!t?.access_token) throw new LoginError('auth_file_invalid', `${where}: ChatGPT sign-in without tokens; run \`codex login\` to sign in again`);
        return { mode: 'chatgpt', token: t.access_token, source: 'chatgpt', ...(t.account_id ? { accountId: t.account_id } : {}) };
      }
      case 'unknown':
        throw new LoginError(
          'unsupported_auth_mode',
          `${where} uses auth_mode "${String(file.auth_mode)}", which codex-ts does not know (written by a newer Codex?); run \`codex login\` to sign in again.`,
        );
      case 'agentIdentity':
        throw new LoginError(
          'unsupported_auth_mode',
          `${where} holds an access-token (agent identity) sign-in, which codex-ts cannot use to call the model yet; run \`codex login\` (ChatGPT) or \`codex login --with-api-key\`.`,
        );
    }
  }

  /** True when a ChatGPT sign-in should be refreshed before use (JWT `exp`, else `last_refresh` older than 8 days). */
  isStale(file: AuthDotJson): boolean {
    if (storedMode(file) !== 'chatgpt' || !file.tokens) return false;
    const exp = jwtExpiresAt(file.tokens.access_token);
    if (exp !== undefined) return exp - (this.opts.refreshSkewMs ?? 60_000) <= this.now();
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
