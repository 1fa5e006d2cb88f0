// The apply_patch child (built as dist/apply-patch-child.cjs, CommonJS): core starts it with
// process.execPath under the same sandbox as a command, so every write a patch makes is
// confined by the kernel, including against a concurrent swap of a path for a symlink.
// Input: one JSON object on stdin ({@link PatchChildRequest}). Output: one JSON line on
// stdout ({@link PatchChildResult}). Exit 0 applied, 1 not applied (nothing written), 2 bad input.
import { readFileSync, writeSync } from 'node:fs';
import { ApplyPatchError, commitPlan, planPatch } from '@codex-ts/apply-patch';
import { findProtectedWrite, protectedWriteReason, withRealRoots } from './safety/protected-paths.js';
import type { PatchChildRequest, PatchChildResult } from './tools/patch-child-protocol.js';

function reply(result: PatchChildResult): void {
  const bytes = Buffer.from(`${JSON.stringify(result)}\n`, 'utf8');
  let off = 0;
  while (off < bytes.length) off += writeSync(1, bytes, off);
}

function parseRequest(text: string): PatchChildRequest {
  const v = JSON.parse(text) as Partial<PatchChildRequest>;
  if (typeof v.patch !== 'string' || typeof v.cwd !== 'string') throw new Error('expected {"patch": string, "cwd": string, "writable_roots": string[] | null} on stdin');
  const roots = v.writable_roots ?? null;
  if (roots !== null && !(Array.isArray(roots) && roots.every((r) => typeof r === 'string'))) throw new Error('writable_roots must be an array of strings or null');
  return { patch: v.patch, cwd: v.cwd, writable_roots: roots };
}

async function main(): Promise<number> {
  let req: PatchChildRequest;
  try {
    req = parseRequest(readFileSync(0, 'utf8'));
  } catch (err: unknown) {
    reply({ ok: false, code: 'bad_request', message: `apply-patch-child: ${(err as Error).message}` });
    return 2;
  }
  try {
    // With roots, a path that resolves outside them (a symlink out) is refused with a clear
    // message; the kernel still confines the writes if the tree changes after this plan.
    const plan = await planPatch(req.patch, { cwd: req.cwd, writableRoots: req.writable_roots ?? ['/'], diffs: false });
    if (req.writable_roots !== null) {
      const hit = findProtectedWrite(plan.writes.map((w) => w.target), withRealRoots(req.writable_roots));
      if (hit) {
        const display = plan.writes.find((w) => w.target === hit.path)?.display ?? hit.path;
        reply({ ok: false, code: 'protected_path', message: protectedWriteReason(hit, display) });
        return 1;
      }
    }
    await commitPlan(plan);
    reply({ ok: true, affected: plan.affected });
    return 0;
  } catch (err: unknown) {
    if (err instanceof ApplyPatchError) {
      reply({ ok: false, code: err.code, message: err.message });
      return 1;
    }
    throw err;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`apply-patch-child: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 3;
  },
);
