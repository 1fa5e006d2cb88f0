// What `codex mcp list|get` print: Codex 0.169's text tables and `--json` entries. Text output
// masks secrets (env values, literal header values); `--json` prints them as configured, as
// Codex does.
type Table = Record<string, unknown>;

const MASK = '*****';
const arr = (v: unknown): string[] | null => (Array.isArray(v) ? v.map(String) : null);
const rec = (v: unknown): Record<string, string> | null => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Table).map(([k, x]) => [k, String(x)])) : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** `auth_status` of a server: bearer token, stored OAuth tokens (`codex mcp login`), or unsupported. */
export function authStatus(t: Table, oauth = false): 'bearer_token' | 'o_auth' | 'unsupported' {
  if (typeof t.bearer_token_env_var === 'string') return 'bearer_token';
  return oauth && typeof t.url === 'string' ? 'o_auth' : 'unsupported';
}

/** One `--json` entry. */
export function jsonEntry(name: string, t: Table, withAuth: boolean, oauth = false): Table {
  const transport =
    typeof t.url === 'string'
      ? { type: 'streamable_http', url: t.url, bearer_token_env_var: str(t.bearer_token_env_var), http_headers: rec(t.http_headers), env_http_headers: rec(t.env_http_headers) }
      : { type: 'stdio', command: str(t.command), args: arr(t.args) ?? [], env: rec(t.env), env_vars: arr(t.env_vars) ?? [], cwd: str(t.cwd) };
  return {
    name,
    enabled: t.enabled !== false,
    disabled_reason: null,
    transport,
    enabled_tools: arr(t.enabled_tools),
    disabled_tools: arr(t.disabled_tools),
    startup_timeout_sec: num(t.startup_timeout_sec),
    tool_timeout_sec: num(t.tool_timeout_sec),
    ...(withAuth ? { auth_status: authStatus(t, oauth) } : {}),
  };
}

function maskedPairs(v: unknown): string {
  const r = rec(v);
  if (!r || Object.keys(r).length === 0) return '-';
  return Object.keys(r)
    .sort()
    .map((k) => `${k}=${MASK}`)
    .join(', ');
}

function plainPairs(v: unknown): string {
  const r = rec(v);
  if (!r || Object.keys(r).length === 0) return '-';
  return Object.entries(r)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, x]) => `${k}=${x}`)
    .join(', ');
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n');
}

/** `codex mcp list` text; `live` adds a column with the probed status. */
export function listText(servers: [string, Table][], live?: Map<string, string>, oauth: Set<string> = new Set()): string {
  if (servers.length === 0) return 'No MCP servers configured yet. Try `codex mcp add my-tool -- my-command`.\n';
  const status = (t: Table): string => (t.enabled === false ? 'disabled' : 'enabled');
  const authText = { bearer_token: 'Bearer token', o_auth: 'OAuth', unsupported: 'Unsupported' } as const;
  const liveCol = live ? ['Live'] : [];
  const stdio = servers.filter(([, t]) => typeof t.url !== 'string');
  const http = servers.filter(([, t]) => typeof t.url === 'string');
  const parts: string[] = [];
  if (stdio.length > 0) {
    parts.push(
      table([
        ['Name', 'Command', 'Args', 'Env', 'Cwd', 'Status', 'Auth', ...liveCol],
        ...stdio.map(([n, t]) => [n, str(t.command) ?? '-', (arr(t.args) ?? []).join(' ') || '-', maskedPairs(t.env), str(t.cwd) ?? '-', status(t), authText[authStatus(t)], ...(live ? [live.get(n) ?? '-'] : [])]),
      ]),
    );
  }
  if (http.length > 0) {
    parts.push(
      table([
        ['Name', 'Url', 'Bearer Token Env Var', 'Status', 'Auth', ...liveCol],
        ...http.map(([n, t]) => [n, String(t.url), str(t.bearer_token_env_var) ?? '-', status(t), authText[authStatus(t, oauth.has(n))], ...(live ? [live.get(n) ?? '-'] : [])]),
      ]),
    );
  }
  return `${parts.join('\n\n')}\n`;
}

/** `codex mcp get NAME` text. */
export function getText(name: string, t: Table): string {
  const lines = [name, `  enabled: ${t.enabled !== false}`];
  if (typeof t.url === 'string') {
    lines.push('  transport: streamable_http', `  url: ${t.url}`, `  bearer_token_env_var: ${str(t.bearer_token_env_var) ?? '-'}`, `  http_headers: ${maskedPairs(t.http_headers)}`, `  env_http_headers: ${plainPairs(t.env_http_headers)}`);
  } else {
    lines.push('  transport: stdio', `  command: ${str(t.command) ?? '-'}`, `  args: ${(arr(t.args) ?? []).join(' ') || '-'}`, `  cwd: ${str(t.cwd) ?? '-'}`, `  env: ${maskedPairs(t.env)}`);
    const vars = arr(t.env_vars);
    if (vars && vars.length > 0) lines.push(`  env_vars: ${vars.join(', ')}`);
  }
  const en = arr(t.enabled_tools);
  if (en) lines.push(`  enabled_tools: ${en.join(', ') || '-'}`);
  const dis = arr(t.disabled_tools);
  if (dis) lines.push(`  disabled_tools: ${dis.join(', ') || '-'}`);
  if (num(t.startup_timeout_sec) !== null) lines.push(`  startup_timeout_sec: ${num(t.startup_timeout_sec)}`);
  if (num(t.tool_timeout_sec) !== null) lines.push(`  tool_timeout_sec: ${num(t.tool_timeout_sec)}`);
  lines.push(`  remove: codex mcp remove ${name}`);
  return `${lines.join('\n')}\n`;
}
