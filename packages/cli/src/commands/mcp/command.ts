// `codex mcp list|get|add|remove`: manage `[mcp_servers]` in $CODEX_HOME/config.toml. list/get
// read the effective config (with -c overrides) and never connect, except `list --status`, which
// probes every enabled server in parallel for at most a few seconds (a dead or mute server shows
// as failed or starting, it never hangs the command). add/remove edit the file as text
// (comments and formatting kept) after validating the new entry. login/logout run the OAuth
// browser flow for an HTTP server and store or forget its tokens in $CODEX_HOME/.credentials.json.
import type { Argv } from 'yargs';
import type { CommandDef } from '../../command.js';
import { termSafe } from '@codex-ts/protocol/term-text';
import { CliError } from '../../errors.js';

type Table = Record<string, unknown>;
const PROBE_CAP_MS = 5_000;

async function effectiveServers(overrides: string[]): Promise<[string, Table][]> {
  const { loadConfig } = await import('@codex-ts/core');
  const config = loadConfig({ overrides });
  const servers = (config.toml.mcp_servers ?? {}) as Record<string, Table>;
  return Object.entries(servers).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

async function configFile(): Promise<string> {
  const { findCodexHome } = await import('@codex-ts/core');
  const { join } = await import('node:path');
  return join(findCodexHome(), 'config.toml');
}

/** Live status of every enabled server, probed in parallel, bounded. */
async function probe(servers: [string, Table][]): Promise<Map<string, string>> {
  const { McpConnectionManager, parseMcpServers } = await import('@codex-ts/mcp-client');
  const resolved = parseMcpServers(Object.fromEntries(servers));
  const cap = Math.min(PROBE_CAP_MS, Math.max(...resolved.map((s) => s.startupTimeoutMs), 0));
  const m = new McpConnectionManager(resolved.map((s) => ({ ...s, startupTimeoutMs: Math.min(s.startupTimeoutMs, cap) })));
  m.start();
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([m.settled(), new Promise((r) => (timer = setTimeout(r, cap + 500)))]);
  clearTimeout(timer);
  const out = new Map<string, string>();
  for (const s of m.status()) {
    out.set(s.name, s.state === 'ready' ? `ready (${s.tools} tools)` : s.state === 'failed' ? `failed: ${s.error ?? 'unknown error'}` : s.state === 'starting' ? `starting (no answer after ${cap / 1000}s)` : s.state);
  }
  await m.close();
  return out;
}

/** Names of HTTP servers with stored OAuth tokens. */
async function oauthNames(servers: [string, Table][]): Promise<Set<string>> {
  const http = servers.filter(([, t]) => typeof t.url === 'string');
  if (http.length === 0) return new Set();
  const { findCodexHome } = await import('@codex-ts/core');
  const { hasMcpCredentials } = await import('@codex-ts/mcp-client');
  const home = findCodexHome();
  return new Set(http.filter(([n, t]) => hasMcpCredentials(home, n, String(t.url))).map(([n]) => n));
}

function parseEnvPairs(pairs: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const p of pairs) {
    const i = p.indexOf('=');
    if (i <= 0) throw new Error(`--env ${p}: expected KEY=VALUE`);
    env[p.slice(0, i)] = p.slice(i + 1);
  }
  return env;
}

