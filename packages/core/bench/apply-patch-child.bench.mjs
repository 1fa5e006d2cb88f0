// What confining apply_patch costs: one 1-file update applied in process (planPatch +
// commitPlan, the danger-full-access path) against the same patch applied by core's
// sandboxed child (helper or bwrap + node + apply-patch-child.js, the workspace-write path),
// per backend that works here, with node running an empty script (same environment, NODE_*
// dropped as for the child) as the floor of any child design. The child and the floor are measured interleaved, so a busy machine slows both alike.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const RUNS = 15;
const POLICY = { mode: 'workspace-write', writable_roots: [], network_access: false, exclude_tmpdir_env_var: false, exclude_slash_tmp: false };

async function timed(fn) {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export default async function bench({ root, log }) {
  const core = await import(pathToFileURL(join(root, 'packages/core/dist/index.js')).href);
  const ap = await import(pathToFileURL(join(root, 'packages/apply-patch/dist/index.js')).href);
  const sb = await import(pathToFileURL(join(root, 'packages/linux-sandbox/dist/index.js')).href);
  const ws = mkdtempSync('/var/tmp/codex-bench-patch-');
  const tmp = join(ws, '.tmp');
  const empty = join(ws, 'empty.js');
  writeFileSync(empty, '');
  writeFileSync(join(ws, 'file.txt'), 'a\nb\nc\n');
  // Each run flips b <-> B, so every patch really writes.
  let n = 0;
  const patch = () => (n++ % 2 === 0 ? '*** Begin Patch\n*** Update File: file.txt\n@@\n a\n-b\n+B\n*** End Patch\n' : '*** Begin Patch\n*** Update File: file.txt\n@@\n a\n-B\n+b\n*** End Patch\n');
  // The environment a session's commands get (all of it, as shell_environment_policy's default).
  const env = core.createExecEnv(undefined);
  env.TMPDIR = tmp;
  const nodeEnv = Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith('NODE_')));
  const nodeStart = () => new Promise((resolve, reject) => {
    const c = spawn(process.execPath, [empty], { stdio: 'ignore', env: nodeEnv });
    c.on('error', reject);
    c.on('close', resolve);
  });
  const inChild = (backend) => async () => {
    const r = await core.applyPatchInChild({ request: { patch: patch(), cwd: ws, writable_roots: [ws] }, policy: POLICY, policyCwd: ws, settings: { backend }, env });
    if (!r.ok) throw new Error(`patch child failed (${backend}): ${r.message}`);
  };
  const inProcess = async () => {
    await ap.commitPlan(await ap.planPatch(patch(), { cwd: ws }));
  };
  const backends = process.platform === 'linux' ? [] : null;
  for (const b of ['landlock', 'bwrap']) if (backends && (await Promise.resolve(sb.probeBackend(b))).available) backends.push(b);
  const cases = { 'in process': inProcess, 'node start': nodeStart, ...Object.fromEntries((backends ?? []).map((b) => [b, inChild(b)])) };
  const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  try {
    for (let i = 0; i <= RUNS; i++) {
      for (const [k, fn] of Object.entries(cases)) {
        const ms = await timed(fn);
        if (i > 0) times[k].push(ms); // the first round warms up
      }
    }
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
  const inProc = median(times['in process']);
  const floor = median(times['node start']);
  const rows = [
    { bench: 'apply_patch', case: '1-file update, in process (danger-full-access)', wallMs: inProc, peakMiB: null },
    { bench: 'apply_patch', case: 'reference: node empty.js (unsandboxed)', wallMs: floor, peakMiB: null },
  ];
  for (const b of backends ?? []) {
    const child = median(times[b]);
    const over = child - floor;
    log(`${b}: ${child.toFixed(1)} ms per patch, ${(child - inProc).toFixed(1)} ms added, ${over.toFixed(1)} ms over a bare node start`);
    rows.push({ bench: 'apply_patch', case: `1-file update, sandboxed child (${b})`, wallMs: child, peakMiB: null, ratio: child / floor, target: '<=node start+50ms', pass: over <= 50, note: `${(child - inProc).toFixed(1)} ms added per patch (${over.toFixed(1)} ms over a bare node start)` });
  }
  return rows;
}
