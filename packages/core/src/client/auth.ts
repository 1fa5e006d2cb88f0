// Which bearer token a provider gets: its `experimental_bearer_token`, OpenAI auth via
// @codex-ts/login (CODEX_API_KEY, auth.json, OPENAI_API_KEY), or its `env_key` variable.
// A missing key is a clear `missing_api_key` error before any request is made.
import { resolveAuth } from '@codex-ts/login';
import { ModelClientError } from './errors.js';
import type { ModelProviderInfo } from './provider.js';

/** The credential a request is sent with. */
export interface ClientAuth {
  token: string;
  mode: 'api_key' | 'chatgpt';
  /** Sent as `chatgpt-account-id` in ChatGPT mode. */
  accountId?: string;
}

/** Options for `resolveProviderAuth`. */
export interface ResolveProviderAuthOptions {
  codexHome: string;
  env?: NodeJS.ProcessEnv;
  /** Honour CODEX_API_KEY (Codex: `codex exec` only). Default true. */
  allowCodexApiKeyEnv?: boolean;
}

/**
 * Resolves the credential for `provider`, or `undefined` when it needs none (e.g. a
 * local Ollama). Throws `missing_api_key` naming the variable and what to do.
 */
export async function resolveProviderAuth(
  provider: ModelProviderInfo,
  opts: ResolveProviderAuthOptions,
): Promise<ClientAuth | undefined> {
  const env = opts.env ?? process.env;
  if (provider.experimental_bearer_token) return { token: provider.experimental_bearer_token, mode: 'api_key' };
  if (provider.requires_openai_auth) {
    const auth = await resolveAuth({
      codexHome: opts.codexHome,
      env,
      ...(opts.allowCodexApiKeyEnv !== undefined ? { allowCodexApiKeyEnv: opts.allowCodexApiKeyEnv } : {}),
    });
    if (auth) return { token: auth.token, mode: auth.mode, ...(auth.accountId ? { accountId: auth.accountId } : {}) };
    throw new ModelClientError(
      'missing_api_key',
      `No OpenAI credentials for provider ${provider.name}: set OPENAI_API_KEY (or CODEX_API_KEY), or run \`codex login --with-api-key\`.`,
    );
  }
  if (provider.env_key) {
    const value = env[provider.env_key]?.trim();
    if (value) return { token: value, mode: 'api_key' };
    const help = provider.env_key_instructions ? ` ${provider.env_key_instructions}` : '';
    throw new ModelClientError(
      'missing_api_key',
      `Missing environment variable: ${provider.env_key}. Set it to the API key for provider ${provider.name}.${help}`,
    );
  }
  return undefined;
}
