/** @codex-ts/tui: The interactive terminal UI (blessed) over the engine event stream; uses file-search for the @ popup. */
export const PACKAGE_NAME = '@codex-ts/tui';
