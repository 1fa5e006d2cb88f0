/** @codex-ts/login: Authentication: auth.json in CODEX_HOME, API keys from the environment, and login flows. */
export const PACKAGE_NAME = '@codex-ts/login';

export { LoginError } from './errors.js';
export type { LoginErrorCode } from './errors.js';
export {
  AuthDotJsonSchema,
  TokenDataSchema,
  authFilePath,
  readAuthJson,
  writeAuthJson,
  deleteAuthJson,
} from './auth-file.js';
export type { AuthDotJson, TokenData } from './auth-file.js';
export { resolveAuth, resolveApiKey, loginWithApiKey, logout } from './api-key.js';
export type { AuthSource, ResolvedAuth, ResolveAuthOptions } from './api-key.js';
