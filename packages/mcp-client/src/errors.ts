// The one error class of @codex-ts/mcp-client. `code` says what failed; callers decide by it
// (a failed start-up is a server state, a failed call is a tool result the model reads).

/** What went wrong with an MCP server. */
export type McpClientErrorCode =
  | 'invalid_config'
  | 'spawn_failed'
  | 'startup_timeout'
  | 'connection_closed'
  | 'handshake_failed'
  | 'call_timeout'
  | 'call_cancelled'
  | 'call_failed'
  | 'unknown_server'
  | 'not_ready'
  | 'tool_disabled';

/** An MCP client failure. */
export class McpClientError extends Error {
  override readonly name = 'McpClientError';
  constructor(
    readonly code: McpClientErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
