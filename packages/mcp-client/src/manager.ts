// All MCP servers of a session. `start()` launches every enabled server in parallel and returns
// at once: nothing waits for a server unless it is `required` (`waitForRequired`). Each server
// reports `mcp_startup_update` (starting → ready | failed, the failure once, with its stderr
// tail) and the set ends with one `mcp_startup_complete`. A ready server's tools join `tools()`
// as soon as it is ready; `tools/list_changed` refreshes them; a server that dies later is
// reported once with a `warning`. `close()` kills every child.
import type { EventMsg } from '@codex-ts/protocol';
import type { CallToolResult, ListResourcesResult, ListResourceTemplatesResult, ReadResourceResult, Resource, ResourceTemplate, Tool } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from 'pino';
import type { ResolvedMcpServer } from './config.js';
import { McpConnection, type ElicitationHandler } from './connection.js';
import { McpClientError } from './errors.js';
import { qualifyTools } from './naming.js';
import { sanitizeInputSchema } from './schema.js';

/** A tool as the engine offers it. */
export interface McpToolInfo {
  /** Model-facing name (`mcp__server__tool`, sanitised). */
  qualifiedName: string;
  server: string;
  /** The server's own tool name. */
  tool: string;
  spec: Tool;
  /** The input schema sanitised for the model. */
  parameters: Record<string, unknown>;
}

/** Live status of one server. */
export interface McpServerStatus {
  name: string;
  state: 'disabled' | 'starting' | 'ready' | 'failed' | 'closed';
  error?: string;
  tools: number;
  required: boolean;
}

/** Options for {@link McpConnectionManager}. */
export interface McpManagerOptions {
  version?: string;
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  onEvent?: (msg: EventMsg) => void;
  onElicitation?: ElicitationHandler;
  /** CODEX_HOME, for stored OAuth tokens. */
  codexHome?: string;
}

interface Entry {
  conn: McpConnection;
  started: Promise<void>;
}

