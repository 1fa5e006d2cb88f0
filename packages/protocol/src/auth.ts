// $CODEX_HOME/auth.json (core/src/auth.rs, mode 0600, pretty JSON): an API
// key and/or ChatGPT OAuth tokens. Unknown keys (e.g. `auth_mode`) are kept.
import { z } from 'zod';

/** `tokens` of auth.json (ChatGPT login). */
export const AuthTokensSchema = z.looseObject({
  id_token: z.string(),
  access_token: z.string(),
  refresh_token: z.string(),
  account_id: z.string().nullish(),
});
/** ChatGPT OAuth tokens. */
export type AuthTokens = z.infer<typeof AuthTokensSchema>;

/** auth.json. If `OPENAI_API_KEY` is set, API-key mode wins (0.47 `load_auth`). */
export const AuthDotJsonSchema = z.looseObject({
  OPENAI_API_KEY: z.string().nullish(),
  tokens: AuthTokensSchema.nullish(),
  last_refresh: z.string().nullish(),
});
/** auth.json. */
export type AuthDotJson = z.infer<typeof AuthDotJsonSchema>;
