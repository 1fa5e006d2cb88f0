// The escape suite: for each backend and each user (root and an ordinary user), every
// escape attempt is denied under workspace-write and read-only, and ordinary work still
// runs. An unavailable backend must refuse with the documented error instead, unless
// CODEX_TEST_REQUIRE_BACKENDS names it: then it is a failure. The number of escape cases
// run per backend, user and mode is printed at the end.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeBackend, spawnSandboxed, SandboxError, type SandboxPolicy, type SandboxResult } from '../src/index.js';
import { allowedCases, escapeCases as baseCases } from './cases.js';
import { worktreeCases } from './cases-worktree.js';
import { buildHelper, makeFixture, startServers, usersToRunAs, type Fixture, type RunAs, type Servers } from './fixture.js';
import { countCase, reportCounts, requireOrRefuse } from './required.js';

buildHelper();
const users = usersToRunAs();
reportCounts('escape cases run (backend, user, mode):');
const escapeCases = [...baseCases, ...worktreeCases];

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
const WITH_NETWORK: SandboxPolicy = { ...POLICIES['workspace-write'], network_access: true };

function run(f: Fixture, argv: string[], policy: SandboxPolicy, backend: 'landlock' | 'bwrap' | 'none', cwd = f.ws): Promise<SandboxResult> {
  return spawnSandboxed({ argv, cwd, policy, env: f.env, backend, uid: f.as.uid, gid: f.as.gid, timeoutMs: 30_000 }).result;
}

const probes = new Map<string, Awaited<ReturnType<typeof probeBackend>>>();
for (const as of users) {
  for (const backend of ['landlock', 'bwrap'] as const) probes.set(`${backend} ${as.label}`, await probeBackend(backend, { uid: as.uid, gid: as.gid }));
}

function suite(backend: 'landlock' | 'bwrap', as: RunAs): void {
  const probe = probes.get(`${backend} ${as.label}`)!;
  describe(`${backend} as ${as.label}`, () => {
    const available = requireOrRefuse(probe, `${backend} as ${as.label}`, () => {
      const f = makeFixture(as);
      expect(() => spawnSandboxed({ argv: ['true'], cwd: f.ws, policy: POLICIES['read-only'], backend, uid: as.uid, gid: as.gid })).toThrow(SandboxError);
    });
    if (!available) return;
    let f: Fixture;
    let s: Servers;
    beforeAll(async () => {
      f = makeFixture(as);
      s = await startServers(as, f.out);
    });
    afterAll(async () => {
      await s.close();
      rmSync(f.base, { recursive: true, force: true });
    });

    for (const mode of ['workspace-write', 'read-only'] as const) {
      for (const c of escapeCases.filter((c) => c.modes.includes(mode))) {
        it(`denies (${mode}): ${c.name}`, async () => {
          countCase(`${backend}, ${as.label}, ${mode}`);
          const id = f.next();
          c.prepare?.(f, id);
          const r = await run(f, c.argv(f, s, id), POLICIES[mode], backend, c.cwd?.(f, id));
          expect({ escaped: await c.escaped(f, s, id, r), setupError: r.setupError, timedOut: r.timedOut }).toEqual({
            escaped: false,
            setupError: undefined,
            timedOut: false,
          });
        });
      }
      for (const c of allowedCases.filter((c) => c.modes.includes(mode))) {
        it(`allows (${mode}): ${c.name}`, async () => {
          const r = await run(f, c.argv(f, f.next()), c.network ? WITH_NETWORK : POLICIES[mode], backend);
          expect({ exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr }).toEqual({ exitCode: 0, stdout: c.stdout, stderr: '' });
        });
      }
    }

    it('allows TCP to 127.0.0.1 when network_access is true', async () => {
      const tcp = escapeCases.find((c) => c.name.startsWith('TCP'))!;
      const r = await run(f, tcp.argv(f, s, f.next()), WITH_NETWORK, backend);
      expect({ exitCode: r.exitCode, stdout: r.stdout }).toEqual({ exitCode: 0, stdout: 'CREATED\nCONNECTED hello\n' });
    });

    it('keeps abstract unix sockets and signals scoped when network_access is true', async () => {
      for (const name of ['connect to an abstract unix socket outside', 'signal a process outside (kill -0)']) {
        const c = escapeCases.find((e) => e.name === name)!;
        const id = f.next();
        const r = await run(f, c.argv(f, s, id), WITH_NETWORK, backend);
        expect({ name, escaped: await c.escaped(f, s, id, r) }).toEqual({ name, escaped: false });
      }
    });

    it('reaches named unix sockets when network_access is true (as Codex: network access includes them)', async () => {
      const c = escapeCases.find((e) => e.name === 'connect to a named unix socket outside')!;
      const id = f.next();
      const r = await run(f, c.argv(f, s, id), WITH_NETWORK, backend);
      expect(await c.escaped(f, s, id, r)).toBe(true);
    });

    it('still protects .git, .codex, .agents and .aws when network_access is true', async () => {
      for (const c of escapeCases.filter((e) => /\.git|\.codex|\.agents|\.aws/.test(e.name))) {
        const id = f.next();
        c.prepare?.(f, id);
        const r = await run(f, c.argv(f, s, id), WITH_NETWORK, backend, c.cwd?.(f, id));
        expect({ name: c.name, escaped: await c.escaped(f, s, id, r) }).toEqual({ name: c.name, escaped: false });
      }
    });
  });
}

const isRoot = (as: RunAs) => as.uid === undefined && process.getuid?.() === 0;

for (const as of users) {
  suite('landlock', as);
  suite('bwrap', as);

  // Control: the same attempts without a sandbox succeed, so the denials above are the
  // sandbox's doing and not file permissions or a missing server. Attempts that need a
  // capability are controlled as root only.
  describe(`unsandboxed control as ${as.label}`, () => {
    let f: Fixture;
    let s: Servers;
    beforeAll(async () => {
      f = makeFixture(as);
      s = await startServers(as, f.out);
    });
    afterAll(async () => {
      await s.close();
      rmSync(f.base, { recursive: true, force: true });
    });
    for (const c of escapeCases.filter((c) => !c.rootOnly || isRoot(as))) {
      it(`succeeds without a sandbox: ${c.name}`, async ({ skip }) => {
        if (c.controlIf && !c.controlIf(f)) skip(`not possible on this host: ${c.name}`);
        const id = f.next();
        c.prepare?.(f, id);
        const r = await run(f, c.argv(f, s, id), { mode: 'danger-full-access' }, 'none', c.cwd?.(f, id));
        expect({ escaped: await c.escaped(f, s, id, r), backend: r.backend }).toEqual({ escaped: true, backend: 'none' });
      });
    }
  });
}
