// Codex's names for MCP tools as the model sees them: `mcp__<server>__<tool>`, every character
// outside [A-Za-z0-9_] replaced by `_`, at most 64 characters (longer names keep their first 24
// characters and get the SHA-1 of the raw qualified name appended). Collisions are skipped.
import { createHash } from 'node:crypto';

/** Responses API limit on a tool name. */
export const MAX_TOOL_NAME_LENGTH = 64;
const DELIMITER = '__';

/** Replace every character the Responses API rejects in a tool name with `_`. */
export function sanitizeToolName(name: string): string {
  const out = name.replace(/[^A-Za-z0-9_]/g, '_');
  return out === '' ? '_' : out;
}

/** The raw (unsanitised) qualified name `mcp__<server>__<tool>`. */
export function rawQualifiedName(server: string, tool: string): string {
  return `mcp${DELIMITER}${server}${DELIMITER}${tool}`;
}

/** The model-facing name of one tool (sanitised, length-limited). */
export function qualifiedToolName(server: string, tool: string): string {
  const raw = rawQualifiedName(server, tool);
  const name = sanitizeToolName(raw);
  if (name.length <= MAX_TOOL_NAME_LENGTH) return name;
  const sha1 = createHash('sha1').update(raw).digest('hex');
  return `${name.slice(0, MAX_TOOL_NAME_LENGTH - sha1.length)}${sha1}`;
}

/** The prefix every tool of `server` starts with (`mcp__<server>__`, sanitised). */
export function qualifiedPrefix(server: string): string {
  return sanitizeToolName(`mcp${DELIMITER}${server}${DELIMITER}`);
}

/**
 * Qualify tools of several servers in order; a tool whose raw or final name was already taken
 * is reported through `onDuplicate` and left out (as Codex does).
 */
export function qualifyTools<T extends { server: string; tool: string }>(
  tools: Iterable<T>,
  onDuplicate?: (name: string) => void,
): Map<string, T> {
  const out = new Map<string, T>();
  const raws = new Set<string>();
  for (const t of tools) {
    const raw = rawQualifiedName(t.server, t.tool);
    const name = qualifiedToolName(t.server, t.tool);
    if (raws.has(raw) || out.has(name)) {
      onDuplicate?.(raws.has(raw) ? raw : name);
      continue;
    }
    raws.add(raw);
    out.set(name, t);
  }
  return out;
}
