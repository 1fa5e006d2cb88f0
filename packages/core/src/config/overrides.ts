// `-c key=value` overrides: split on the first `=`, the key is a dotted path, the value is
// parsed as a TOML value (falling back to the raw string with surrounding quotes removed).
import { parse as parseToml } from 'smol-toml';
import { ConfigError } from './errors.js';

/** One parsed `-c` override. */
export interface ConfigOverride {
  /** Dotted path split into segments, e.g. `["model_providers", "mock", "base_url"]`. */
  path: string[];
  value: unknown;
  /** The original `key=value` text, for error messages. */
  source: string;
}

/** Split a dotted key, honouring quoted segments (`projects."/a.b".trust_level`). */
export function splitDottedKey(key: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | null = null;
  for (const ch of key.trim()) {
    if (quote) {
      if (ch === quote) quote = null;
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '.') {
      out.push(cur.trim());
      cur = '';
    } else {
      cur += ch;
    }
  }
  out.push(cur.trim());
  return out;
}

/** Parse a TOML value the way Codex's `parse_toml_value` does. */
export function parseTomlValue(raw: string): unknown {
  try {
    const doc = parseToml(`__v = ${raw}`);
    return doc.__v;
  } catch {
    const t = raw.trim();
    if (t.length >= 2 && ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'")))) {
      return t.slice(1, -1);
    }
    return t;
  }
}

/** Parse `key=value` as given to `-c/--config`. */
export function parseConfigOverride(text: string): ConfigOverride {
  const eq = text.indexOf('=');
  if (eq <= 0) {
    throw new ConfigError('bad_override', `Invalid override \`${text}\`: expected -c key=value (e.g. -c model="o3").`);
  }
  const path = splitDottedKey(text.slice(0, eq));
  if (path.some((p) => p === '')) {
    throw new ConfigError('bad_override', `Invalid override \`${text}\`: empty segment in key \`${text.slice(0, eq)}\`.`);
  }
  if (text.slice(eq + 1).trim() === '') {
    const key = text.slice(0, eq);
    throw new ConfigError('bad_override', `Invalid override \`${text}\`: the value of \`${key}\` is empty. Give a value (e.g. -c ${key}="..."), or drop the override.`, { key });
  }
  return { path, value: parseTomlValue(text.slice(eq + 1)), source: text };
}

/** Apply overrides in order onto a TOML document (mutates and returns it). */
export function applyOverrides(doc: Record<string, unknown>, overrides: ConfigOverride[]): Record<string, unknown> {
  for (const o of overrides) {
    let node: Record<string, unknown> = doc;
    for (const seg of o.path.slice(0, -1)) {
      const next = node[seg];
      if (next === null || typeof next !== 'object' || Array.isArray(next)) node[seg] = {};
      node = node[seg] as Record<string, unknown>;
    }
    node[o.path[o.path.length - 1]!] = o.value;
  }
  return doc;
}
