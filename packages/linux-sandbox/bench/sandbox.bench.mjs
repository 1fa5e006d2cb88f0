// Cost of one sandboxed command, like with like, each row naming its backend:
// - helpers alone: `true` bare, under our helper (landlock backend: namespaces, read-only
//   view, Landlock, seccomp, reaper) in workspace-write and read-only, under its reaper only
//   (danger-full-access), and under our bwrap path (helper --outer -> bwrap -> helper
//   --seccomp-only). Target: <= 5 ms added on the default (landlock) backend.
// - whole commands: our `codex sandbox linux -- true` (Node start-up included) on each
//   backend, and the real Codex's `codex sandbox -- true` (bwrap + seccomp) when it is
//   installed in /tmp/codex-real (never downloaded here: the row is skipped with a note).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const REAL_CODEX = '/tmp/codex-real/node_modules/@openai/codex-linux-x64/vendor/x86_64-unknown-linux-musl/bin/codex';
const POLICY = JSON.stringify({ mode: 'workspace-write', writable_roots: [], network_access: false, exclude_tmpdir_env_var: false, exclude_slash_tmp: false });
const RO = JSON.stringify({ mode: 'read-only' });

/**
 * Added cost that survives a loaded machine: the cases run interleaved (bare, then each
 * variant, in every round), and the cost is the median of the per-round differences from
 * bare, so load that drifts between rounds cancels out.
 */
