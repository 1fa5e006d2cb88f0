// Validates a config document against the protocol's ConfigToml schema. Unknown keys pass
// (kept, ignored); a known key with the wrong type is reported as `file:line: key: problem`
// or, for a `-c` override, naming the override.
import { ConfigTomlSchema } from '@codex-ts/protocol';
import { ConfigError } from './errors.js';
import { findKeyLine } from './toml-source.js';

/** Where the document came from, for error messages. */
export type ConfigOrigin = { file: string; text: string } | { overrides: string[] };

/** Throw a ConfigError naming the first invalid key; returns normally when valid. */
export function validateConfigDoc(doc: Record<string, unknown>, origin: ConfigOrigin): void {
  // jitless: each document is parsed once, and compiling zod's fast paths for every table of
  // the schema (code generation + `new Function`) costs more than the one parse it speeds up.
  const result = ConfigTomlSchema.safeParse(doc, { jitless: true });
  if (result.success) return;
  const issue = result.error.issues[0]!;
  const path = issue.path.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number');
  const key = path.map(String).join('.');
  const allowed = allowedValues(issue);
  const what = describeIssue(allowed.length > 0 ? `expected one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}` : issue.message, path, doc);
  if ('file' in origin) {
    const line = findKeyLine(origin.text, path);
    const loc = line === undefined ? origin.file : `${origin.file}:${line}`;
    throw new ConfigError('invalid_value', `${loc}: invalid value for \`${key}\`: ${what}`, {
      file: origin.file,
      key,
      ...(line === undefined ? {} : { line }),
    });
  }
  const src = origin.overrides.find((o) => o.trimStart().startsWith(String(path[0]))) ?? origin.overrides.join(' ');
  throw new ConfigError('invalid_value', `-c ${src}: invalid value for \`${key}\`: ${what}`, { key });
}

function describeIssue(message: string, path: (string | number)[], doc: Record<string, unknown>): string {
  let v: unknown = doc;
  for (const p of path) v = v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[p] : undefined;
  const got = v === undefined ? 'nothing' : typeof v === 'number' && !Number.isFinite(v) ? String(v) : JSON.stringify(v);
  return `${message} (got ${got})`;
}

/** The literal values an enum/union issue accepts (nested union branches included), if any. */
function allowedValues(issue: unknown): unknown[] {
  const out: unknown[] = [];
  const walk = (i: unknown): void => {
    if (i === null || typeof i !== 'object') return;
    const rec = i as { code?: string; values?: unknown[]; errors?: unknown[][] };
    if (rec.code === 'invalid_value' && Array.isArray(rec.values)) out.push(...rec.values);
    if (rec.code === 'invalid_union' && Array.isArray(rec.errors)) for (const branch of rec.errors) for (const sub of branch) walk(sub);
  };
  walk(issue);
  return [...new Set(out)];
}
