/** @codex-ts/login: sign-in for the OpenAI provider: auth.json / OS keyring, ChatGPT OAuth (browser and device code), API keys, token refresh. */
export const PACKAGE_NAME = '@codex-ts/login';

export { LoginError, needsSignInAgain } from './errors.js';
export type { LoginErrorCode } from './errors.js';
export {
  DEFAULT_ISSUER,
  CLIENT_ID,
  DEFAULT_LOGIN_PORT,
  FALLBACK_LOGIN_PORT,
  LOGIN_SCOPES,
  TOKEN_REFRESH_INTERVAL_MS,
  ACCESS_TOKEN_REFRESH_WINDOW_MS,
  CHATGPT_CODEX_BASE_URL,
  KEYRING_SERVICE,
  REFRESH_TOKEN_URL_ENV,
  REVOKE_TOKEN_URL_ENV,
  ISSUER_ENV,
  CLIENT_ID_ENV,
  LOGIN_PORT_ENV,
  issuerSettings,
} from './defaults.js';
export type { IssuerSettings } from './defaults.js';
export {
  AuthDotJsonSchema,
  TokenDataSchema,
  authFilePath,
  readAuthJson,
  writeAuthJson,
  deleteAuthJson,
  parseAuthJson,
  serializeAuth,
  assertAuthFileWritable,
} from './auth-file.js';
export type { AuthDotJson, TokenData } from './auth-file.js';
export { createAuthStore, deleteAllCredentials, parseStoreMode } from './store.js';
export type { AuthStore, AuthStoreOptions, CredentialsStoreMode } from './store.js';
export { osKeyring, keyringAccount } from './keyring.js';
export type { KeyringBackend } from './keyring.js';
export { withAuthLock, authLockPath } from './lock.js';
export type { AuthLockOptions } from './lock.js';
export { AuthManager, storedMode } from './manager.js';
export type { AuthManagerOptions, AuthLogger, AuthSource, ResolvedAuth, CredentialKind, Identified } from './manager.js';
export { resolveAuth, resolveApiKey, loginWithApiKey, loginWithAccessToken, logout } from './api-key.js';
export type { ResolveAuthOptions, LogoutRevokeOptions, AccessTokenLoginOptions } from './api-key.js';
export {
  CODEX_ACCESS_TOKEN_ENV,
  AUTHAPI_BASE_URL_ENV,
  DEFAULT_AUTHAPI_BASE_URL,
  AGENT_IDENTITY_JWKS_BASE_URL_ENV,
  DEFAULT_CHATGPT_BASE_URL,
  PERSONAL_ACCESS_TOKEN_PREFIX,
  classifyAccessToken,
  authapiBaseUrl,
  describePersonalAccessToken,
  decodeAgentIdentityJwt,
  verifyAgentIdentityJwt,
  agentIdentityJwksUrl,
  AGENT_IDENTITY_AUTHAPI_BASE_URL_ENV,
  agentAuthapiBaseUrl,
  registerAgentTask,
  agentAssertion,
} from './access-token.js';
export type { AccessTokenKind, PersonalAccessTokenInfo, AgentIdentityClaims, AgentTaskOptions } from './access-token.js';
export { parseForcedLoginMethod, parseForcedWorkspaceIds, restrictionsFromConfig, workspaceViolation, assertWorkspaceAllowed } from './restrictions.js';
export type { LoginRestrictions } from './restrictions.js';
export { methodOf, restrictionViolation } from './credential.js';
export { decodeJwtPayload, jwtExpiresAt, chatgptClaims } from './jwt.js';
export type { ChatgptClaims } from './jwt.js';
export { generatePkce, generateState } from './pkce.js';
export type { PkceCodes } from './pkce.js';
export { exchangeCodeForTokens, obtainApiKey, requestTokenRefresh, revokeStoredTokens, chatgptAuthDotJson } from './oauth.js';
export type { ExchangedTokens, RefreshedTokens } from './oauth.js';
export { startLoginServer, buildAuthorizeUrl } from './server.js';
export type { LoginServer, LoginServerOptions } from './server.js';
export { runDeviceCodeLogin, requestDeviceCode } from './device-code.js';
export type { DeviceCode, DeviceCodeOptions } from './device-code.js';
export { openBrowser, browserCommand } from './browser.js';