async function run(argv: Record<string, unknown>): Promise<number> {
  const action = String(argv.action);
  const name = argv.name === undefined ? undefined : String(argv.name);
  const overrides = ((argv.config as unknown[] | undefined) ?? []).map(String);
  const out = (s: string): void => void process.stdout.write(s);
  const render = await import('./render.js');
  switch (action) {
    case 'list': {
      const servers = await effectiveServers(overrides);
      const oauth = await oauthNames(servers);
      if (argv.json === true) {
        out(`${JSON.stringify(servers.map(([n, t]) => render.jsonEntry(n, t, true, oauth.has(n))), null, 2)}\n`);
        return 0;
      }
      out(termSafe(render.listText(servers, argv.status === true && servers.length > 0 ? await probe(servers.filter(([, t]) => t.enabled !== false)) : undefined, oauth)));
      return 0;
    }
    case 'get': {
      if (!name) throw new UsageError('codex mcp get <NAME>: missing NAME');
      const hit = (await effectiveServers(overrides)).find(([n]) => n === name);
      if (!hit) {
        process.stderr.write(`Error: No MCP server named '${name}' found.\n`);
        return 1;
      }
      out(argv.json === true ? `${JSON.stringify(render.jsonEntry(hit[0], hit[1], false), null, 2)}\n` : termSafe(render.getText(hit[0], hit[1])));
      return 0;
    }
    case 'add': {
      if (!name) throw new UsageError('codex mcp add <NAME> (--url URL | -- COMMAND [ARGS...]): missing NAME');
      const cmd = ((argv['--'] as unknown[] | undefined) ?? []).map(String);
      const url = argv.url === undefined ? undefined : String(argv.url);
      const env = parseEnvPairs(((argv.env as unknown[] | undefined) ?? []).map(String));
      if ((url === undefined) === (cmd.length === 0)) throw new UsageError('codex mcp add: give exactly one of --url URL or -- COMMAND [ARGS...]');
      let table: Table;
      if (url !== undefined) {
        if (Object.keys(env).length > 0) throw new UsageError('codex mcp add: --env is only for stdio servers (use --bearer-token-env-var for HTTP)');
        table = { url, ...(argv.bearerTokenEnvVar !== undefined ? { bearer_token_env_var: String(argv.bearerTokenEnvVar) } : {}) };
      } else {
        if (argv.bearerTokenEnvVar !== undefined) throw new UsageError('codex mcp add: --bearer-token-env-var is only for --url servers');
        table = { command: cmd[0], ...(cmd.length > 1 ? { args: cmd.slice(1) } : {}), ...(Object.keys(env).length > 0 ? { env } : {}) };
      }
      const { parseMcpServers } = await import('@codex-ts/mcp-client');
      parseMcpServers({ [name]: table });
      const { addMcpServer } = await import('./config-edit.js');
      addMcpServer(await configFile(), name, table);
      out(`Added global MCP server '${name}'.\n`);
      return 0;
    }
    case 'remove': {
      if (!name) throw new UsageError('codex mcp remove <NAME>: missing NAME');
      const { removeMcpServer } = await import('./config-edit.js');
      out(removeMcpServer(await configFile(), name) ? `Removed global MCP server '${name}'.\n` : `No MCP server named '${name}' found.\n`);
      return 0;
    }
    case 'login':
    case 'logout': {
      if (!name) throw new UsageError(`codex mcp ${action} <NAME>: missing NAME`);
      const hit = (await effectiveServers(overrides)).find(([n]) => n === name);
      if (!hit) {
        process.stderr.write(`Error: No MCP server named '${name}' found.\n`);
        return 1;
      }
      const url = hit[1].url;
      if (typeof url !== 'string') {
        process.stderr.write('Error: OAuth login is only supported for streamable HTTP servers.\n');
        return 1;
      }
      const { findCodexHome } = await import('@codex-ts/core');
      const lib = await import('@codex-ts/mcp-client');
      if (action === 'logout') {
        out(lib.logoutMcpServer(findCodexHome(), name, url) ? `Removed OAuth credentials for '${name}'.\n` : `No OAuth credentials stored for '${name}'.\n`);
        return 0;
      }
      await lib.loginMcpServer({
        codexHome: findCodexHome(),
        name,
        url,
        ...(argv.scopes !== undefined ? { scope: ((argv.scopes as unknown[]) ?? []).map(String).join(' ') } : {}),
        onUrl: (authUrl) => {
          process.stderr.write(`Authorize \`${name}\` by opening this URL in your browser:\n${authUrl}\n`);
          if (argv.browser !== false) void openBrowser(authUrl);
        },
      });
      out(`Successfully logged in to MCP server '${name}'.\n`);
      return 0;
    }
    default:
      throw new UsageError(`unknown mcp subcommand '${action}'`);
  }
}

class UsageError extends CliError {
  constructor(message: string) {
    super('usage', message);
  }
}

/** Best effort: hand the URL to the desktop's opener (the URL is printed anyway). */
async function openBrowser(url: string): Promise<void> {
  const { spawn } = await import('node:child_process');
  const opener = process.platform === 'darwin' ? 'open' : 'xdg-open';
  try {
    spawn(opener, [url], { stdio: 'ignore', detached: true }).on('error', () => undefined).unref();
  } catch {
    // no opener on this machine: the printed URL is the way
  }
}

/** The `codex mcp` command. */
export const mcpCommand: CommandDef = {
  command: 'mcp <action> [name]',
  describe: 'Manage MCP servers in config.toml (list, get, add, remove, login, logout)',
  flags: ['--json', '--status', '--env', '--url', '--bearer-token-env-var', '--no-browser', '--scopes'],
  values: ['list', 'get', 'add', 'remove', 'login', 'logout'],
  builder: (y: Argv) =>
    y
      .parserConfiguration({ 'populate--': true })
      .positional('action', { choices: ['list', 'get', 'add', 'remove', 'login', 'logout'] as const, describe: 'what to do' })
      .positional('name', { type: 'string', describe: 'server name ([mcp_servers.NAME])' })
      .option('json', { type: 'boolean', describe: 'list/get: print JSON (values unmasked)' })
      .option('status', { type: 'boolean', describe: 'list: connect to each enabled server (bounded) and show its live status' })
      .option('env', { type: 'string', array: true, describe: 'add: KEY=VALUE for a stdio server (repeatable)' })
      .option('url', { type: 'string', describe: 'add: URL of a streamable HTTP server' })
      .option('bearer-token-env-var', { type: 'string', describe: 'add: environment variable holding the bearer token (HTTP)' })
      .option('browser', { type: 'boolean', default: true, describe: 'login: open the authorization URL in a browser (--no-browser: only print it)' })
      .option('scopes', { type: 'string', array: true, describe: 'login: OAuth scopes to request' })
      .example('codex mcp add docs -- npx -y docs-mcp --port 0', '')
      .example('codex mcp add remote --url https://example.com/mcp --bearer-token-env-var MY_TOKEN', '')
      .example('codex mcp list --status', ''),
  run: async (argv) => {
    try {
      return await run(argv as Record<string, unknown>);
    } catch (err: unknown) {
      process.stderr.write(`Error: ${(err as Error).message}\n`);
      return err instanceof UsageError ? 2 : 1;
    }
  },
};
