/** @codex-ts/login: Authentication: auth.json in CODEX_HOME, API keys from the environment, and login flows. */
export const PACKAGE_NAME = '@codex-ts/login';
