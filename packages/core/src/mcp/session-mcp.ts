// A session's MCP servers. Nothing MCP-related is loaded or spawned on the way to the first
// model request: the servers (and the MCP SDK) start when the first model event arrives, when a
// tool needs them, or after a short idle delay, whichever comes first, so MCP costs the first
// request nothing. `required = true` servers are the exception: they start at spawn and a
// failure stops the session before any model request. Events are buffered until the session
// can emit them; close() kills every server.
import type { McpConnectionManager } from '@codex-ts/mcp-client';
import type { EventMsg } from '@codex-ts/protocol';
import type { Logger } from 'pino';
import type { ModelClient } from '../client/model-client.js';
import type { Config } from '../config/load.js';
import { ConfigError } from '../config/errors.js';
import { McpToolProvider, type McpHost } from './mcp-tools.js';
import { namespaceOf } from './tool-search.js';

/** How long an idle session waits before starting its servers anyway. */
export const MCP_IDLE_START_MS = 1000;

type Table = Record<string, unknown>;
const isTable = (v: unknown): v is Table => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Options for {@link SessionMcp}. */
export interface SessionMcpOptions {
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  version?: string;
  /** The session's approval policy now; under `never` a server's questions are declined. */
  approvalPolicy?: () => string;
}

/** A server's `elicitation/create` answer. */
type ElicitAnswer = { action: 'accept' | 'decline' | 'cancel'; content?: Record<string, unknown> };

/** The MCP side of a session. */
export class SessionMcp implements McpHost {
  /** Flat MCP tools (`mcp__server__tool` in tools[]). */
  readonly provider: McpToolProvider;
  /** Deferred MCP tools behind `tool_search` (models that support tool search). */
  readonly deferredProvider: McpToolProvider;
  private manager: McpConnectionManager | undefined;
  private starting: Promise<McpConnectionManager> | undefined;
  private sink: ((msg: EventMsg) => void) | undefined;
  private readonly buffered: EventMsg[] = [];
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private nextElicitation = 1;
  private readonly pendingElicitations = new Map<string, (a: ElicitAnswer) => void>();

  private constructor(
    private readonly config: Config,
    private readonly opts: SessionMcpOptions,
    /** Whether some enabled server has `required = true`. */
    readonly hasRequired: boolean,
  ) {
    this.provider = new McpToolProvider(this);
    this.deferredProvider = new McpToolProvider(this, 'deferred');
  }

  /** The provider for a turn: deferred when the model uses tool search. */
  providerFor(deferred: boolean): McpToolProvider {
    return deferred ? this.deferredProvider : this.provider;
  }

  sources(): { name: string; description?: string }[] {
    const table = (this.config.toml.mcp_servers ?? {}) as Record<string, unknown>;
    return Object.entries(table)
      .filter(([, t]) => isTable(t) && t.enabled !== false)
      .map(([name]) => {
        const first = this.manager?.instructions(name)?.trim().split('\n')[0]?.trim();
        return { name: namespaceOf(name), ...(first ? { description: first } : {}) };
      });
  }

  /** A SessionMcp when config.toml enables any server (nothing is loaded yet); else undefined. */
  static fromConfig(config: Config, opts: SessionMcpOptions = {}): SessionMcp | undefined {
    const servers = config.toml.mcp_servers;
    if (!isTable(servers)) return undefined;
    const enabled = Object.values(servers).filter((s) => isTable(s) && s.enabled !== false) as Table[];
    if (enabled.length === 0) return undefined;
    return new SessionMcp(config, opts, enabled.some((s) => s.required === true));
  }

  current(): McpConnectionManager | undefined {
    return this.manager;
  }

  private emit(msg: EventMsg): void {
    if (this.sink) this.sink(msg);
    else this.buffered.push(msg);
  }

  /** Start every server (idempotent); resolves with the manager once the SDK is loaded. */
  ensureStarted(): Promise<McpConnectionManager> {
    if (this.timer) clearTimeout(this.timer);
    this.starting ??= (async () => {
      const lib = await import('@codex-ts/mcp-client');
      let servers;
      try {
        servers = lib.parseMcpServers(this.config.toml.mcp_servers);
      } catch (err: unknown) {
        if (err instanceof lib.McpClientError) {
          throw new ConfigError('invalid_value', `${this.config.config_file}: ${err.message}`, { file: this.config.config_file, key: 'mcp_servers', cause: err });
        }
        throw err;
      }
      const manager = new lib.McpConnectionManager(servers, {
        ...(this.opts.env ? { env: this.opts.env } : {}),
        ...(this.opts.logger ? { logger: this.opts.logger.child({ component: 'mcp' }) } : {}),
        ...(this.opts.version ? { version: this.opts.version } : {}),
        codexHome: this.config.codex_home,
        onEvent: (msg) => this.emit(msg),
        onElicitation: (server, params, signal) => this.elicit(server, params as Record<string, unknown>, signal) as never,
      });
      manager.onToolsChanged(() => {
        this.provider.invalidate();
        this.deferredProvider.invalidate();
      });
      this.manager = manager;
      if (!this.closed) manager.start();
      return manager;
    })();
    return this.starting;
  }