/** The session's MCP servers. */
export class McpConnectionManager {
  private readonly entries = new Map<string, Entry>();
  private readonly toolListeners = new Set<() => void>();
  private all: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    readonly servers: ResolvedMcpServer[],
    private readonly opts: McpManagerOptions = {},
  ) {}

  /** Whether any server is enabled. */
  hasServers(): boolean {
    return this.servers.some((s) => s.enabled);
  }

  private emit(msg: EventMsg): void {
    try {
      this.opts.onEvent?.(msg);
    } catch (err: unknown) {
      this.opts.logger?.warn({ err }, 'mcp event sink failed');
    }
  }

  /** Launch every enabled server in parallel; returns immediately. */
  start(): void {
    const ready: string[] = [];
    const failed: { server: string; error: string }[] = [];
    const cancelled: string[] = [];
    const runs: Promise<void>[] = [];
    for (const server of this.servers) {
      if (!server.enabled) continue;
      const conn = new McpConnection(server, {
        ...(this.opts.version ? { version: this.opts.version } : {}),
        ...(this.opts.env ? { env: this.opts.env } : {}),
        ...(this.opts.logger ? { logger: this.opts.logger } : {}),
        ...(this.opts.onElicitation ? { onElicitation: this.opts.onElicitation } : {}),
        ...(this.opts.codexHome ? { codexHome: this.opts.codexHome } : {}),
        onToolsChanged: () => this.toolsChanged(),
        onClosed: (reason) => {
          if (this.closed) return;
          this.emit({ type: 'warning', message: reason });
          this.toolsChanged();
        },
      });
      this.emit({ type: 'mcp_startup_update', server: server.name, status: { state: 'starting' } });
      const started = conn.start();
      this.entries.set(server.name, { conn, started });
      runs.push(
        started.then(
          () => {
            if (this.closed) {
              cancelled.push(server.name);
              return;
            }
            ready.push(server.name);
            this.opts.logger?.info({ server: server.name, tools: conn.tools.length }, 'mcp server ready');
            this.emit({ type: 'mcp_startup_update', server: server.name, status: { state: 'ready' } });
            this.toolsChanged();
          },
          (err: unknown) => {
            if (this.closed) {
              cancelled.push(server.name);
              return;
            }
            const error = `MCP server \`${server.name}\` failed to start: ${(err as Error).message}`;
            failed.push({ server: server.name, error });
            this.opts.logger?.warn({ server: server.name, err: (err as Error).message }, 'mcp server failed');
            this.emit({ type: 'mcp_startup_update', server: server.name, status: { state: 'failed', error } });
          },
        ),
      );
    }
    this.all = Promise.all(runs).then(() => {
      if (runs.length > 0 && !this.closed) this.emit({ type: 'mcp_startup_complete', ready, failed, cancelled });
    });
  }

  /** Resolves when every started server settled (ready or failed). */
  settled(): Promise<void> {
    return this.all;
  }

  /**
   * Wait for the `required = true` servers; rejects (McpClientError) naming each that failed,
   * e.g. `required MCP servers failed to initialize: crash: handshaking ... failed`.
   */
  async waitForRequired(): Promise<void> {
    const failures: string[] = [];
    for (const s of this.servers) {
      if (!s.required || !s.enabled) continue;
      const e = this.entries.get(s.name);
      if (!e) {
        failures.push(`${s.name}: not started`);
        continue;
      }
      try {
        await e.started;
      } catch (err: unknown) {
        failures.push(`${s.name}: ${(err as Error).message}`);
      }
    }
    if (failures.length > 0) throw new McpClientError('handshake_failed', `required MCP servers failed to initialize: ${failures.join('; ')}`);
  }

  /** Subscribe to tool-set changes (a server became ready, list_changed, a server died). */
  onToolsChanged(listener: () => void): () => void {
    this.toolListeners.add(listener);
    return () => this.toolListeners.delete(listener);
  }

  private toolsChanged(): void {
    for (const l of this.toolListeners) l();
  }

  /** Tools of every ready server, qualified; servers in config order, tools in server order. */
  tools(): McpToolInfo[] {
    const flat: { server: string; tool: string; spec: Tool }[] = [];
    for (const s of this.servers) {
      const c = this.entries.get(s.name)?.conn;
      if (c?.state !== 'ready') continue;
      for (const t of c.tools) flat.push({ server: s.name, tool: t.name, spec: t });
    }
    const q = qualifyTools(flat, (name) => this.opts.logger?.warn({ tool: name }, 'skipping duplicated MCP tool'));
    return [...q.entries()].map(([qualifiedName, t]) => ({ qualifiedName, ...t, parameters: sanitizeInputSchema(t.spec.inputSchema) }));
  }

  /** Instructions a ready server sent in `initialize`. */
  instructions(server: string): string | undefined {
    return this.entries.get(server)?.conn.instructions;
  }

  /** Per-server status, instantly (never waits for a server). */
  status(): McpServerStatus[] {
    return this.servers.map((s) => {
      const c = this.entries.get(s.name)?.conn;
      if (!s.enabled || !c) return { name: s.name, state: 'disabled', tools: 0, required: s.required };
      return { name: s.name, state: c.state, ...(c.error ? { error: c.error } : {}), tools: c.state === 'ready' ? c.tools.length : 0, required: s.required };
    });
  }

  /** Settings of one configured server. */
  server(name: string): ResolvedMcpServer | undefined {
    return this.servers.find((s) => s.name === name);
  }

  private connection(name: string): McpConnection {
    const e = this.entries.get(name);
    if (!e) throw new McpClientError('unknown_server', `unknown MCP server '${name}'`);
    if (e.conn.state !== 'ready') throw new McpClientError('not_ready', e.conn.error ?? `MCP server '${name}' is not ready yet`);
    return e.conn;
  }

  /** Call one tool on one server. */
  callTool(server: string, tool: string, args: Record<string, unknown> | undefined, opts: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<CallToolResult> {
    return this.connection(server).callTool(tool, args, opts);
  }

  /** `resources/list` of one server (one page). */
  listResources(server: string, cursor?: string, signal?: AbortSignal): Promise<ListResourcesResult> {
    return this.connection(server).listResources(cursor, signal);
  }

  /** `resources/templates/list` of one server (one page). */
  listResourceTemplates(server: string, cursor?: string, signal?: AbortSignal): Promise<ListResourceTemplatesResult> {
    return this.connection(server).listResourceTemplates(cursor, signal);
  }

  /** `resources/read` on one server. */
  readResource(server: string, uri: string, signal?: AbortSignal): Promise<ReadResourceResult> {
    return this.connection(server).readResource(uri, signal);
  }

  /** Every page of resources of every ready server that has resources; failures are logged and skipped. */
  async listAllResources(signal?: AbortSignal): Promise<Map<string, Resource[]>> {
    return this.collectAll(signal, async (c) => {
      const out: Resource[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 100; i++) {
        const r = await c.listResources(cursor, signal);
        out.push(...r.resources);
        if (!r.nextCursor || r.nextCursor === cursor) break;
        cursor = r.nextCursor;
      }
      return out;
    });
  }

  /** Every page of resource templates of every ready server. */
  async listAllResourceTemplates(signal?: AbortSignal): Promise<Map<string, ResourceTemplate[]>> {
    return this.collectAll(signal, async (c) => {
      const out: ResourceTemplate[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 100; i++) {
        const r = await c.listResourceTemplates(cursor, signal);
        out.push(...r.resourceTemplates);
        if (!r.nextCursor || r.nextCursor === cursor) break;
        cursor = r.nextCursor;
      }
      return out;
    });
  }

  private async collectAll<T>(signal: AbortSignal | undefined, f: (c: McpConnection) => Promise<T[]>): Promise<Map<string, T[]>> {
    const ready = this.servers.map((s) => this.entries.get(s.name)?.conn).filter((c): c is McpConnection => c?.state === 'ready' && c.supportsResources);
    const results = await Promise.allSettled(ready.map(f));
    const out = new Map<string, T[]>();
    results.forEach((r, i) => {
      const name = ready[i]!.server.name;
      if (r.status === 'fulfilled') out.set(name, r.value);
      else this.opts.logger?.warn({ server: name, err: String(r.reason) }, 'mcp resource listing failed');
    });
    if (signal?.aborted) throw signal.reason;
    return out;
  }

  /** Process ids of running stdio servers (for tests and diagnostics). */
  pids(): number[] {
    return [...this.entries.values()].map((e) => e.conn.pid).filter((p): p is number => p !== undefined);
  }

  /** Close every connection and kill every child. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.entries.values()].map((e) => e.conn.close()));
  }
}
