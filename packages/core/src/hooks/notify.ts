// The `notify` hook of config.toml: after each completed turn, run the configured program
// fire-and-forget with one extra argument, Codex's JSON notification.
import { spawn } from 'node:child_process';

/** Codex's `agent-turn-complete` notification. */
export interface TurnCompleteNotification {
  type: 'agent-turn-complete';
  'thread-id': string;
  'turn-id': string;
  cwd: string;
  'input-messages': string[];
  'last-assistant-message': string | null;
}

/** Run `argv + [json]` detached; errors (missing program) are reported, never thrown. */
export function runNotify(argv: readonly string[] | undefined, n: TurnCompleteNotification, onError?: (err: Error) => void): void {
  if (!argv || argv.length === 0) return;
  try {
    const child = spawn(argv[0]!, [...argv.slice(1), JSON.stringify(n)], { stdio: 'ignore', detached: true });
    child.on('error', (err) => onError?.(err));
    child.unref();
  } catch (err: unknown) {
    onError?.(err as Error);
  }
}
