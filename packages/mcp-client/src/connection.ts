// One MCP server connection on the official SDK client: start (spawn or HTTP, `initialize`,
// paged `tools/list`) within the start-up timeout, keep the tool list fresh on
// `notifications/tools/list_changed`, call tools with a timeout and an AbortSignal (both send
// `notifications/cancelled`), list/read resources, and route server elicitations to a callback.
// Failures carry the server's stderr tail.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  CallToolResultSchema,
  ElicitRequestSchema,
  ErrorCode,
  McpError,
  ToolListChangedNotificationSchema,
  type CallToolResult,
  type ElicitRequest,
  type ElicitResult,
  type ListResourcesResult,
  type ListResourceTemplatesResult,
  type ReadResourceResult,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from 'pino';
import { termOutput } from '@codex-ts/protocol/term-text';
import { toolAllowed, type ResolvedMcpServer } from './config.js';
import { McpClientError, type McpClientErrorCode } from './errors.js';
import { hasMcpCredentials, StoredOAuthProvider } from './oauth.js';
import { ChildStdioTransport } from './stdio-transport.js';

/** Codex's `initialize` identity. */
export const CLIENT_INFO = { name: 'codex-mcp-client', title: 'Codex' };
const MAX_PAGES = 100;

/** Answers a server's `elicitation/create` (default: decline). */
export type ElicitationHandler = (server: string, params: ElicitRequest['params'], signal: AbortSignal) => Promise<ElicitResult>;

/** Options for {@link McpConnection}. */
export interface McpConnectionOptions {
  version?: string;
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  /** Called after the tool list changed (list_changed refetch done). */
  onToolsChanged?: () => void;
  onElicitation?: ElicitationHandler;
  /** Where stored OAuth tokens live (`codex mcp login`); HTTP servers use them when present. */
  codexHome?: string;
  /** Called once when an established connection drops. */
  onClosed?: (reason: string) => void;
}

/** A connection's lifecycle state. */
export type McpConnectionState = 'starting' | 'ready' | 'failed' | 'closed';

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** One server, from spawn to close. */
export class McpConnection {
  state: McpConnectionState = 'starting';
  tools: Tool[] = [];
  instructions: string | undefined;
  error: string | undefined;
  private client: Client | undefined;
  private transport: Transport | undefined;
  private closing = false;

  constructor(
    readonly server: ResolvedMcpServer,
    private readonly opts: McpConnectionOptions = {},
  ) {}

  /** The server's stderr tail (stdio servers). */
  stderrTail(): string {
    // A server's bytes end up on the user's terminal: drop escape sequences and control characters.
    const raw = this.transport instanceof ChildStdioTransport ? this.transport.stderr() : '';
    return termOutput(raw).trim();
  }

  /** Process id of a stdio server. */
  get pid(): number | undefined {
    return this.transport instanceof ChildStdioTransport ? this.transport.pid : undefined;
  }

