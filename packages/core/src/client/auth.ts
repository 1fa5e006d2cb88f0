// Which bearer token a provider gets: its `experimental_bearer_token`, OpenAI auth via
// @codex-ts/login (CODEX_API_KEY, the credential store, OPENAI_API_KEY), or its `env_key`
// variable. For OpenAI auth the AuthManager also refreshes ChatGPT tokens before they
// expire and once after a 401. A missing key is a clear `missing_api_key` error before any
// request; a sign-in that must be redone is an `unauthorized` error saying so.
import { AuthManager, LoginError, parseStoreMode, restrictionsFromConfig, type AuthLogger, type ResolvedAuth } from '@codex-ts/login';
import { ModelClientError } from './errors.js';
import type { ModelProviderInfo } from './provider.js';

/** The credential a request is sent with. */
export interface ClientAuth {
  token: string;
  mode: 'api_key' | 'chatgpt';
  /** Sent as `chatgpt-account-id` in ChatGPT mode. */
  accountId?: string;
  /** A FedRAMP ChatGPT account: sent as `x-openai-fedramp: true`. */
  fedramp?: boolean;
  /** The whole `Authorization` value when it is not `Bearer <token>` (an agent assertion). */
  authorization?: string;
}

/** Options for `resolveProviderAuth` / `createProviderAuth`. */
export interface ResolveProviderAuthOptions {
  codexHome: string;
  env?: NodeJS.ProcessEnv;
  /** Honour CODEX_API_KEY (Codex: `codex exec` only). Default true. */
  allowCodexApiKeyEnv?: boolean;
  /** config.toml's `cli_auth_credentials_store` (file | keyring | auto; default file). */
  credentialsStore?: unknown;
  logger?: AuthLogger;
  /** Injectable fetch for token refresh. */
  fetch?: typeof fetch;
  /** config.toml's table: `forced_login_method` / `forced_chatgpt_workspace_id` are enforced at start, as Codex. */
  config?: Record<string, unknown>;
  /** Sent as `originator` to the auth API (personal access tokens). */
  originator?: string;
}

/** A provider's credential source: the first credential plus, for OpenAI auth, fresh ones on demand. */
export interface ProviderAuth {
  auth: ClientAuth | undefined;
  /** The credential for the next request (refreshed when about to expire). */
  current?: (signal: AbortSignal) => Promise<ClientAuth | undefined>;
  /** After a 401: a refreshed credential, or undefined when none can be had. */
  refresh?: (signal: AbortSignal) => Promise<ClientAuth | undefined>;
}

function toClientAuth(a: ResolvedAuth): ClientAuth {
  return {
    token: a.token,
    mode: a.mode,
    ...(a.accountId ? { accountId: a.accountId } : {}),
    ...(a.fedramp ? { fedramp: true } : {}),
    ...(a.authorization ? { authorization: a.authorization } : {}),
  };
}

function authError(err: unknown): never {
  if (err instanceof LoginError) throw new ModelClientError('unauthorized', err.message, { cause: err });
  throw err;
}

function missingOpenAiAuth(provider: ModelProviderInfo): ModelClientError {
  return new ModelClientError(
    'missing_api_key',
    `No OpenAI credentials for provider ${provider.name}: run \`codex login\` (ChatGPT) or \`codex login --with-api-key\`, or set OPENAI_API_KEY (or CODEX_API_KEY).`,
  );
}

/**
 * The credential source for `provider`. Throws `missing_api_key` naming the variable and
 * what to do, or `unauthorized` when stored credentials are unusable.
 */
export async function createProviderAuth(provider: ModelProviderInfo, opts: ResolveProviderAuthOptions): Promise<ProviderAuth> {
  const env = opts.env ?? process.env;
  let manager: AuthManager | undefined;
  try {
    const restrictions = restrictionsFromConfig(opts.config ?? {});
    if (restrictions.forcedLoginMethod || restrictions.forcedWorkspaceIds || provider.requires_openai_auth) {
      manager = new AuthManager({
        codexHome: opts.codexHome,
        env,
        storeMode: parseStoreMode(opts.credentialsStore),
        restrictions,
        ...(typeof opts.config?.['chatgpt_base_url'] === 'string' ? { chatgptBaseUrl: opts.config['chatgpt_base_url'] } : {}),
        ...(opts.originator ? { originator: opts.originator } : {}),
        ...(opts.allowCodexApiKeyEnv !== undefined ? { allowCodexApiKeyEnv: opts.allowCodexApiKeyEnv } : {}),
        ...(opts.logger ? { logger: opts.logger, onNotice: (m: string) => opts.logger?.warn({}, m) } : {}),
        ...(opts.fetch ? { fetch: opts.fetch } : {}),
      });
      // Codex checks the restrictions at start whatever the provider, and signs out a violator.
      await manager.enforceRestrictions();
    }
  } catch (err: unknown) {
    return authError(err);
  }
  if (provider.experimental_bearer_token) return { auth: { token: provider.experimental_bearer_token, mode: 'api_key' } };
  if (provider.requires_openai_auth && manager) {
    const m = manager;
    let first: ResolvedAuth | undefined;
    try {
      first = await m.peek();
    } catch (err: unknown) {
      return authError(err);
    }
    if (!first) throw missingOpenAiAuth(provider);
    // Stored ChatGPT tokens refresh; an agent identity signs every request afresh.
    if (first.source !== 'chatgpt' && first.kind !== 'agentIdentity') return { auth: toClientAuth(first) };
    let last = first.token;
    return {
      auth: toClientAuth(first),
      current: async (signal) => {
        const a = await m.current(signal).catch(authError);
        if (!a) throw missingOpenAiAuth(provider);
        last = a.token;
        return toClientAuth(a);
      },
      refresh: async (signal) => {
        const a = await m.refreshAfterUnauthorized(last, signal).catch(authError);
        if (a) last = a.token;
        return a ? toClientAuth(a) : undefined;
      },
    };
  }
  if (provider.env_key) {
    const value = env[provider.env_key]?.trim();
    if (value) return { auth: { token: value, mode: 'api_key' } };
    const help = provider.env_key_instructions ? ` ${provider.env_key_instructions}` : '';
    throw new ModelClientError(
      'missing_api_key',
      `Missing environment variable: ${provider.env_key}. Set it to the API key for provider ${provider.name}.${help}`,
    );
  }
  return { auth: undefined };
}

/**
 * Resolves the credential for `provider` once (no refresh), or `undefined` when it needs
 * none (e.g. a local Ollama). Throws `missing_api_key` naming the variable and what to do.
 */
export async function resolveProviderAuth(provider: ModelProviderInfo, opts: ResolveProviderAuthOptions): Promise<ClientAuth | undefined> {
  return (await createProviderAuth(provider, opts)).auth;
}
