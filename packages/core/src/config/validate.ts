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
  const result = ConfigTomlSchema.safeParse(doc);
  if (result.success) return;
  const issue = result.error.issues[0]!;
  const path = issue.path.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number');
  const key = path.map(String).join('.');
  const what = describeIssue(issue.message, path, doc);
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
