// The engine's log file: pino to $CODEX_HOME/log/<name>.log (mode 0600, synchronous so a
// crash keeps the last lines). Level from CODEX_LOG (trace..fatal, or `off`); default info.
// stdout and stderr stay the front end's. Logging never takes the session down: a log that
// cannot be opened or written (read-only home, full disk) is switched off and reported once
// through `onError`.
import { join } from 'node:path';
import pino, { type DestinationStream, type Logger } from 'pino';
import { describeFsError, ensureDir } from './rollout/fs-safe.js';

const LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']);

/** Options for {@link openLogFile} and {@link safeFileDestination}. */
export interface LogFileOptions {
  /** Told once when the log cannot be opened or written; logging stops after that. */
  onError?: (message: string, err: unknown) => void;
}

/**
 * A synchronous pino destination appending to `path` (parents created, mode 0600) that
 * turns write errors into one `onError` call instead of an unhandled 'error' event.
 * Null when the file cannot be opened (after reporting it).
 */
export function safeFileDestination(path: string, opts: LogFileOptions & { onDisabled?: () => void } = {}): DestinationStream | null {
  let dest: ReturnType<typeof pino.destination>;
  try {
    ensureDir(join(path, '..'));
    dest = pino.destination({ dest: path, sync: true, mode: 0o600 } as Parameters<typeof pino.destination>[0]);
  } catch (err: unknown) {
    opts.onError?.(`cannot open log file ${path}: ${describeFsError(err)}; logging is off`, err);
    return null;
  }
  let failed = false;
  dest.on('error', (err: unknown) => {
    if (failed) return;
    failed = true;
    opts.onDisabled?.();
    opts.onError?.(`cannot write log file ${path}: ${describeFsError(err)}; logging is off`, err);
  });
  return dest;
}

/** Open `$CODEX_HOME/log/<name>.log` for appending and return a pino logger writing to it. Never throws. */
export function openLogFile(codexHome: string, name: string, env: NodeJS.ProcessEnv = process.env, opts: LogFileOptions = {}): Logger {
  const raw = (env.CODEX_LOG ?? 'info').trim().toLowerCase();
  const level = raw === 'off' ? 'silent' : LEVELS.has(raw) ? raw : 'info';
  if (level === 'silent') return pino({ level });
  let logger: Logger | undefined;
  const dest = safeFileDestination(join(codexHome, 'log', `${name}.log`), {
    ...opts,
    onDisabled: () => {
      if (logger) logger.level = 'silent';
    },
  });
  if (dest === null) return pino({ level: 'silent' });
  logger = pino({ level, base: { pid: process.pid }, redact: { paths: ['*.authorization', '*.Authorization', '*.api_key', '*.token'], censor: '[redacted]' } }, dest);
  return logger;
}
