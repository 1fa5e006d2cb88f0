// The apply_patch child under the kernel alone: the lexical checks switched off
// (writable_roots null), every escape a patch can try must still fail, on each backend,
// including against a process that keeps swapping a directory for a symlink to the outside.
// Absent .git/.codex: kernel protection comes with the sandbox helper's absent-path support.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPatchInChild, type PatchChildOutcome } from '../../src/tools/patch-child.js';
import { makeDirs, snapshot, workingBackends, WORKSPACE_WRITE, type Dirs } from './fixture.js';

const add = (path: string, text = 'pwned'): string => `*** Begin Patch\n*** Add File: ${path}\n+${text}\n*** End Patch\n`;
/** Patches applied while the swap runs (each one a sandboxed child). */
const RACE_PATCHES = 8;
const KERNEL_DENIED = /(Permission denied|Read-only file system|Operation not permitted)/;

function apply(d: Dirs, backend: 'landlock' | 'bwrap', patch: string): Promise<PatchChildOutcome> {
  return applyPatchInChild({
    request: { patch, cwd: d.ws, writable_roots: null },
    policy: WORKSPACE_WRITE,
    policyCwd: d.ws,
    settings: { backend },
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', TMPDIR: d.tmp },
  });
}

/** Entries written under `dir` (none when it is absent or an empty stub). */
function contentsOf(dir: string): string[] {
  return existsSync(dir) ? Object.keys(snapshot(dir)).filter((k) => k !== '') : [];
}

const summary = (r: PatchChildOutcome): string => (r.ok ? `applied ${JSON.stringify(r.affected)}` : KERNEL_DENIED.test(r.message) ? 'denied by the kernel' : `failed: ${r.message}`);

for (const backend of await workingBackends()) {
  for (const git of [true, false]) {
    describe(`apply_patch child, kernel only (${backend}, .git/.codex ${git ? 'present' : 'absent'})`, () => {
      let d: Dirs;
      let outBefore: Record<string, string>;
      beforeAll(() => {
        d = makeDirs({ git });
        outBefore = snapshot(d.out);
      });
      afterAll(() => rmSync(d.base, { recursive: true, force: true }));

      it('applies a patch inside the workspace', async () => {
        expect(summary(await apply(d, backend, add('ok.txt', 'ok')))).toBe('applied {"added":["ok.txt"],"modified":[],"deleted":[]}');
        expect(readFileSync(join(d.ws, 'ok.txt'), 'utf8')).toBe('ok\n');
      });

      it('cannot write through symlinks to the outside (add, update, move, delete)', async () => {
        const results = {
          addThroughDir: summary(await apply(d, backend, add('link/pwned.txt'))),
          updateFileLink: summary(await apply(d, backend, '*** Begin Patch\n*** Update File: flink\n@@\n-outside\n+pwned\n*** End Patch\n')),
          updateThroughDir: summary(await apply(d, backend, '*** Begin Patch\n*** Update File: link/secret.txt\n@@\n-outside\n+pwned\n*** End Patch\n')),
          moveOut: summary(await apply(d, backend, '*** Begin Patch\n*** Update File: inside.txt\n*** Move to: link/moved.txt\n@@\n-inside\n+moved\n*** End Patch\n')),
          moveIn: summary(await apply(d, backend, '*** Begin Patch\n*** Update File: link/secret.txt\n*** Move to: stolen.txt\n@@\n-outside\n+stolen\n*** End Patch\n')),
          deleteThroughDir: summary(await apply(d, backend, '*** Begin Patch\n*** Delete File: link/secret.txt\n*** End Patch\n')),
        };
        expect(results).toEqual({
          addThroughDir: 'denied by the kernel',
          updateFileLink: 'denied by the kernel',
          updateThroughDir: 'denied by the kernel',
          moveOut: 'denied by the kernel',
          moveIn: 'denied by the kernel',
          deleteThroughDir: 'denied by the kernel',
        });
        expect({ out: snapshot(d.out), inside: readFileSync(join(d.ws, 'inside.txt'), 'utf8'), stolen: existsSync(join(d.ws, 'stolen.txt')) }).toEqual({ out: outBefore, inside: 'inside\n', stolen: false });
      });

      it('cannot write .git or .codex', async () => {
        const gitBefore = git ? snapshot(join(d.ws, '.git')) : null;
        const results = {
          hook: summary(await apply(d, backend, add('.git/hooks/pre-commit', '#!/bin/sh'))),
          config: summary(await apply(d, backend, add('.git/config', '[core]'))),
          codex: summary(await apply(d, backend, add('.codex/config.toml', 'approval_policy = "never"'))),
        };
        expect(results).toEqual({ hook: 'denied by the kernel', config: 'denied by the kernel', codex: 'denied by the kernel' });
        if (git) expect({ git: snapshot(join(d.ws, '.git')), codex: snapshot(join(d.ws, '.codex')) }).toEqual({ git: gitBefore, codex: { '': 'dir 755' } });
        // Absent, or (if the sandbox protects absent names with an empty stub) empty.
        else expect({ git: contentsOf(join(d.ws, '.git')), codex: contentsOf(join(d.ws, '.codex')) }).toEqual({ git: [], codex: [] });
      });
    });
  }

  describe(`apply_patch child, kernel only, racing a symlink swap (${backend})`, () => {
    it('writes nothing outside while another process swaps the directory it writes into', async () => {
      const d = makeDirs({ git: false });
      const before = snapshot(d.out);
      // Unsandboxed, as fast as it can: d is a directory, then a symlink to the outside, ...
      const js = `const fs=require('fs');fs.mkdirSync('aside');let n=0;const t=(f)=>{try{f()}catch{}};
for(;;){n++;t(()=>fs.renameSync('d','aside/'+n));t(()=>fs.symlinkSync(${JSON.stringify(d.out)},'d'));t(()=>fs.unlinkSync('d'));t(()=>fs.mkdirSync('d'));}`;
      const swapper = spawn(process.execPath, ['-e', js], { cwd: d.ws, stdio: 'ignore' });
      try {
        const outcomes: string[] = [];
        for (let i = 0; i < RACE_PATCHES; i++) {
          const r = await apply(d, backend, add(`d/p${i}.txt`, `p${i}`));
          outcomes.push(r.ok ? 'applied' : KERNEL_DENIED.test(r.message) ? 'denied' : 'failed');
        }
        expect({ out: snapshot(d.out), all: outcomes.length }).toEqual({ out: before, all: RACE_PATCHES });
      } finally {
        swapper.kill('SIGKILL');
        rmSync(d.base, { recursive: true, force: true });
      }
    }, 120_000);
  });
}

describe('apply_patch child: a missing child script', () => {
  it('is an error naming the script, and nothing is applied', async () => {
    const d = makeDirs({ git: false });
    try {
      const missing = join(d.base, 'no-such-child.js');
      const r = await applyPatchInChild({ request: { patch: add('x.txt'), cwd: d.ws, writable_roots: [d.ws] }, policy: { mode: 'danger-full-access' }, policyCwd: d.ws, settings: {}, env: { PATH: process.env.PATH ?? '' }, childPath: missing });
      expect({ ok: r.ok, code: r.ok ? null : r.code, names: r.ok ? false : r.message.includes(missing), written: existsSync(join(d.ws, 'x.txt')) }).toEqual({ ok: false, code: 'child_failed', names: true, written: false });
    } finally {
      rmSync(d.base, { recursive: true, force: true });
    }
  });
});