  /**
   * A server asks the user something (`elicitation/create`): an `elicitation_request` event
   * answered by `resolve_elicitation`; declined at once under approval policy `never` (as Codex).
   */
  private elicit(server: string, params: Record<string, unknown>, signal: AbortSignal): Promise<ElicitAnswer> {
    if ((this.opts.approvalPolicy?.() ?? 'on-request') === 'never' || this.closed) return Promise.resolve({ action: 'decline' });
    const id = `mcp_elicitation_${this.nextElicitation++}`;
    return new Promise<ElicitAnswer>((resolve) => {
      const done = (a: ElicitAnswer): void => {
        this.pendingElicitations.delete(id);
        signal.removeEventListener('abort', onAbort);
        resolve(a);
      };
      const onAbort = (): void => done({ action: 'cancel' });
      signal.addEventListener('abort', onAbort, { once: true });
      this.pendingElicitations.set(id, done);
      this.emit({
        type: 'elicitation_request',
        server_name: server,
        id,
        request: {
          mode: 'form',
          ...(params._meta && typeof params._meta === 'object' ? { _meta: params._meta as Record<string, unknown> } : {}),
          message: typeof params.message === 'string' ? params.message : '',
          requested_schema: (params.requestedSchema as Record<string, unknown> | undefined) ?? { type: 'object', properties: {} },
        },
      } as EventMsg);
    });
  }

  /** Deliver a `resolve_elicitation` for a server's question; false when none is waiting. */
  resolveElicitation(requestId: string, decision: 'accept' | 'decline' | 'cancel', content: unknown): boolean {
    const done = this.pendingElicitations.get(requestId);
    if (!done) return false;
    done({ action: decision, ...(decision === 'accept' && content && typeof content === 'object' ? { content: content as Record<string, unknown> } : {}) });
    return true;
  }

  /** Start in the background; a failure to even load becomes a warning event. */
  kick(): void {
    if (this.starting || this.closed) return;
    this.ensureStarted().catch((err: unknown) => {
      this.opts.logger?.error({ err }, 'mcp start failed');
      this.emit({ type: 'warning', message: `MCP servers could not be started: ${(err as Error).message}` });
    });
  }

  /** Start now and wait for the required servers; throws (and closes) when one fails. */
  async startRequired(): Promise<void> {
    const manager = await this.ensureStarted();
    try {
      await manager.waitForRequired();
    } catch (err: unknown) {
      await this.close();
      throw err;
    }
  }

  /** Deliver events (buffered ones first) and arm the idle start. */
  attach(emit: (msg: EventMsg) => void): void {
    this.sink = emit;
    for (const m of this.buffered.splice(0)) emit(m);
    if (!this.starting) {
      this.timer = setTimeout(() => this.kick(), MCP_IDLE_START_MS);
      this.timer.unref();
    }
  }

  /** A client whose streams start the servers at their first event (after the request went out). */
  wrapClient(client: ModelClient): ModelClient {
    if (this.starting) return client;
    const kick = (): void => this.kick();
    const wrapped = Object.create(client) as ModelClient;
    wrapped.stream = async function* (prompt, opts) {
      let first = true;
      for await (const ev of client.stream(prompt, opts)) {
        if (first) {
          first = false;
          kick();
        }
        yield ev;
      }
    } as ModelClient['stream'];
    return wrapped;
  }

  /**
   * `mcp_list_tools_response` for the `list_mcp_tools` op, answered at once from what is known
   * now (a starting or mute server never delays it); `servers` (our addition) carries each
   * server's live state and failure.
   */
  listToolsResponse(): EventMsg {
    this.kick();
    const m = this.manager;
    const tools = Object.fromEntries((m?.tools() ?? []).map((t) => [t.qualifiedName, t.spec]));
    const table = (this.config.toml.mcp_servers ?? {}) as Record<string, Table>;
    const auth = Object.fromEntries(Object.entries(table).map(([name, t]) => [name, isTable(t) && typeof t.bearer_token_env_var === 'string' ? 'bearer_token' : 'unsupported']));
    const servers = m?.status() ?? Object.keys(table).map((name) => ({ name, state: 'starting', tools: 0, required: false }));
    return { type: 'mcp_list_tools_response', tools, resources: {}, resource_templates: {}, auth_statuses: auth, servers } as EventMsg;
  }

  /** Kill every server. */
  async close(): Promise<void> {
    this.closed = true;
    for (const done of [...this.pendingElicitations.values()]) done({ action: 'cancel' });
    if (this.timer) clearTimeout(this.timer);
    const m = this.manager ?? (this.starting ? await this.starting.catch(() => undefined) : undefined);
    await m?.close();
  }
}
