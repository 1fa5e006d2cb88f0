// Coverage that cannot vanish: CODEX_TEST_REQUIRE_BACKENDS=landlock,bwrap (set by CI) turns
// an unavailable backend into a failing test instead of one "refuses" test, and every
// suite counts the escape cases it ran, printed per backend, user and mode at the end.
import { afterAll, expect, it } from 'vitest';
import type { BackendProbe } from '../src/index.js';

/** Backends the environment says must work here. */
export function requiredBackends(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.CODEX_TEST_REQUIRE_BACKENDS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/**
 * For an unavailable backend: a failing test when it is required, else the given refusal
 * check. Returns true when the backend is available (the caller then registers its suite).
 */
export function requireOrRefuse(probe: BackendProbe, label: string, refusal: () => void | Promise<void>): boolean {
  if (probe.available) return true;
  if (requiredBackends().includes(probe.backend)) {
    it(`is required by CODEX_TEST_REQUIRE_BACKENDS but unavailable (${label})`, () => {
      expect.fail(`backend ${probe.backend} is required by CODEX_TEST_REQUIRE_BACKENDS but does not work here: ${probe.reason}`);
    });
  } else {
    it(`refuses: ${probe.reason}`, refusal);
  }
  return false;
}

const counts = new Map<string, number>();

/** Counts one escape case that ran (its test body started) under suite label. */
export function countCase(label: string): void {
  counts.set(label, (counts.get(label) ?? 0) + 1);
}

/** Prints the counts when the file's tests are done (call once at the top of a test file). */
export function reportCounts(title: string): void {
  afterAll(() => {
    const lines = [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `  ${k}: ${n}`);
    process.stdout.write(`${title}\n${lines.length > 0 ? lines.join('\n') : '  none ran'}\n`);
  });
}
