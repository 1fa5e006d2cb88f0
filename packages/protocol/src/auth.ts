// $CODEX_HOME/auth.json (codex-rs login/src/auth/storage.rs, mode 0600, pretty JSON): the
// sign-in mode, an API key and/or ChatGPT OAuth tokens. Unknown keys are kept on read.
import { z } from 'zod';

/** ChatGPT OAuth tokens (`tokens` in auth.json). */
export const AuthTokensSchema = z.looseObject({
  id_token: z.string(),
  access_token: z.string(),
  refresh_token: z.string(),
  account_id: z.string().nullish(),
});
/** ChatGPT OAuth tokens. */
export type AuthTokens = z.infer<typeof AuthTokensSchema>;

/** `auth_mode` values Codex writes (`apikey`, `chatgpt`, `chatgptAuthTokens`, `agentIdentity`). */
export const AuthModeSchema = z.enum(['apikey', 'chatgpt', 'chatgptAuthTokens', 'agentIdentity', 'personalAccessToken']);
/** How the stored credential signs requests. */
export type AuthMode = z.infer<typeof AuthModeSchema>;

/**
 * auth.json. Without `auth_mode`, an `OPENAI_API_KEY` means API-key mode and tokens mean
 * ChatGPT mode; with it, `auth_mode` decides (a ChatGPT sign-in may also carry a key).
 */
export const AuthDotJsonSchema = z.looseObject({
  /** A mode a newer Codex adds is kept as a string (readers refuse it by name, not as corruption). */
  auth_mode: AuthModeSchema.or(z.string()).nullish(),
  OPENAI_API_KEY: z.string().nullish(),
  tokens: AuthTokensSchema.nullish(),
  last_refresh: z.string().nullish(),
  /** An agent identity JWT (`--with-access-token`), or the record Codex registers for a ChatGPT sign-in. */
  agent_identity: z.string().or(z.looseObject({})).nullish(),
  /** A personal access token (`at-…`, `--with-access-token`); Codex writes no `auth_mode` with it. */
  personal_access_token: z.string().nullish(),
});
/** auth.json. */
export type AuthDotJson = z.infer<typeof AuthDotJsonSchema>;
