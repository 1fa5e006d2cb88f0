// Cost of one sandboxed command: `true` bare, under the Landlock+seccomp helper (which
// also reaps: fork + wait), under the helper's reaper alone (danger-full-access), under
// bwrap (+ the helper's seccomp), and under the real Codex's `codex sandbox -- true`
// when it is installed in /tmp/codex-real (never committed). Target: <= 5 ms added.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const REAL_CODEX = '/tmp/codex-real/node_modules/@openai/codex-linux-x64/vendor/x86_64-unknown-linux-musl/bin/codex';
const POLICY = JSON.stringify({ mode: 'workspace-write', writable_roots: [], network_access: false, exclude_tmpdir_env_var: false, exclude_slash_tmp: false });

export default async function bench({ root, measure, log }) {
  const pkg = join(root, 'packages', 'linux-sandbox');
  const helper = join(pkg, 'bin', 'codex-linux-sandbox');
  if (process.platform !== 'linux') return [{ bench: 'sandbox', case: 'skipped', wallMs: null, peakMiB: null, note: `Linux only (${process.platform})` }];
  if (!existsSync(helper)) throw new Error(`${helper} is not built: run pnpm --filter @codex-ts/linux-sandbox build`);
  const { bwrapArgs, findBwrap } = await import(join(pkg, 'dist', 'index.js'));
  const cwd = root; // a git repo root: exercises the read-only .git bind mount
  const opts = { runs: 21, warmup: 3, cwd };
  const rows = [];
  const bare = await measure('true', [], opts);
  rows.push({ bench: 'sandbox', case: 'true (bare)', wallMs: bare.wallMs, peakMiB: bare.peakMiB });
  const add = (name, m, note) => {
    const added = m.wallMs - bare.wallMs;
    rows.push({ bench: 'sandbox', case: name, wallMs: m.wallMs, peakMiB: m.peakMiB, ratio: m.wallMs / bare.wallMs, target: '<=5ms added', pass: added <= 5, note: `${added.toFixed(2)} ms added${note ? `; ${note}` : ''}` });
  };
  log('helper (landlock)');
  add('true under codex-linux-sandbox (landlock+seccomp)', await measure(helper, ['--policy', POLICY, '--cwd', cwd, '--', 'true'], opts));
  add('true under helper, read-only', await measure(helper, ['--policy', '{"mode":"read-only"}', '--cwd', cwd, '--', 'true'], opts));
  add('true under helper --no-sandbox (reaper only, danger-full-access)', await measure(helper, ['--no-sandbox', '--', 'true'], opts));
  const bwrap = findBwrap();
  if (bwrap) {
    log('bwrap');
    const args = bwrapArgs({ policy: JSON.parse(POLICY), cwd, env: process.env });
    add('true under bwrap + helper seccomp', await measure(bwrap, [...args, '--', helper, '--seccomp-only', '--no-reap', '--policy', POLICY, '--cwd', cwd, '--', 'true'], opts), 'fallback backend: user/pid/net namespace set-up');
  } else {
    rows.push({ bench: 'sandbox', case: 'true under bwrap', wallMs: null, peakMiB: null, note: 'bwrap not installed' });
  }
  if (existsSync(REAL_CODEX)) {
    log('real codex');
    // The real Codex refuses a CODEX_HOME under /tmp, so use /var/tmp.
    const home = '/var/tmp/codex-real-bench-home';
    mkdirSync(home, { recursive: true });
    const real = await measure(REAL_CODEX, ['sandbox', '--', 'true'], { ...opts, env: { ...process.env, CODEX_HOME: home } });
    const ours = rows[1];
    rows.push({ bench: 'sandbox', case: 'real codex 0.169 `codex sandbox -- true` (bwrap+seccomp)', wallMs: real.wallMs, peakMiB: real.peakMiB, ratio: ours.wallMs / real.wallMs, note: 'ratio = ours (landlock) / real codex' });
  } else {
    rows.push({ bench: 'sandbox', case: 'real codex', wallMs: null, peakMiB: null, note: `not installed (npm install --prefix /tmp/codex-real @openai/codex) ` });
  }
  return rows;
}