  /** Connect, initialize and list tools. Rejects with McpClientError (message includes the stderr tail). */
  async start(): Promise<void> {
    const { name, startupTimeoutMs } = this.server;
    let timer: NodeJS.Timeout | undefined;
    try {
      const transport = await this.makeTransport();
      this.transport = transport;
      const client = new Client({ ...CLIENT_INFO, version: this.opts.version ?? '0.0.0' }, { capabilities: { elicitation: { form: {} } } });
      this.client = client;
      client.onerror = (err) => this.opts.logger?.debug({ server: name, err: errorText(err) }, 'mcp transport error');
      client.setRequestHandler(ElicitRequestSchema, async (req, extra) => {
        const handler = this.opts.onElicitation;
        if (!handler) return { action: 'decline' };
        return handler(name, req.params, extra.signal);
      });
      client.setNotificationHandler(ToolListChangedNotificationSchema, async () => {
        if (this.state !== 'ready') return;
        try {
          this.tools = await this.listAllTools();
          this.opts.onToolsChanged?.();
        } catch (err: unknown) {
          this.opts.logger?.warn({ server: name, err: errorText(err) }, 'mcp tools/list after list_changed failed');
        }
      });
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new McpClientError('startup_timeout', `timed out handshaking with MCP server after ${startupTimeoutMs / 1000}s`)),
          startupTimeoutMs,
        );
      });
      await Promise.race([
        (async () => {
          await client.connect(transport);
          this.instructions = client.getInstructions();
          this.tools = await this.listAllTools();
        })(),
        timeout,
      ]);
      transport.onclose = chain(transport.onclose, () => this.onTransportClosed());
      this.state = 'ready';
    } catch (err: unknown) {
      this.state = 'failed';
      const base = err instanceof McpClientError ? err : this.classify(err);
      await this.close();
      const tail = this.stderrTail();
      this.error = tail ? `${base.message}; server stderr: ${tail.split('\n').slice(-5).join(' | ')}` : base.message;
      throw new McpClientError(base.code, this.error, { cause: err });
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  private classify(err: unknown): McpClientError {
    const t = this.transport;
    if (t instanceof ChildStdioTransport) {
      const code = (err as NodeJS.ErrnoException)?.code;
      if (code === 'ENOENT' || code === 'EACCES') {
        return new McpClientError('spawn_failed', `could not start \`${this.server.transport.type === 'stdio' ? this.server.transport.command : ''}\`: ${errorText(err)}`);
      }
      const exit = t.exitStatus;
      const how = exit ? (exit.signal ? ` (killed by ${exit.signal})` : ` (exit code ${exit.code})`) : '';
      const garbage = t.garbageLines > 0 ? `; ${t.garbageLines} non-JSON-RPC line(s) on stdout, first: ${JSON.stringify(t.firstGarbage)}` : '';
      if (err instanceof McpError && err.code === ErrorCode.ConnectionClosed) {
        return new McpClientError('connection_closed', `handshaking with MCP server failed: connection closed${how}${garbage}`);
      }
      return new McpClientError('handshake_failed', `handshaking with MCP server failed: ${errorText(err)}${how}${garbage}`);
    }
    const status = (err as { code?: unknown } | null)?.code;
    const http = typeof status === 'number' && status >= 100 && status < 600 ? ` (HTTP ${status})` : '';
    const hint = status === 401 && this.server.transport.type === 'streamable_http' && this.server.transport.bearer_token_env_var === undefined ? `; if it uses OAuth, run \`codex mcp login ${this.server.name}\`` : '';
    return new McpClientError('handshake_failed', `handshaking with MCP server failed${http}: ${errorText(err)}${hint}`);
  }

  private async makeTransport(): Promise<Transport> {
    const t = this.server.transport;
    const env = this.opts.env ?? process.env;
    if (t.type === 'stdio') {
      return new ChildStdioTransport({ command: t.command, args: t.args, env: t.env, envVars: t.env_vars, ...(t.cwd !== undefined ? { cwd: t.cwd } : {}), parentEnv: env });
    }
    const headers: Record<string, string> = { ...t.http_headers };
    for (const [header, varName] of Object.entries(t.env_http_headers)) {
      const v = env[varName];
      if (v !== undefined && v !== '') headers[header] = v;
    }
    if (t.bearer_token_env_var !== undefined) {
      const token = env[t.bearer_token_env_var];
      if (token === undefined || token === '') {
        throw new McpClientError('invalid_config', `Environment variable ${t.bearer_token_env_var} for MCP server '${this.server.name}' is ${token === undefined ? 'not set' : 'empty'}`);
      }
      headers.Authorization = `Bearer ${token}`;
    }
    let url: URL;
    try {
      url = new URL(t.url);
    } catch {
      throw new McpClientError('invalid_config', `mcp_servers.${this.server.name}.url: not a valid URL: ${t.url}`);
    }
    // Loaded only for HTTP servers: most sessions never need it.
    const { StreamableHTTPClientTransport } = await import('@modelcontextprotocol/sdk/client/streamableHttp.js');
    const home = this.opts.codexHome;
    if (t.bearer_token_env_var === undefined && home !== undefined && hasMcpCredentials(home, this.server.name, t.url)) {
      return new StreamableHTTPClientTransport(url, { requestInit: { headers }, authProvider: new StoredOAuthProvider(home, this.server.name, t.url) });
    }
    return new StreamableHTTPClientTransport(url, { requestInit: { headers } });
  }

  private async listAllTools(): Promise<Tool[]> {
    const client = this.requireClient();
    const out: Tool[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const r = await client.listTools(cursor ? { cursor } : undefined, { timeout: this.server.startupTimeoutMs });
      out.push(...r.tools);
      if (!r.nextCursor || r.nextCursor === cursor) break;
      cursor = r.nextCursor;
    }
    return out.filter((t) => toolAllowed(this.server, t.name));
  }

  private requireClient(): Client {
    if (!this.client) throw new McpClientError('not_ready', `MCP server '${this.server.name}' is not connected`);
    return this.client;
  }

  private onTransportClosed(): void {
    if (this.closing || this.state !== 'ready') return;
    this.state = 'closed';
    const t = this.transport;
    const exit = t instanceof ChildStdioTransport ? t.exitStatus : undefined;
    const how = exit ? (exit.signal ? ` (killed by ${exit.signal})` : ` (exit code ${exit.code})`) : '';
    this.error = `MCP server '${this.server.name}' closed the connection${how}`;
    const tail = this.stderrTail();
    if (tail) this.error += `; server stderr: ${tail.split('\n').slice(-5).join(' | ')}`;
    this.opts.onClosed?.(this.error);
  }

  /** `tools/call` with the server's tool timeout; `signal` cancels (notifications/cancelled). */
  async callTool(tool: string, args: Record<string, unknown> | undefined, opts: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<CallToolResult> {
    if (!toolAllowed(this.server, tool)) throw new McpClientError('tool_disabled', `tool '${tool}' is disabled for MCP server '${this.server.name}'`);
    if (this.state !== 'ready') throw new McpClientError('not_ready', this.error ?? `MCP server '${this.server.name}' is not ready`);
    const timeoutMs = opts.timeoutMs ?? this.server.toolTimeoutMs;
    try {
      const r = await this.requireClient().callTool({ name: tool, ...(args !== undefined ? { arguments: args } : {}) }, CallToolResultSchema, {
        timeout: timeoutMs,
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
      return r as CallToolResult;
    } catch (err: unknown) {
      throw this.callError(err, tool, timeoutMs, opts.signal);
    }
  }

  private callError(err: unknown, what: string, timeoutMs: number, signal?: AbortSignal): McpClientError {
    const prefix = `tool call failed for \`${this.server.name}/${what}\``;
    if (signal?.aborted) return new McpClientError('call_cancelled', `${prefix}: cancelled`, { cause: err });
    if (err instanceof McpError && err.code === ErrorCode.RequestTimeout) {
      return new McpClientError('call_timeout', `${prefix}: timed out awaiting tools/call after ${timeoutMs / 1000}s`, { cause: err });
    }
    if (err instanceof McpError && err.code === ErrorCode.ConnectionClosed) {
      const detail = this.error ?? 'connection closed';
      return new McpClientError('connection_closed', `${prefix}: ${detail}`, { cause: err });
    }
    return new McpClientError('call_failed', `${prefix}: ${errorText(err)}`, { cause: err });
  }

  /** `resources/list` (one page). */
  async listResources(cursor?: string, signal?: AbortSignal): Promise<ListResourcesResult> {
    return this.requireClient().listResources(cursor ? { cursor } : undefined, { timeout: this.server.toolTimeoutMs, ...(signal ? { signal } : {}) });
  }

  /** `resources/templates/list` (one page). */
  async listResourceTemplates(cursor?: string, signal?: AbortSignal): Promise<ListResourceTemplatesResult> {
    return this.requireClient().listResourceTemplates(cursor ? { cursor } : undefined, { timeout: this.server.toolTimeoutMs, ...(signal ? { signal } : {}) });
  }

  /** `resources/read`. */
  async readResource(uri: string, signal?: AbortSignal): Promise<ReadResourceResult> {
    return this.requireClient().readResource({ uri }, { timeout: this.server.toolTimeoutMs, ...(signal ? { signal } : {}) });
  }

  /** Whether the server announced resources. */
  get supportsResources(): boolean {
    return this.client?.getServerCapabilities()?.resources !== undefined;
  }

  /** Close the connection and kill a stdio server's process group. Idempotent. */
  async close(): Promise<void> {
    this.closing = true;
    if (this.state === 'ready' || this.state === 'starting') this.state = 'closed';
    const c = this.client;
    const t = this.transport;
    try {
      if (c) await c.close();
      else if (t) await t.close();
    } catch (err: unknown) {
      this.opts.logger?.debug({ server: this.server.name, err: errorText(err) }, 'mcp close failed');
    }
    if (t instanceof ChildStdioTransport) await t.close();
  }
}

function chain(a: (() => void) | undefined, b: () => void): () => void {
  return () => {
    a?.();
    b();
  };
}

/** Codes a caller may want to branch on. */
export type { McpClientErrorCode };
