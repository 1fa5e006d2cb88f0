/**
 * @codex-ts/mcp-client: MCP client connections (stdio and streamable HTTP) on the official SDK:
 * `[mcp_servers]` config parsing, a session-wide connection manager that starts servers in
 * parallel without blocking, Codex's tool naming, and input-schema sanitising for the model.
 */
export const PACKAGE_NAME = '@codex-ts/mcp-client';

export { McpClientError, type McpClientErrorCode } from './errors.js';
export {
  parseMcpServers,
  resolveServer,
  toolAllowed,
  DEFAULT_STARTUP_TIMEOUT_MS,
  DEFAULT_TOOL_TIMEOUT_MS,
  type ResolvedMcpServer,
  type McpTransportConfig,
} from './config.js';
export { McpConnection, CLIENT_INFO, type McpConnectionOptions, type McpConnectionState, type ElicitationHandler } from './connection.js';
export { McpConnectionManager, type McpManagerOptions, type McpServerStatus, type McpToolInfo } from './manager.js';
export { qualifiedToolName, qualifiedPrefix, qualifyTools, sanitizeToolName, rawQualifiedName, MAX_TOOL_NAME_LENGTH } from './naming.js';
export { sanitizeInputSchema } from './schema.js';
export { loginMcpServer, logoutMcpServer, hasMcpCredentials, credentialsPath, StoredOAuthProvider } from './oauth.js';
export { serverEnv, DEFAULT_ENV_VARS } from './stdio-transport.js';
export type { CallToolResult, Tool, Resource, ResourceTemplate, ReadResourceResult, ElicitRequest, ElicitResult } from '@modelcontextprotocol/sdk/types.js';
