// Edits `[mcp_servers.<name>]` in config.toml as text, so every comment and every other table
// keeps its exact bytes: `remove` cuts the server's header, its sub-tables and the comment lines
// attached above it; `add` (replace) appends a freshly serialised block. Every edit is checked by
// parsing the result and comparing it with the intended document; anything else (an inline
// `mcp_servers = {...}` definition, say) is refused with a message instead of a wrong file. The
// write is atomic (temp file + rename) and keeps the file's mode.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'smol-toml';
import { CliError } from '../../errors.js';

/** A failed edit (bad file, unsupported layout); nothing was written. */
export class McpConfigEditError extends CliError {
  override readonly name = 'McpConfigEditError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('mcp_config_edit', message, options);
  }
}

const NAME_RE = /^[a-zA-Z0-9_-]+$/;
type Doc = Record<string, unknown>;

function parseText(file: string, text: string): Doc {
  try {
    return parse(text) as Doc;
  } catch (err: unknown) {
    throw new McpConfigEditError(`${file}: invalid TOML, not edited: ${(err as Error).message.split('\n')[0]}`);
  }
}

function normalized(doc: Doc): Doc {
  const servers = doc.mcp_servers as Doc | undefined;
  if (servers && typeof servers === 'object' && Object.keys(servers).length === 0) {
    const { mcp_servers: _drop, ...rest } = doc;
    void _drop;
    return rest;
  }
  return doc;
}

/** Whether a header line opens `[mcp_servers.<name>]` or one of its sub-tables. */
function headerOf(line: string): string | undefined {
  const m = /^\s*\[\[?\s*([^\]]*?)\s*\]\]?\s*(?:#.*)?$/.exec(line);
  return m?.[1];
}
function belongsTo(header: string, name: string): boolean {
  const parts = header.split('.').map((p) => p.trim().replace(/^"(.*)"$|^'(.*)'$/, '$1$2'));
  return parts[0] === 'mcp_servers' && parts[1] === name;
}

/** The text without the server's tables; unchanged text when it has none. */
export function removeServerText(text: string, name: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  let inside = false;
  // Comment lines right above the next header belong to that header, not to the cut block.
  let attached: string[] = [];
  for (const line of lines) {
    const h = headerOf(line);
    if (h !== undefined) {
      const wasInside = inside;
      inside = belongsTo(h, name);
      if (inside) {
        while (out.length > 0 && /^\s*#/.test(out[out.length - 1]!)) out.pop();
        attached = [];
        continue;
      }
      if (wasInside) out.push(...attached);
      attached = [];
    }
    if (inside) {
      attached = /^\s*#/.test(line) ? [...attached, line] : [];
      continue;
    }
    out.push(line);
  }
  // Collapse the blank lines the cut left behind into one.
  const joined = out.join('\n').replace(/\n{3,}/g, '\n\n');
  return joined;
}

function readConfig(file: string): { text: string; doc: Doc } {
  if (!existsSync(file)) return { text: '', doc: {} };
  const text = readFileSync(file, 'utf8');
  return { text, doc: parseText(file, text) };
}

function writeAtomic(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const mode = existsSync(file) ? statSync(file).mode & 0o777 : 0o644;
  const tmp = join(dirname(file), `.config.toml.${process.pid}.tmp`);
  writeFileSync(tmp, text, { mode });
  renameSync(tmp, file);
}

/** Key-order-independent JSON form (TOML dates become ISO strings). */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, val: unknown) => {
    if (val && typeof val === 'object' && !Array.isArray(val) && !(val instanceof Date)) {
      return Object.fromEntries(Object.entries(val as Doc).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return val;
  });
}

function check(file: string, text: string, expected: Doc, what: string): void {
  const got = parseText(file, text);
  if (canonical(normalized(got)) !== canonical(normalized(expected))) {
    throw new McpConfigEditError(`${file}: cannot ${what} automatically (the server is defined in a form this editor does not rewrite, e.g. inline); edit the file by hand`);
  }
}

/** Remove `[mcp_servers.<name>]`; false when there is no such server. */
export function removeMcpServer(file: string, name: string): boolean {
  const { text, doc } = readConfig(file);
  const servers = (doc.mcp_servers ?? {}) as Doc;
  if (!(name in servers)) return false;
  const next = removeServerText(text, name);
  const expected = structuredClone(doc);
  delete (expected.mcp_servers as Doc)[name];
  check(file, next, expected, `remove mcp_servers.${name}`);
  writeAtomic(file, next);
  return true;
}

/** Add (or replace) `[mcp_servers.<name>]` with `table` (already validated). */
export function addMcpServer(file: string, name: string, table: Doc): void {
  if (!NAME_RE.test(name)) throw new McpConfigEditError(`invalid server name '${name}': use letters, digits, '-' and '_' only`);
  const { text, doc } = readConfig(file);
  const servers = (doc.mcp_servers ?? {}) as Doc;
  let base = name in servers ? removeServerText(text, name) : text;
  base = base.replace(/\s*$/, '');
  const block = stringify({ mcp_servers: { [name]: table } }).trim();
  const next = `${base}${base === '' ? '' : '\n\n'}${block}\n`;
  const expected = structuredClone(doc);
  expected.mcp_servers = { ...(expected.mcp_servers as Doc | undefined), [name]: table };
  check(file, next, expected, `add mcp_servers.${name}`);
  writeAtomic(file, next);
}
