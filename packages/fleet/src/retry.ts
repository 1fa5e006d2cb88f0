// Which failed tasks are tried again. A try that failed for a reason outside the task (the
// model provider stayed unavailable past codex's own retries, the usage limit was hit, the
// `codex exec` child was killed by a signal, a git fetch failed) may pass later, so the task is
// queued again with back-off. A failure that comes from the task itself (a repository or ref
// that does not exist, bad task data, a model or request the provider rejects, an exit with an
// error the run reported) would fail the same way again and is final at once.

/** Why a try failed, as recorded in the task's attempt history. */
export interface FailureClass {
  retryable: boolean;
  /** Short reason: `provider`, `signal`, `network`, `task`, `workspace`, `invalid`. */
  reason: string;
}

/** Messages codex exec reports when the provider, not the task, failed (after its own retries). */
const PROVIDER_TRANSIENT = [
  /^exceeded retry limit, last status: (429|5\d\d)\b/,
  /^We're currently experiencing high demand/,
  /^stream disconnected before completion/,
  /^You've hit your usage limit/,
  /\b(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|ENOTFOUND|socket hang up)\b/,
  /\b(idle timeout|timed out waiting for (the )?(response|headers))\b/i,
];

/** Classify a failed run of `codex exec`: its last error message, exit code and signal. */
export function classifyRunFailure(f: { error?: string; exitCode: number | null; signal: string | null }): FailureClass {
  if (f.signal !== null) return { retryable: true, reason: 'signal' };
  const msg = (f.error ?? '').trim();
  if (PROVIDER_TRANSIENT.some((re) => re.test(msg))) return { retryable: true, reason: 'provider' };
  return { retryable: false, reason: 'task' };
}

/** Classify a failure to prepare the checkout: a missing repository or ref is final, a failed fetch or clone is not. */
export function classifyWorkspaceFailure(message: string): FailureClass {
  if (/does not exist on this worker|is not a commit in/.test(message)) return { retryable: false, reason: 'workspace' };
  if (/^git (clone|fetch)\b/.test(message)) return { retryable: true, reason: 'network' };
  return { retryable: false, reason: 'workspace' };
}
