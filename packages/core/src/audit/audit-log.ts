// The audit trail: every approval decision (command or patch, cwd, policies, rule matched,
// who decided, the answer, time) appended as one JSON line to CODEX_HOME/log/audit.jsonl
// through pino, synchronously so a crash loses nothing already decided.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';

/** One decision; `kind` is `command` or `patch`, `by` is `policy`, `rule`, `user` or `user-session`. */
export type AuditEntry = Record<string, unknown> & { kind: 'command' | 'patch' | 'mcp_tool'; decision: string; by: string };

/** A sink for audit entries. */
export type AuditSink = (entry: AuditEntry) => void;

/** Path of the audit log under CODEX_HOME. */
export function auditLogPath(codexHome: string): string {
  return join(codexHome, 'log', 'audit.jsonl');
}

/** Open (append) the audit log; returns a sink that writes one line per entry. */
export function createAuditLog(codexHome: string, base: Record<string, unknown> = {}): AuditSink {
  mkdirSync(join(codexHome, 'log'), { recursive: true, mode: 0o700 });
  const dest = pino.destination({ dest: auditLogPath(codexHome), sync: true, mkdir: true, mode: 0o600 } as Parameters<typeof pino.destination>[0]);
  // No level field, so the timestamp opens the object: pino prefixes every later field
  // with a comma, and a leading-comma timestamp would give `{,"time"` (invalid JSON).
  const logger = pino(
    { base, timestamp: () => `"time":"${new Date().toISOString()}"`, messageKey: 'event', formatters: { level: () => ({}) } },
    dest,
  );
  return (entry) => logger.info(entry, 'decision');
}
