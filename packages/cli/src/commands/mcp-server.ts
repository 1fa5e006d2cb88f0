// `codex mcp-server`: run Codex as an MCP server on stdio (tools `codex` and `codex-reply`).
// stdout is reserved for JSON-RPC; logs go to stderr.
import type { CommandDef } from '../command.js';
import { CODEX_VERSION } from '../version.js';

/** The mcp-server command. */
export const mcpServerCommand: CommandDef = {
  command: 'mcp-server',
  describe: 'Run Codex as an MCP server over stdio (tools `codex` and `codex-reply`)',
  flags: [],
  builder: (y) => y,
  run: async (argv) => {
    const { runMcpServer } = await import('@codex-ts/mcp-server');
    await runMcpServer({ overrides: ((argv.config as unknown[] | undefined) ?? []).map(String), version: CODEX_VERSION });
    return 0;
  },
};
