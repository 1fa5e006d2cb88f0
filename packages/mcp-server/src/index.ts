/**
 * @codex-ts/mcp-server: `codex mcp-server`, the engine exposed as the MCP tools `codex` and
 * `codex-reply` over stdio JSON-RPC, with events as `codex/event` notifications and approvals
 * through elicitation.
 */
export const PACKAGE_NAME = '@codex-ts/mcp-server';

export { runMcpServer, type McpServerOptions } from './server.js';
export { CODEX_TOOL, CODEX_REPLY_TOOL, CodexToolParamsSchema, CodexReplyParamsSchema, jsonToToml, type CodexToolParams, type CodexReplyParams } from './tool-config.js';
export { decisionOf, elicitationParams, ElicitAnswerSchema } from './elicitation.js';
export { Conversation, type ClientLink, type TurnResult } from './conversation.js';
