// The version string baked in at build time.
declare const __CODEX_TS_VERSION__: string;

/** codex-ts's version (from packages/cli/package.json at build time). */
export const CODEX_VERSION: string = typeof __CODEX_TS_VERSION__ === 'string' ? __CODEX_TS_VERSION__ : '0.0.0-dev';
