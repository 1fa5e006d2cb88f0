// A command's cwd is only where it starts: the sandbox's writable roots come from the
// policy cwd (the session's), on each backend, so a command started outside cannot write there.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/exec/runner.js';
import { spawnerFor } from '../../src/exec/sandbox-spawn.js';
import { makeDirs, workingBackends, WORKSPACE_WRITE, type Dirs } from './fixture.js';

for (const backend of await workingBackends()) {
  describe(`spawnerFor keeps the session's roots whatever the cwd (${backend})`, () => {
    let d: Dirs;
    beforeAll(() => {
      d = makeDirs({ git: false });
    });
    afterAll(() => rmSync(d.base, { recursive: true, force: true }));
    const run = (cwd: string, script: string) =>
      runCommand({ argv: ['bash', '-c', script], cwd, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', TMPDIR: d.tmp }, spawnChild: spawnerFor({ policy: WORKSPACE_WRITE, policyCwd: d.ws, sandboxed: true, settings: { backend } }), timeoutMs: 30_000 });

    it('started outside the workspace (directly or through a symlink), a command cannot write there', async () => {
      const direct = await run(d.out, 'echo pwned > pwned-direct.txt; pwd -P');
      const viaLink = await run(join(d.ws, 'link'), 'echo pwned > pwned-link.txt; pwd -P');
      expect({
        direct: existsSync(join(d.out, 'pwned-direct.txt')),
        viaLink: existsSync(join(d.out, 'pwned-link.txt')),
        startedIn: [direct.stdout.trim(), viaLink.stdout.trim()],
      }).toEqual({ direct: false, viaLink: false, startedIn: [d.out, d.out] });
    });

    it('started in a subdirectory of the workspace, it writes there', async () => {
      const r = await run(d.ws, 'mkdir -p sub && cd sub && echo ok > ok.txt');
      expect({ code: r.exitCode, written: existsSync(join(d.ws, 'sub', 'ok.txt')) }).toEqual({ code: 0, written: true });
    });
  });
}
