// The audit trail: every approval decision (command or patch, cwd, policies, rule matched,
// who decided, the answer, time) appended as one JSON line to CODEX_HOME/log/audit.jsonl
// through pino, synchronously so a crash loses nothing already decided. A full disk or a
// read-only home switches it off after one report instead of crashing the session.
import { join } from 'node:path';
import pino from 'pino';
import { safeFileDestination, type LogFileOptions } from '../logging.js';

/** One decision; `kind` is `command` or `patch`, `by` is `policy`, `rule`, `user` or `user-session`. */
export type AuditEntry = Record<string, unknown> & { kind: 'command' | 'patch' | 'mcp_tool'; decision: string; by: string };

/** A sink for audit entries. */
export type AuditSink = (entry: AuditEntry) => void;

/** Path of the audit log under CODEX_HOME. */
export function auditLogPath(codexHome: string): string {
  return join(codexHome, 'log', 'audit.jsonl');
}

/** Open (append) the audit log; returns a sink that writes one line per entry. Never throws: an unwritable log is reported through `onError` and entries are dropped. */
export function createAuditLog(codexHome: string, base: Record<string, unknown> = {}, opts: LogFileOptions = {}): AuditSink {
  let off = false;
  const dest = safeFileDestination(auditLogPath(codexHome), { ...opts, onDisabled: () => (off = true) });
  if (dest === null) return () => undefined;
  // No level field, so the timestamp opens the object: pino prefixes every later field
  // with a comma, and a leading-comma timestamp would give `{,"time"` (invalid JSON).
  const logger = pino(
    { base, timestamp: () => `"time":"${new Date().toISOString()}"`, messageKey: 'event', formatters: { level: () => ({}) } },
    dest,
  );
  return (entry) => {
    if (!off) logger.info(entry, 'decision');
  };
}
