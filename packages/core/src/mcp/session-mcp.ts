// A session's MCP servers: parsed from `[mcp_servers]`, started in parallel at spawn (never
// waited for, except `required = true` ones, whose failure stops the session before any model
// request), their events buffered until the session can emit them, closed at shutdown.
import { McpClientError, McpConnectionManager, parseMcpServers } from '@codex-ts/mcp-client';
import type { EventMsg } from '@codex-ts/protocol';
import type { Logger } from 'pino';
import type { Config } from '../config/load.js';
import { ConfigError } from '../config/errors.js';
import { McpToolProvider } from './mcp-tools.js';

/** The MCP side of a session. */
export interface SessionMcp {
  manager: McpConnectionManager;
  provider: McpToolProvider;
  /** Start delivering events (buffered ones first). */
  attach(emit: (msg: EventMsg) => void): void;
  close(): Promise<void>;
}

/** Start the configured servers; undefined when none is enabled. Throws when a required one fails. */
export async function startSessionMcp(config: Config, opts: { env?: NodeJS.ProcessEnv; logger?: Logger; version?: string } = {}): Promise<SessionMcp | undefined> {
  let servers;
  try {
    servers = parseMcpServers(config.toml.mcp_servers);
  } catch (err: unknown) {
    if (err instanceof McpClientError) throw new ConfigError('invalid_value', `${config.config_file}: ${err.message}`, { file: config.config_file, key: 'mcp_servers', cause: err });
    throw err;
  }
  if (!servers.some((s) => s.enabled)) return undefined;
  const buffered: EventMsg[] = [];
  let sink: ((msg: EventMsg) => void) | undefined;
  const manager = new McpConnectionManager(servers, {
    ...(opts.env ? { env: opts.env } : {}),
    ...(opts.logger ? { logger: opts.logger.child({ component: 'mcp' }) } : {}),
    ...(opts.version ? { version: opts.version } : {}),
    onEvent: (msg) => (sink ? sink(msg) : buffered.push(msg)),
  });
  manager.start();
  try {
    await manager.waitForRequired();
  } catch (err: unknown) {
    await manager.close();
    throw err;
  }
  return {
    manager,
    provider: new McpToolProvider(manager),
    attach(emit) {
      sink = emit;
      for (const m of buffered.splice(0)) emit(m);
    },
    close: () => manager.close(),
  };
}
