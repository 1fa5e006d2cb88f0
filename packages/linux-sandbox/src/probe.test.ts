// Probing stays off the hot path: resolving a backend never waits (a prediction until the
// probe answers), the probe runs once per options, and a timed-out probe is cached too.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SandboxPolicy } from './policy.js';
import { clearProbeCache, probeBackend, resolveBackend } from './probe.js';

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
});
