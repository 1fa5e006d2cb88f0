// Runs a patch in the apply_patch child under the session's sandbox policy: the same spawn
// path, backend, environment and reaper as a command, so the kernel confines every write.
// The child is found next to this bundle (`new URL('./apply-patch-child.cjs', import.meta.url)`)
// unless the caller names it; a missing child is an error, never an unsandboxed fallback.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { SandboxPolicy } from '@codex-ts/protocol';
import { runCommand } from '../exec/runner.js';
import { spawnerFor, type SandboxSettings } from '../exec/sandbox-spawn.js';
import type { PatchChildRequest, PatchChildResult } from './patch-child-protocol.js';

/** Longest a patch child may run before it is killed (it normally takes well under a second). */
export const PATCH_CHILD_TIMEOUT_MS = 60_000;

/**
 * File name of the child entry, next to core's dist/index.js (and a bundle that inlines core):
 * one CommonJS file, the cheapest thing node starts (no ESM loader, no module graph).
 */
export const APPLY_PATCH_CHILD_FILE = 'apply-patch-child.cjs';

/**
 * The child script: `override`; else next to this module's bundle (core's dist/, or a bundle
 * that inlines core and ships the child beside it); else the installed `@codex-ts/core`'s
 * (a bundle built in the workspace, or core run from its sources).
 */
export function applyPatchChildPath(override?: string): string {
  if (override !== undefined) return override;
  const beside = fileURLToPath(new URL(`./${APPLY_PATCH_CHILD_FILE}`, import.meta.url));
  if (existsSync(beside)) return beside;
  const installed = resolveInstalledChild();
  if (installed !== null && existsSync(installed)) return installed;
  throw new Error(`the apply_patch child ${APPLY_PATCH_CHILD_FILE} is missing (looked beside ${fileURLToPath(import.meta.url)} and for @codex-ts/core/${APPLY_PATCH_CHILD_FILE}); rebuild @codex-ts/core (it builds dist/${APPLY_PATCH_CHILD_FILE}), ship that file beside the bundle, or pass its path in SpawnOptions.applyPatchChild`);
}

/** `@codex-ts/core/apply-patch-child.cjs` as Node resolves it from here, or null (the caller reports where it looked). */
function resolveInstalledChild(): string | null {
  try {
    return createRequire(import.meta.url).resolve(`@codex-ts/core/${APPLY_PATCH_CHILD_FILE}`);
  } catch (err: unknown) {
    if ((err as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' || (err as NodeJS.ErrnoException).code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') return null;
    throw err;
  }
}

/** Inputs of {@link applyPatchInChild}. */
export interface PatchChildOptions {
  request: PatchChildRequest;
  policy: SandboxPolicy;
  /** The session's cwd (the policy's cwd root); the child itself starts in `request.cwd`. */
  policyCwd: string;
  settings: SandboxSettings;
  env: Record<string, string>;
  /** Path of apply-patch-child.cjs (default: {@link applyPatchChildPath}). */
  childPath?: string;
}

/**
 * The command environment minus `NODE_*`: the child is ours, and settings meant for the user's
 * node programs must not reach it (NODE_OPTIONS could load code; NODE_EXTRA_CA_CERTS alone
 * adds ~200 ms of start-up). Everything else stays, TMPDIR included, so the sandbox computes
 * the same writable roots as for a command.
 */
export function childEnv(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith('NODE_')));
}

/** Outcome: the child's result, or a failure to run it at all (`sandbox` when the sandbox refused). */
export type PatchChildOutcome = PatchChildResult | { ok: false; code: 'sandbox' | 'child_failed'; message: string };

/**
 * Applies the patch in a sandboxed child. Not abortable on purpose: once the child commits
 * it must finish or roll back, and it takes milliseconds; the timeout is the backstop.
 */
export async function applyPatchInChild(opts: PatchChildOptions): Promise<PatchChildOutcome> {
  const spawnChild = spawnerFor({ policy: opts.policy, policyCwd: opts.policyCwd, sandboxed: true, settings: opts.settings });
  const env = childEnv(opts.env);
  const r = await runCommand({
    argv: [process.execPath, opts.childPath ?? applyPatchChildPath()],
    cwd: opts.request.cwd,
    env,
    input: JSON.stringify(opts.request),
    timeoutMs: PATCH_CHILD_TIMEOUT_MS,
    spawnChild,
  });
  // The sandbox could not be built (no backend, bad settings): nothing ran.
  if (r.spawnError !== undefined) return { ok: false, code: 'sandbox', message: r.spawnError };
  if (/^codex-linux-sandbox: /m.test(r.stderr) && r.exitCode >= 120 && r.exitCode <= 123) {
    return { ok: false, code: 'sandbox', message: r.stderr.trim() };
  }
  const line = r.stdout.trimEnd().split('\n').pop() ?? '';
  if (r.exitCode <= 2 && line.startsWith('{')) {
    try {
      return JSON.parse(line) as PatchChildResult;
    } catch {
      // fall through: report the raw output
    }
  }
  const why = r.timedOut ? `timed out after ${PATCH_CHILD_TIMEOUT_MS} ms` : `exit code ${r.exitCode}`;
  const detail = (r.stderr.trim() || r.stdout.trim()).split('\n').slice(0, 5).join('\n');
  return { ok: false, code: 'child_failed', message: `apply_patch could not run in its sandbox (${why})${detail ? `: ${detail}` : ''}` };
}
