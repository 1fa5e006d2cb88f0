// Probing stays off the hot path: resolving a backend never waits (a prediction until the
// probe answers), the probe runs once per options, and a timed-out probe is cached too.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SandboxPolicy } from './policy.js';
import { clearProbeCache, probeBackend, resolveBackend, resolveBackendAsync, startProbes } from './probe.js';

const dir = mkdtempSync('/var/tmp/codex-sbx-probe-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const WW: SandboxPolicy = { mode: 'workspace-write', writable_roots: [], network_access: false, exclude_tmpdir_env_var: false, exclude_slash_tmp: false };

/** A fake helper that counts its runs and takes ms to answer. */
function slowHelper(name: string, ms: number): { path: string; runs: () => number } {
  const path = join(dir, name);
  const count = join(dir, `${name}.runs`);
  writeFileSync(count, '');
  writeFileSync(path, `#!/bin/sh\necho run >> ${count}\nsleep ${ms / 1000}\n`);
  chmodSync(path, 0o755);
  return { path, runs: () => readFileSync(count, 'utf8').split('\n').filter(Boolean).length };
}

describe.runIf(process.platform === 'linux')('backend probes', () => {
  it('resolves at once with a prediction while the probe runs, then with its answer', async () => {
    clearProbeCache();
    const h = slowHelper('slow', 300);
    // A prediction, not the probe's answer: nothing waited for the (slow) probe.
    const first = resolveBackend('landlock', WW, { helperPath: h.path });
    expect({ backend: first.backend, predicted: first.probe?.predicted }).toEqual({ backend: 'landlock', predicted: true });
    const probe = await probeBackend('landlock', { helperPath: h.path });
    expect({ available: probe.available, runs: h.runs() }).toEqual({ available: true, runs: 1 });
    expect(resolveBackend('landlock', WW, { helperPath: h.path }).probe).toBe(probe);
  });

  it('caches a timed-out probe instead of running it on every call', async () => {
    clearProbeCache();
    const h = slowHelper('stuck', 5000);
    const opts = { helperPath: h.path, probeTimeoutMs: 200 };
    const probe = await probeBackend('landlock', opts);
    expect({ available: probe.available, reason: probe.reason }).toEqual({ available: false, reason: 'the probe did not finish within 0.2 s' });
    expect(await probeBackend('landlock', opts)).toBe(probe);
    expect(() => resolveBackend('landlock', WW, opts)).toThrow('the probe did not finish within 0.2 s');
    expect(h.runs()).toBe(1);
  });

  /** A fake helper logging which probe ran it (`outer`: bwrap's; else Landlock's, exiting `landlockExit`). */
  function loggingHelper(name: string, landlockExit: number): { opts: { helperPath: string; bwrapPath: string }; log: () => string[] } {
    const path = join(dir, name);
    const log = join(dir, `${name}.log`);
    writeFileSync(log, '');
    writeFileSync(path, `#!/bin/sh\nif [ "$1" = --outer ]; then echo bwrap >> ${log}; exit 0; fi\necho landlock >> ${log}\nexit ${landlockExit}\n`);
    chmodSync(path, 0o755);
    return { opts: { helperPath: path, bwrapPath: '/bin/true' }, log: () => readFileSync(log, 'utf8').split('\n').filter(Boolean) };
  }

  it('probes only the backend a choice can use: auto stops at a working Landlock, a pinned backend probes itself alone', async () => {
    clearProbeCache();
    const ok = loggingHelper('ll-ok', 0);
    expect((await startProbes(ok.opts, 'auto')).map((p) => p.backend)).toEqual(['landlock']);
    expect((await resolveBackendAsync('auto', WW, ok.opts)).backend).toBe('landlock');
    expect(resolveBackend('auto', WW, ok.opts).backend).toBe('landlock');
    expect(ok.log()).toEqual(['landlock']);
    clearProbeCache();
    const pinned = loggingHelper('ll-pinned', 0);
    await startProbes(pinned.opts, 'landlock');
    await startProbes(pinned.opts, 'none');
    expect(pinned.log()).toEqual(['landlock']);
  });

  it('auto still falls back to bwrap when Landlock does not work (and then probes it)', async () => {
    clearProbeCache();
    const broken = loggingHelper('ll-broken', 1);
    expect((await startProbes(broken.opts, 'auto')).map((p) => [p.backend, p.available])).toEqual([['landlock', false], ['bwrap', true]]);
    expect((await resolveBackendAsync('auto', WW, broken.opts)).backend).toBe('bwrap');
    expect(broken.log().sort()).toEqual(['bwrap', 'landlock']);
  });
});
