// Full command decisions per second: core's assessCommandSafety (built dist) with a rules
// file loaded, over 10,000 varied commands (plain argv, `bash -lc` scripts with && | ;,
// redirections, dangerous and known-safe commands) under every approval x sandbox policy.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const RULES = `prefix_rule(pattern=["git", ["status", "diff", "log", "show"]], decision="allow")
prefix_rule(pattern=["git", ["push", "reset", "rebase"]], decision="prompt", justification="rewrites or publishes history")
prefix_rule(pattern=["git", "push", ["--force", "-f"]], decision="forbidden", justification="Use --force-with-lease.")
prefix_rule(pattern=[["npm", "pnpm", "yarn"], ["install", "i", "add"]], decision="prompt", justification="install scripts run code")
prefix_rule(pattern=[["npm", "pnpm", "yarn"], ["test", "run"]], decision="allow")
prefix_rule(pattern=["cargo", ["build", "test", "check"]], decision="allow")
prefix_rule(pattern=["cargo", "publish"], decision="forbidden")
prefix_rule(pattern=[["python", "python3"]], decision="prompt")
prefix_rule(pattern=[["python", "python3"], "-m", "pytest"], decision="allow")
prefix_rule(pattern=[["curl", "wget"]], decision="prompt", justification="network access")
prefix_rule(pattern=["kubectl", ["delete", "apply"]], decision="forbidden")
prefix_rule(pattern=[["make", "just"]], decision="allow")
prefix_rule(pattern=["sudo"], decision="forbidden")
`;

const ARGV = [
  ['ls', '-la'], ['cat', 'README.md'], ['git', 'status'], ['git', 'push', 'origin', 'main'], ['git', 'push', '--force'],
  ['git', 'reset', '--hard'], ['rm', '-rf', 'build'], ['rm', 'file.txt'], ['npm', 'install'], ['npm', 'test'],
  ['cargo', 'build', '--release'], ['cargo', 'publish'], ['python3', '-m', 'pytest', '-q'], ['python3', 'x.py'],
  ['curl', '-s', 'https://example.com'], ['kubectl', 'get', 'pods'], ['make', 'all'], ['sudo', 'apt-get', 'install', 'x'],
  ['rg', '-n', 'TODO'], ['find', '.', '-name', '*.ts'], ['sed', '-n', '1,20p', 'a.ts'], ['touch', 'new.txt'], ['node', 'script.js'],
];
const SCRIPTS = [
  'ls && git status', 'git diff | head -n 50', 'cargo build && cargo test', 'npm test; npm run lint', 'echo hi > out.txt',
  'cat a.txt | wc -l', 'git status && git push', 'rm -rf node_modules && npm install', 'python3 -m pytest || true',
  'grep -rn foo src | sort | uniq', 'echo $(date)', 'make && ./bin/run', 'sudo rm -rf /', 'git log --oneline -n 5',
];
const APPROVALS = ['untrusted', 'on-failure', 'on-request', 'never'];
const SANDBOXES = [
  { mode: 'read-only' },
  { mode: 'workspace-write', writable_roots: [], network_access: false },
  { mode: 'danger-full-access' },
];

function inputs(n, policy) {
  const out = [];
  let seed = 7;
  const rnd = (k) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % k);
  const approvedForSession = new Set(['touch new.txt', 'node script.js']);
  for (let i = 0; i < n; i++) {
    const wrapped = rnd(3) === 0;
    const command = wrapped ? [['bash', 'zsh'][rnd(2)], '-lc', SCRIPTS[rnd(SCRIPTS.length)]] : [...ARGV[rnd(ARGV.length)], ...(rnd(4) === 0 ? [`f${i}.txt`] : [])];
    out.push({
      command,
      approvalPolicy: APPROVALS[rnd(APPROVALS.length)],
      sandboxPolicy: SANDBOXES[rnd(SANDBOXES.length)],
      approvedForSession,
      withEscalatedPermissions: rnd(10) === 0,
      execPolicy: policy,
      hasPlatformSandbox: true,
    });
  }
  return out;
}

export default async function bench(ctx) {
  const { root, median, log } = ctx;
  const core = await import(pathToFileURL(join(root, 'packages/core/dist/index.js')).href);
  const ep = await import(pathToFileURL(join(root, 'packages/execpolicy/dist/index.js')).href);
  const dir = mkdtempSync(join(tmpdir(), 'safety-bench-'));
  const rulesFile = join(dir, 'default.rules');
  writeFileSync(rulesFile, RULES);
  let policy;
  try {
    policy = await ep.loadPolicyFiles([rulesFile]);
  } finally {
    // The rules are parsed: the temp dir goes now, so no run leaves it behind.
    rmSync(dir, { recursive: true, force: true });
  }
  const target = 50_000;
  const rows = [];

  const run = (label, cases) => {
    const counts = {};
    const walls = [];
    for (let r = 0; r < 7; r++) {
      for (const k of Object.keys(counts)) delete counts[k];
      const t0 = process.hrtime.bigint();
      for (const c of cases) {
        const v = core.assessCommandSafety(c);
        counts[v.kind] = (counts[v.kind] ?? 0) + 1;
      }
      walls.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    const ms = median(walls);
    const perSec = (cases.length / ms) * 1000;
    rows.push({
      bench: 'safety', case: label, wallMs: ms, peakMiB: process.memoryUsage().rss / 2 ** 20,
      ratio: perSec / target, target: '>= 50000/s', pass: perSec >= target,
      note: `${Math.round(perSec).toLocaleString('en-US')} decisions/s; ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    });
    log(`safety ${label}: ${Math.round(perSec)} decisions/s`);
  };

  run(`assessCommandSafety 10k commands, ${policy.size} rules`, inputs(10_000, policy));
  run('assessCommandSafety 10k commands, no rules', inputs(10_000, undefined));
  return rows;
}
