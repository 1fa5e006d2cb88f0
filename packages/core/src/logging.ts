// The engine's log file: pino to $CODEX_HOME/log/<name>.log (mode 0600, synchronous so a
// crash keeps the last lines). Level from CODEX_LOG (trace..fatal, or `off`); default info.
// stdout and stderr stay the front end's.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';

const LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']);

/** Open `$CODEX_HOME/log/<name>.log` for appending and return a pino logger writing to it. */
export function openLogFile(codexHome: string, name: string, env: NodeJS.ProcessEnv = process.env): Logger {
  const raw = (env.CODEX_LOG ?? 'info').trim().toLowerCase();
  const level = raw === 'off' ? 'silent' : LEVELS.has(raw) ? raw : 'info';
  if (level === 'silent') return pino({ level });
  const dir = join(codexHome, 'log');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const dest = pino.destination({ dest: join(dir, `${name}.log`), sync: true, mode: 0o600 } as Parameters<typeof pino.destination>[0]);
  return pino({ level, base: { pid: process.pid }, redact: { paths: ['*.authorization', '*.Authorization', '*.api_key', '*.token'], censor: '[redacted]' } }, dest);
}
