/** @codex-ts/tui: the interactive terminal UI over the engine event stream (inline or full screen). */
export const PACKAGE_NAME = '@codex-ts/tui';
export { runTui, permissionsFromFlags } from './run-tui.js';
export type { TuiIo, TuiOptions } from './options.js';
