// The escape suite: for each backend and each user (root and an ordinary user), every
// escape attempt is denied under workspace-write and read-only, and ordinary work still
// runs. An unavailable backend must refuse with the documented error instead.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeBackend, spawnSandboxed, SandboxError, type SandboxPolicy, type SandboxResult } from '../src/index.js';
import { allowedCases, escapeCases } from './cases.js';
import { buildHelper, makeFixture, startServers, usersToRunAs, type Fixture, type RunAs, type Servers } from './fixture.js';

buildHelper();
const users = usersToRunAs();

const POLICIES: Record<'workspace-write' | 'read-only', SandboxPolicy> = {
  'workspace-write': {
    mode: 'workspace-write',
    writable_roots: [],
    network_access: false,
    exclude_tmpdir_env_var: false,
    exclude_slash_tmp: false,
  },
  'read-only': { mode: 'read-only' },
};

function run(f: Fixture, argv: string[], policy: SandboxPolicy, backend: 'landlock' | 'bwrap' | 'none'): Promise<SandboxResult> {
  return spawnSandboxed({ argv, cwd: f.ws, policy, env: f.env, backend, uid: f.as.uid, gid: f.as.gid, timeoutMs: 30_000 }).result;
}

function suite(backend: 'landlock' | 'bwrap', as: RunAs): void {
  const probe = probeBackend(backend, { uid: as.uid, gid: as.gid });
  describe(`${backend} as ${as.label}`, () => {
    if (!probe.available) {
      it(`refuses: ${probe.reason}`, () => {
        const f = makeFixture(as);
        expect(() => spawnSandboxed({ argv: ['true'], cwd: f.ws, policy: POLICIES['read-only'], backend, uid: as.uid, gid: as.gid })).toThrow(SandboxError);
      });
      return;
    }
    let f: Fixture;
    let s: Servers;
    beforeAll(async () => {
      f = makeFixture(as);
      s = await startServers(as);
    });
    afterAll(async () => {
      await s.close();
      rmSync(f.base, { recursive: true, force: true });
    });

    for (const mode of ['workspace-write', 'read-only'] as const) {
      for (const c of escapeCases.filter((c) => c.modes.includes(mode))) {
        it(`denies (${mode}): ${c.name}`, async () => {
          const id = f.next();
          c.prepare?.(f, id);
          const r = await run(f, c.argv(f, s, id), POLICIES[mode], backend);
          expect({ escaped: await c.escaped(f, s, id, r), setupError: r.setupError, timedOut: r.timedOut }).toEqual({
            escaped: false,
            setupError: undefined,
            timedOut: false,
          });
        });
      }
      for (const c of allowedCases.filter((c) => c.modes.includes(mode))) {
        it(`allows (${mode}): ${c.name}`, async () => {
          const r = await run(f, c.argv(f, f.next()), POLICIES[mode], backend);
          expect({ exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr }).toEqual({ exitCode: 0, stdout: c.stdout, stderr: '' });
        });
      }
    }

    it('allows TCP to 127.0.0.1 when network_access is true', async () => {
      const tcp = escapeCases.find((c) => c.name.startsWith('TCP'))!;
      const policy: SandboxPolicy = { ...POLICIES['workspace-write'], network_access: true };
      const r = await run(f, tcp.argv(f, s, f.next()), policy, backend);
      expect({ exitCode: r.exitCode, stdout: r.stdout }).toEqual({ exitCode: 0, stdout: 'CREATED\nCONNECTED hello\n' });
    });

    it('keeps abstract unix sockets and signals scoped when network_access is true', async () => {
      const policy: SandboxPolicy = { ...POLICIES['workspace-write'], network_access: true };
      for (const name of ['connect to an abstract unix socket outside', 'signal a process outside (kill -0)']) {
        const c = escapeCases.find((e) => e.name === name)!;
        const id = f.next();
        const r = await run(f, c.argv(f, s, id), policy, backend);
        // bwrap shares the network namespace (and so abstract sockets) when network is allowed.
        const expected = backend === 'bwrap' && name.startsWith('connect');
        expect({ name, escaped: await c.escaped(f, s, id, r) }).toEqual({ name, escaped: expected });
      }
    });

    it('still protects .git when network_access is true', async () => {
      const git = escapeCases.find((c) => c.name.includes('.git/config'))!;
      const id = f.next();
      const r = await run(f, git.argv(f, s, id), { ...POLICIES['workspace-write'], network_access: true }, backend);
      expect(await git.escaped(f, s, id, r)).toBe(false);
    });
  });
}

for (const as of users) {
  suite('landlock', as);
  suite('bwrap', as);

  // Control: the same attempts without a sandbox succeed, so the denials above are the
  // sandbox's doing and not file permissions or a missing server.
  describe(`unsandboxed control as ${as.label}`, () => {
    let f: Fixture;
    let s: Servers;
    beforeAll(async () => {
      f = makeFixture(as);
      s = await startServers(as);
    });
    afterAll(async () => {
      await s.close();
      rmSync(f.base, { recursive: true, force: true });
    });
    for (const c of escapeCases) {
      it(`succeeds without a sandbox: ${c.name}`, async () => {
        const id = f.next();
        c.prepare?.(f, id);
        const r = await run(f, c.argv(f, s, id), { mode: 'danger-full-access' }, 'none');
        expect({ escaped: await c.escaped(f, s, id, r), backend: r.backend }).toEqual({ escaped: true, backend: 'none' });
      });
    }
  });
}
