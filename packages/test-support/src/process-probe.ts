// Process liveness helpers for tests that check no child outlives its owner.
import { readFileSync } from 'node:fs';

/** True while `pid` is a live process; a zombie (exited, not yet reaped) counts as dead. Linux (/proc). */
export function alive(pid: number): boolean {
  try {
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.startsWith('Z');
  } catch {
    // No such process (or /proc unreadable): not alive.
    return false;
  }
}

/** Polls `fn` every `stepMs` until it holds (true) or `limitMs` passes (false). */
export async function until(fn: () => boolean, limitMs: number, stepMs = 50): Promise<boolean> {
  const end = Date.now() + limitMs;
  while (!fn()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, stepMs));
  }
  return true;
}