function pairedAdded(variants, { rounds, cwd }) {
  const diffs = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  const time = (argv) => {
    const t = performance.now();
    const r = spawnSync(argv[0], argv.slice(1), { cwd, stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}`);
    return performance.now() - t;
  };
  for (let i = 0; i < rounds; i++) {
    const bare = time(['true']);
    for (const [k, argv] of Object.entries(variants)) diffs[k].push(time(argv) - bare);
  }
  const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return Object.fromEntries(Object.entries(diffs).map(([k, xs]) => [k, med(xs)]));
}

export default async function bench({ root, measure, log }) {
  const pkg = join(root, 'packages', 'linux-sandbox');
  const helper = join(pkg, 'bin', 'codex-linux-sandbox');
  if (process.platform !== 'linux') return [{ bench: 'sandbox', case: 'skipped', wallMs: null, peakMiB: null, note: `Linux only (${process.platform})` }];
  if (!existsSync(helper)) throw new Error(`${helper} is not built: run pnpm --filter @codex-ts/linux-sandbox build`);
  const { bwrapArgs, findBwrap } = await import(join(pkg, 'dist', 'index.js'));
  const cwd = root; // a git repo root: .git is bound read-only, .codex/.agents get placeholders
  const opts = { runs: 21, warmup: 3, cwd };
  const rows = [];
  const bare = await measure('true', [], opts);
  rows.push({ bench: 'sandbox', case: 'true (bare)', wallMs: bare.wallMs, peakMiB: bare.peakMiB });
  const add = (name, m, { target = true, note } = {}) => {
    const added = m.wallMs - bare.wallMs;
    rows.push({
      bench: 'sandbox',
      case: name,
      wallMs: m.wallMs,
      peakMiB: m.peakMiB,
      ratio: m.wallMs / bare.wallMs,
      note: `${added.toFixed(2)} ms above the bare series${target ? ' (the target is judged on the paired rows)' : ''}${note ? `; ${note}` : ''}`,
    });
  };
  log('paired, interleaved (added cost per command)');
  const paired = pairedAdded(
    {
      ww: [helper, '--policy', POLICY, '--cwd', cwd, '--', 'true'],
      ro: [helper, '--policy', RO, '--cwd', cwd, '--', 'true'],
      reaper: [helper, '--no-sandbox', '--', 'true'],
    },
    { rounds: 41, cwd },
  );
  for (const [k, name] of [['ww', 'workspace-write, repo root'], ['ro', 'read-only'], ['reaper', 'reaper only (danger-full-access)']]) {
    const added = paired[k];
    rows.push({
      bench: 'sandbox',
      case: `added per command [landlock] ${name}: median of 41 interleaved (variant - bare) pairs`,
      wallMs: added,
      peakMiB: null,
      ...(k === 'reaper' ? {} : { target: '<=5ms added', pass: added <= 5 }),
      note: 'robust to load drift; the rows below are medians of separate series',
    });
  }
  log('helper alone (landlock backend)');
  add('helper alone [landlock]: workspace-write, repo root', await measure(helper, ['--policy', POLICY, '--cwd', cwd, '--', 'true'], opts), {
    note: 'user+mount+pid+ipc namespaces, read-only view, 3 placeholders in the repo (.codex, .agents, .aws) and 4 in /tmp (mkdir+rmdir), Landlock, seccomp',
  });
  add('helper alone [landlock]: read-only', await measure(helper, ['--policy', RO, '--cwd', cwd, '--', 'true'], opts), { note: 'namespaces and view, no placeholders' });
  add('helper alone: reaper only (danger-full-access)', await measure(helper, ['--no-sandbox', '--', 'true'], opts), { target: false });
  const bwrap = findBwrap();
  if (bwrap) {
    log('bwrap path');
    const args = bwrapArgs({ policy: JSON.parse(POLICY), cwd, env: process.env });
    const inner = [helper, '--seccomp-only', '--no-reap', '--policy', POLICY, '--cwd', cwd, '--', 'true'];
    add('helpers + bwrap [bwrap]: workspace-write', await measure(helper, ['--outer', '--policy', POLICY, '--cwd', cwd, '--', bwrap, ...args, '--', ...inner], opts), {
      target: false,
      note: 'fallback backend: helper --outer, bwrap namespaces, helper seccomp inside',
    });
  } else {
    rows.push({ bench: 'sandbox', case: 'helpers + bwrap [bwrap]', wallMs: null, peakMiB: null, note: 'skipped: bwrap not installed' });
  }

  log('whole commands');
  const codex = join(root, 'packages', 'cli', 'bin', 'codex');
  const home = mkdtempSync('/var/tmp/codex-sbx-bench-home-');
  try {
    const env = { ...process.env, CODEX_HOME: home };
    const whole = { ...opts, runs: 11, env };
    const node0 = await measure(process.execPath, ['-e', '0'], whole);
    rows.push({ bench: 'sandbox', case: 'node -e 0 (floor of any whole command of ours)', wallMs: node0.wallMs, peakMiB: node0.peakMiB });
    for (const b of ['landlock', 'bwrap']) {
      const m = await measure(process.execPath, [codex, 'sandbox', 'linux', '--backend', b, '--', 'true'], whole);
      rows.push({ bench: 'sandbox', case: `ours: codex sandbox linux -- true [${b}], read-only`, wallMs: m.wallMs, peakMiB: m.peakMiB, note: `${(m.wallMs - node0.wallMs).toFixed(1)} ms above node -e 0` });
    }
    if (existsSync(REAL_CODEX)) {
      const realHome = '/var/tmp/codex-real-bench-home'; // the real Codex refuses a CODEX_HOME under /tmp
      mkdirSync(realHome, { recursive: true });
      const real = await measure(REAL_CODEX, ['sandbox', '--', 'true'], { ...whole, env: { ...process.env, CODEX_HOME: realHome } });
      const ours = rows.find((r) => r.case.startsWith('ours: codex sandbox linux -- true [bwrap]'));
      rows.push({ bench: 'sandbox', case: 'real Codex 0.169: codex sandbox -- true [bwrap+seccomp], read-only', wallMs: real.wallMs, peakMiB: real.peakMiB, ratio: ours.wallMs / real.wallMs, note: 'ratio = ours [bwrap] / real Codex [bwrap]' });
    } else {
      rows.push({ bench: 'sandbox', case: 'real Codex: codex sandbox -- true [bwrap+seccomp]', wallMs: null, peakMiB: null, note: `skipped: not installed at ${REAL_CODEX} (nothing is downloaded)` });
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
  return rows;
}
