/**
 * @codex-ts/tui: the interactive terminal UI over the engine event stream (inline or full screen).
 * This entry is what `codex` loads before its first frame, so it exports `runTui` alone (the
 * rest loads after the first frame); embedders and benchmarks import `@codex-ts/tui/embed`.
 */
export const PACKAGE_NAME = '@codex-ts/tui';
export { runTui } from './start.js';
export type { SessionChoice, TuiIo, TuiOptions } from './options.js';
