// What confining apply_patch costs: one 1-file update applied in process (planPatch +
// commitPlan, the danger-full-access path) against the same patch applied by core's
// sandboxed child (helper or bwrap + node + apply-patch-child.js, the workspace-write path),
// per backend that works here. The added cost is dominated by starting node in the sandbox.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const RUNS = 15;
const POLICY = { mode: 'workspace-write', writable_roots: [], network_access: false, exclude_tmpdir_env_var: false, exclude_slash_tmp: false };

async function medianMs(runs, fn) {
  const xs = [];
  for (let i = 0; i < runs + 1; i++) {
    const t0 = process.hrtime.bigint();
    await fn(i);
    if (i > 0) xs.push(Number(process.hrtime.bigint() - t0) / 1e6); // first run is warm-up
  }
  xs.sort((a, b) => a - b);
  return xs[Math.floor(xs.length / 2)];
}

export default async function bench({ root, log }) {
  const core = await import(pathToFileURL(join(root, 'packages/core/dist/index.js')).href);
  const ap = await import(pathToFileURL(join(root, 'packages/apply-patch/dist/index.js')).href);
  const sb = await import(pathToFileURL(join(root, 'packages/linux-sandbox/dist/index.js')).href);
  const ws = mkdtempSync('/var/tmp/codex-bench-patch-');
  const tmp = join(ws, '.tmp');
  writeFileSync(join(ws, 'file.txt'), 'a\nb\nc\n');
  // Each run flips b <-> B, so every patch really writes.
  const patch = (i) => (i % 2 === 0 ? '*** Begin Patch\n*** Update File: file.txt\n@@\n a\n-b\n+B\n*** End Patch\n' : '*** Begin Patch\n*** Update File: file.txt\n@@\n a\n-B\n+b\n*** End Patch\n');
  const rows = [];
  try {
    let n = 0;
    const inProcess = await medianMs(RUNS, async () => {
      const plan = await ap.planPatch(patch(n++), { cwd: ws });
      await ap.commitPlan(plan);
    });
    rows.push({ bench: 'apply_patch', case: '1-file update, in process (danger-full-access)', wallMs: inProcess, peakMiB: null });
    // The floor of any child design: node running an empty script, unsandboxed, on this machine now.
    const empty = join(ws, 'empty.mjs');
    writeFileSync(empty, '');
    const nodeStart = await medianMs(RUNS, () => new Promise((resolve, reject) => {
      const c = spawn(process.execPath, [empty], { stdio: 'ignore' });
      c.on('error', reject);
      c.on('close', resolve);
    }));
    rows.push({ bench: 'apply_patch', case: 'reference: node empty.mjs (unsandboxed)', wallMs: nodeStart, peakMiB: null });
    const backends = process.platform === 'linux' ? ['landlock', 'bwrap'].filter((b) => sb.probeBackend(b).available) : [];
    for (const backend of backends) {
      const child = await medianMs(RUNS, async () => {
        const r = await core.applyPatchInChild({ request: { patch: patch(n++), cwd: ws, writable_roots: [ws] }, policy: POLICY, policyCwd: ws, settings: { backend }, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', TMPDIR: tmp } });
        if (!r.ok) throw new Error(`patch child failed (${backend}): ${r.message}`);
      });
      const added = child - inProcess;
      log(`${backend}: ${child.toFixed(1)} ms per patch, ${added.toFixed(1)} ms added`);
      const overNode = child - nodeStart;
      rows.push({ bench: 'apply_patch', case: `1-file update, sandboxed child (${backend})`, wallMs: child, peakMiB: null, ratio: child / nodeStart, target: '<=node start+50ms', pass: overNode <= 50, note: `${added.toFixed(1)} ms added per patch (${overNode.toFixed(1)} ms over a bare node start)` });
    }
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
  return rows;
}
