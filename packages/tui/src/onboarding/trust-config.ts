// Records "trust this directory" in config.toml as Codex writes it:
//   [projects."<abs path>"]
//   trust_level = "trusted"
// The file is edited as text so every comment and every other table keeps its bytes: an
// existing `[projects."<path>"]` table gets its `trust_level` line replaced (or added), else
// the table is appended. The result is parsed and compared with the intended document before
// it is written (temp file + rename, the file's mode kept); a layout this editor cannot
// rewrite (an inline `projects = {...}`, say) is refused with a message, nothing written.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'smol-toml';
import { TuiError } from '../errors.js';

/** A trust decision that could not be saved; config.toml was left as it was. */
export class TrustConfigError extends TuiError {
  override readonly name = 'TrustConfigError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('trust_config', message, options);
  }
}

type Doc = Record<string, unknown>;

/** `"…"` as a TOML basic string. */
export function tomlString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c < 0x20 || c === 0x7f) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** The header line's key segments, or undefined when `line` is not a `[table]` header. */
function headerKeys(line: string): string[] | undefined {
  const m = /^\s*\[\s*([^[\]]*?)\s*\]\s*(?:#.*)?$/.exec(line);
  if (!m) return undefined;
  try {
    // Parse the header alone: smol-toml decodes the quoted segments for us.
    const doc = parse(`[${m[1]}]`) as Doc;
    const keys: string[] = [];
    let cur: unknown = doc;
    while (cur && typeof cur === 'object' && Object.keys(cur as Doc).length === 1) {
      const k = Object.keys(cur as Doc)[0]!;
      keys.push(k);
      cur = (cur as Doc)[k];
    }
    return keys;
  } catch {
    return undefined;
  }
}

/** The config text with `[projects."<path>"] trust_level = "trusted"`. */
export function withTrustedProject(text: string, path: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => {
    const k = headerKeys(l);
    return k !== undefined && k.length === 2 && k[0] === 'projects' && k[1] === path;
  });
  if (start >= 0) {
    let end = lines.length;
    for (let i = start + 1; i < lines.length; i++) {
      if (/^\s*\[/.test(lines[i]!)) {
        end = i;
        break;
      }
    }
    const at = lines.slice(start + 1, end).findIndex((l) => /^\s*trust_level\s*=/.test(l));
    if (at >= 0) lines[start + 1 + at] = 'trust_level = "trusted"';
    else lines.splice(start + 1, 0, 'trust_level = "trusted"');
    return lines.join('\n');
  }
  const base = text.replace(/\s*$/, '');
  return `${base}${base === '' ? '' : '\n\n'}[projects.${tomlString(path)}]\ntrust_level = "trusted"\n`;
}

function parseDoc(file: string, text: string): Doc {
  try {
    return parse(text) as Doc;
  } catch (err: unknown) {
    throw new TrustConfigError(`${file}: invalid TOML, not edited: ${(err as Error).message.split('\n')[0]}`);
  }
}

/** Write `[projects."<path>"] trust_level = "trusted"` into `<codexHome>/config.toml`. */
export function setProjectTrusted(codexHome: string, path: string): void {
  const file = join(codexHome, 'config.toml');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const before = parseDoc(file, text);
  const next = withTrustedProject(text, path);
  const after = parseDoc(file, next);
  const projects = (after.projects ?? {}) as Doc;
  const entry = projects[path] as Doc | undefined;
  const expected = structuredClone(before);
  expected.projects = { ...((expected.projects as Doc | undefined) ?? {}), [path]: { ...((before.projects as Doc | undefined)?.[path] as Doc | undefined), trust_level: 'trusted' } };
  if (entry?.trust_level !== 'trusted' || JSON.stringify(sorted(after)) !== JSON.stringify(sorted(expected))) {
    throw new TrustConfigError(`${file}: cannot record the trust decision automatically (projects."${path}" is written in a form this editor does not rewrite); add [projects.${tomlString(path)}] trust_level = "trusted" by hand`);
  }
  mkdirSync(dirname(file), { recursive: true });
  const mode = existsSync(file) ? statSync(file).mode & 0o777 : 0o600;
  const tmp = join(dirname(file), `.config.toml.${process.pid}.tmp`);
  writeFileSync(tmp, next, { mode });
  renameSync(tmp, file);
}

function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    return Object.fromEntries(Object.entries(v as Doc).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, x]) => [k, sorted(x)]));
  }
  return v;
}

/** The trust level config.toml gives `dir` (its own entry or an ancestor's), or undefined. */
export function recordedTrust(projects: unknown, dir: string, isWithin: (d: string, root: string) => boolean): string | undefined {
  if (projects === null || typeof projects !== 'object' || Array.isArray(projects)) return undefined;
  for (const [path, entry] of Object.entries(projects as Doc)) {
    if (entry === null || typeof entry !== 'object') continue;
    const level = (entry as { trust_level?: unknown }).trust_level;
    if (typeof level === 'string' && isWithin(dir, path)) return level;
  }
  return undefined;
}
