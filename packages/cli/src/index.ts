/** @codex-ts/cli: The one codex binary: parses argv with yargs and dispatches to the front ends (exec, tui, mcp-server) and leaf commands (apply_patch, sandbox, execpolicy, file search). */
export const PACKAGE_NAME = '@codex-ts/cli';
