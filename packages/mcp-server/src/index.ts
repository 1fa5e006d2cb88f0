/** @codex-ts/mcp-server: codex mcp-server: the engine exposed as MCP tools over stdio JSON-RPC. */
export const PACKAGE_NAME = '@codex-ts/mcp-server';
