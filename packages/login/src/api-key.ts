// Where the credential for OpenAI comes from, in Codex's order, plus API-key login and
// logout. Order: CODEX_API_KEY env (when allowed, as `codex exec` does) -> auth.json's
// OPENAI_API_KEY -> auth.json's ChatGPT tokens -> OPENAI_API_KEY env (our fallback).
import { deleteAuthJson, readAuthJson, writeAuthJson } from './auth-file.js';
import { LoginError } from './errors.js';

/** Where a resolved credential came from. */
export type AuthSource = 'CODEX_API_KEY' | 'auth.json' | 'chatgpt' | 'OPENAI_API_KEY';

/** A credential ready to send as `Authorization: Bearer <token>`. */
export interface ResolvedAuth {
  /** `api_key` for keys; `chatgpt` for a ChatGPT access token (send `chatgpt-account-id` too). */
  mode: 'api_key' | 'chatgpt';
  token: string;
  source: AuthSource;
  /** The ChatGPT account id (ChatGPT mode only). */
  accountId?: string;
}

/** Options for `resolveAuth`. */
export interface ResolveAuthOptions {
  codexHome: string;
  /** Defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Honour `CODEX_API_KEY` (Codex does so only for `codex exec`). Default true. */
  allowCodexApiKeyEnv?: boolean;
}

function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

/**
 * Resolves the OpenAI credential the way Codex does: `CODEX_API_KEY` env first, then
 * `auth.json` (an API key there wins over ChatGPT tokens), then `OPENAI_API_KEY` env.
 * Resolves `undefined` when nothing is configured.
 */
export async function resolveAuth(opts: ResolveAuthOptions): Promise<ResolvedAuth | undefined> {
  const env = opts.env ?? process.env;
  if (opts.allowCodexApiKeyEnv !== false) {
    const key = envValue(env, 'CODEX_API_KEY');
    if (key) return { mode: 'api_key', token: key, source: 'CODEX_API_KEY' };
  }
  const file = await readAuthJson(opts.codexHome);
  const fileKey = file?.OPENAI_API_KEY?.trim();
  if (fileKey) return { mode: 'api_key', token: fileKey, source: 'auth.json' };
  if (file?.tokens) {
    const t = file.tokens;
    return {
      mode: 'chatgpt',
      token: t.access_token,
      source: 'chatgpt',
      ...(t.account_id ? { accountId: t.account_id } : {}),
    };
  }
  const envKey = envValue(env, 'OPENAI_API_KEY');
  if (envKey) return { mode: 'api_key', token: envKey, source: 'OPENAI_API_KEY' };
  return undefined;
}

/** Just the bearer token `resolveAuth` finds, or `undefined`. */
export async function resolveApiKey(opts: ResolveAuthOptions): Promise<string | undefined> {
  return (await resolveAuth(opts))?.token;
}

/**
 * `codex login --with-api-key`: replaces `auth.json` with `{"OPENAI_API_KEY": key}` (as
 * Codex does; any ChatGPT tokens are dropped). The key is trimmed; empty or multi-line
 * keys are refused.
 */
export async function loginWithApiKey(codexHome: string, key: string): Promise<void> {
  const trimmed = key.trim();
  if (trimmed === '' || /\s/.test(trimmed)) {
    throw new LoginError(
      'invalid_api_key',
      'the API key is empty or contains whitespace; pass exactly one key, e.g. `printenv OPENAI_API_KEY | codex login --with-api-key`',
    );
  }
  await writeAuthJson(codexHome, { OPENAI_API_KEY: trimmed });
}

/** `codex logout`: deletes `auth.json`. Resolves `true` when there was one to delete. */
export async function logout(codexHome: string): Promise<boolean> {
  return deleteAuthJson(codexHome);
}
