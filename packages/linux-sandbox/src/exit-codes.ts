// Exit codes of the native helper (native/sandbox.h); a code in 120..123 with a
// "codex-linux-sandbox: " line on stderr means the command never started.

/** Exit codes of `codex-linux-sandbox` before the command runs. */
export const HELPER_EXIT = {
  usage: 120,
  noLandlock: 121,
  noSeccomp: 122,
  setup: 123,
  execFailed: 126,
  notFound: 127,
} as const;

/** Prefix of every message the helper prints itself. */
export const HELPER_MESSAGE_PREFIX = 'codex-linux-sandbox: ';

/** True when (code, stderr) is the helper refusing to start, not the command's own exit. */
export function isHelperSetupFailure(code: number | null, stderr: string): boolean {
  return code !== null && code >= 120 && code <= 123 && stderr.startsWith(HELPER_MESSAGE_PREFIX);
}
