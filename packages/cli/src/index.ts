/** @codex-ts/cli: the `codex` binary. The library surface is the argv entry point, for tests and embedding. */
export { main } from './main.js';
export { CODEX_VERSION } from './version.js';
export { completionScript, type CompletionShell } from './completion.js';
