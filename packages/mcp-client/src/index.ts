/** @codex-ts/mcp-client: MCP client connections (stdio and streamable HTTP) used by the engine to list and call MCP tools. */
export const PACKAGE_NAME = '@codex-ts/mcp-client';
