// Reads config.toml with a real TOML parser and maps a dotted key back to the line that
// set it, so a wrong value can be reported as `file:line: key`.
import { readFileSync } from 'node:fs';
import { parse as parseToml, TomlError } from 'smol-toml';
import { ConfigError } from './errors.js';
import { splitDottedKey } from './overrides.js';

/** A parsed TOML file with its text kept for error locations. */
export interface TomlSource {
  file: string;
  text: string;
  doc: Record<string, unknown>;
}

/** Read and parse a TOML file; `null` when it does not exist. */
export function readTomlFile(file: string): TomlSource | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err: unknown) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ConfigError('unreadable', `Cannot read ${file}: ${(err as Error).message}`, { file, cause: err });
  }
  try {
    return { file, text, doc: parseToml(text) as Record<string, unknown> };
  } catch (err: unknown) {
    if (err instanceof TomlError) {
      const first = err.message.split('\n')[0];
      throw new ConfigError('toml_syntax', `${file}:${err.line}:${err.column}: invalid TOML: ${first}`, {
        file,
        line: err.line,
        cause: err,
      });
    }
    throw new ConfigError('toml_syntax', `${file}: invalid TOML: ${String(err)}`, { file, cause: err });
  }
}

const HEADER = /^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$/;
const KEYLINE = /^\s*((?:"[^"]*"|'[^']*'|[A-Za-z0-9_.\- ]+?)+?)\s*=/;

/**
 * Best-effort line (1-based) where `path` is set: walks table headers and `key =` lines,
 * including dotted keys and inline tables on the parent key's line.
 */
export function findKeyLine(text: string, path: (string | number)[]): number | undefined {
  const want = path.filter((p): p is string => typeof p === 'string');
  const lines = text.split(/\r?\n/);
  let table: string[] = [];
  let best: number | undefined;
  let bestLen = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const h = HEADER.exec(line);
    if (h) {
      table = splitDottedKey(h[1]!);
      if (table.length > bestLen && prefixOf(table, want)) {
        best = i + 1;
        bestLen = table.length;
      }
      continue;
    }
    const k = KEYLINE.exec(line);
    if (!k) continue;
    const full = [...table, ...splitDottedKey(k[1]!)];
    if (full.length >= bestLen && prefixOf(full, want)) {
      best = i + 1;
      bestLen = full.length;
    }
  }
  return best;
}

function prefixOf(prefix: string[], full: string[]): boolean {
  if (prefix.length > full.length) return false;
  return prefix.every((p, i) => p === full[i]);
}
