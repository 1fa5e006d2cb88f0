// Which backends work on this machine: each is tried once per process (per helper/bwrap
// path and uid) by running `true` under it, asynchronously (startProbes() at start-up),
// and the answer is cached, a timed-out probe included. The hot path never waits for a
// probe: until one has answered, the backend is predicted from cheap file checks, and the
// helper itself refuses at run time (exit 121..123, a message naming the cause) when the
// prediction was wrong, so nothing ever runs unsandboxed. `auto` prefers landlock, then bwrap.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { bwrapArgs } from './bwrap.js';
import { SANDBOX_WAYS_OUT, SandboxError } from './errors.js';
import { HELPER_MESSAGE_PREFIX } from './exit-codes.js';
import { defaultHelperPath, findBwrap, isExecutable, missingHelperMessage } from './locate.js';
import type { SandboxPolicy } from './policy.js';

/** A concrete Linux backend. `none` runs the command as is (danger-full-access only). */
export type SandboxBackend = 'landlock' | 'bwrap' | 'none';
/** What callers may ask for; `auto` picks the first working of landlock, bwrap. */
export type SandboxBackendChoice = SandboxBackend | 'auto';

/** The outcome of probing one backend. */
export interface BackendProbe {
  backend: 'landlock' | 'bwrap';
  available: boolean;
  /** Executable used (helper or bwrap), when found. */
  path?: string;
  /** Why it is unavailable (the helper's or bwrap's own message when it ran). */
  reason?: string;
  /** bwrap only: the helper adds seccomp, no_new_privs, scopes and rlimits inside (always, when available). */
  seccomp?: boolean;
  /** True when this is a prediction from file checks, before the probe answered. */
  predicted?: boolean;
  /** landlock only: the helper executable is not installed at all (an install problem, not a kernel one). */
  missing?: boolean;
}

/** Where to find the executables, and whom to probe as. */
export interface ProbeOptions {
  helperPath?: string;
  bwrapPath?: string;
  uid?: number;
  gid?: number;
  /** How long a probe may take before it counts as failed (default 30 s; the answer is cached either way). */
  probeTimeoutMs?: number;
}

const settled = new Map<string, BackendProbe>();
const pending = new Map<string, Promise<BackendProbe>>();
const PROBE_POLICY: SandboxPolicy = { mode: 'read-only' };
/** Generous: on a loaded machine even `true` under the helper can be slow to schedule. */
const PROBE_TIMEOUT_MS = 30_000;

function run(file: string, args: string[], opts: ProbeOptions): Promise<{ ok: boolean; why: string }> {
  return new Promise((resolve) => {
    let stderr = '';
    let done = false;
    const finish = (r: { ok: boolean; why: string }) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(r);
    };
    const child = spawn(file, args, { cwd: '/', stdio: ['ignore', 'ignore', 'pipe'], uid: opts.uid, gid: opts.gid });
    const limit = opts.probeTimeoutMs ?? PROBE_TIMEOUT_MS;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish({ ok: false, why: `the probe did not finish within ${limit / 1000} s` });
    }, limit);
    timer.unref();
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (err) => finish({ ok: false, why: err.message }));
    child.on('close', (code, sig) => {
      if (code === 0) return finish({ ok: true, why: '' });
      const err = stderr.trim().split('\n').slice(-3).join(' ');
      finish({ ok: false, why: `${err || 'no message'} (exit ${code ?? sig})` });
    });
  });
}

function notBuilt(path: string): string {
  return missingHelperMessage(path);
}

async function probeLandlock(opts: ProbeOptions): Promise<BackendProbe> {
  const path = opts.helperPath ?? defaultHelperPath();
  if (!isExecutable(path)) return { backend: 'landlock', available: false, path, reason: notBuilt(path), missing: true };
  const r = await run(path, ['--policy', JSON.stringify(PROBE_POLICY), '--cwd', '/', '--', 'true'], opts);
  const reason = r.why.startsWith(HELPER_MESSAGE_PREFIX) ? r.why.slice(HELPER_MESSAGE_PREFIX.length) : r.why;
  return r.ok ? { backend: 'landlock', available: true, path } : { backend: 'landlock', available: false, path, reason };
}

function bwrapMissing(path: string | undefined): string {
  return `bubblewrap is not installed${path ? ` at ${path}` : ' on PATH'} (apt-get install bubblewrap)`;
}

async function probeBwrap(opts: ProbeOptions): Promise<BackendProbe> {
  const path = opts.bwrapPath ?? findBwrap();
  if (!path || !isExecutable(path)) return { backend: 'bwrap', available: false, ...(path ? { path } : {}), reason: bwrapMissing(path) };
  const helper = opts.helperPath ?? defaultHelperPath();
  // The helper adds what bwrap lacks (seccomp, scopes, placeholders for absent protected names).
  if (!isExecutable(helper)) return { backend: 'bwrap', available: false, path, reason: `bwrap needs the codex-linux-sandbox helper: ${notBuilt(helper)}` };
  const policy = JSON.stringify(PROBE_POLICY);
  const inner = [helper, '--seccomp-only', '--no-reap', '--policy', policy, '--cwd', '/', '--', 'true'];
  const r = await run(helper, ['--outer', '--policy', policy, '--cwd', '/', '--', path, ...bwrapArgs({ policy: PROBE_POLICY, cwd: '/' }), '--', ...inner], opts);
  return r.ok ? { backend: 'bwrap', available: true, path, seccomp: true } : { backend: 'bwrap', available: false, path, reason: r.why };
}

function key(backend: string, opts: ProbeOptions): string {
  return JSON.stringify([backend, opts.helperPath, opts.bwrapPath, opts.uid, opts.gid, opts.probeTimeoutMs]);
}

/** Probes one backend (once per process and options; later calls share the answer). */
export function probeBackend(backend: 'landlock' | 'bwrap', opts: ProbeOptions = {}): Promise<BackendProbe> {
  const k = key(backend, opts);
  const hit = settled.get(k);
  if (hit) return Promise.resolve(hit);
  let p = pending.get(k);
  if (!p) {
    p = (backend === 'landlock' ? probeLandlock(opts) : probeBwrap(opts)).then((r) => {
      settled.set(k, r);
      pending.delete(k);
      return r;
    });
    pending.set(k, p);
  }
  return p;
}

/** Probes every Linux backend (for `codex doctor`-style reports, and tests). */
export function probeBackends(opts: ProbeOptions = {}): Promise<BackendProbe[]> {
  return Promise.all([probeBackend('landlock', opts), probeBackend('bwrap', opts)]);
}

/**
 * Starts probing, in the background and off the hot path (call it at start-up), the backends
 * `choice` can use: `landlock` or `bwrap` alone; `auto` Landlock, then bwrap only when
 * Landlock does not work (as resolving does: a probe is a few processes, and bwrap's
 * namespaces are not free on a busy machine); `none` nothing. Never rejects; a no-op off Linux.
 */
export function startProbes(opts: ProbeOptions = {}, choice: SandboxBackendChoice = 'auto'): Promise<BackendProbe[]> {
  if (process.platform !== 'linux' || choice === 'none') return Promise.resolve([]);
  if (choice !== 'auto') return probeBackend(choice, opts).then((p) => [p]);
  return probeBackend('landlock', opts).then(async (l) => (l.available || l.missing ? [l] : [l, await probeBackend('bwrap', opts)]));
}

/** Whether the kernel lists Landlock among its active LSMs (true when that cannot be read). */
function landlockListed(): boolean {
  try {
    return readFileSync('/sys/kernel/security/lsm', 'utf8').split(',').includes('landlock');
  } catch {
    return true;
  }
}

/** The answer of the probe when it has one, else a prediction from file checks (and the probe starts). */
function current(backend: 'landlock' | 'bwrap', opts: ProbeOptions): BackendProbe {
  const hit = settled.get(key(backend, opts));
  if (hit) return hit;
  void probeBackend(backend, opts);
  const helper = opts.helperPath ?? defaultHelperPath();
  if (backend === 'landlock') {
    if (!isExecutable(helper)) return { backend, available: false, path: helper, reason: notBuilt(helper), missing: backend === 'landlock' };
    if (!landlockListed()) return { backend, available: false, path: helper, reason: 'Landlock is not among the active LSMs (/sys/kernel/security/lsm)' };
    return { backend, available: true, path: helper, predicted: true };
  }
  const path = opts.bwrapPath ?? findBwrap();
  if (!path || !isExecutable(path)) return { backend, available: false, ...(path ? { path } : {}), reason: bwrapMissing(path) };
  if (!isExecutable(helper)) return { backend, available: false, path, reason: `bwrap needs the codex-linux-sandbox helper: ${notBuilt(helper)}` };
  return { backend, available: true, path, seccomp: true, predicted: true };
}

/**
 * Whether the helper can run a command unsandboxed as its reaper (`--no-sandbox`): it is
 * built (it needs nothing else from the kernel than fork and prctl).
 */
export function probeReaper(opts: ProbeOptions = {}): boolean {
  return process.platform === 'linux' && isExecutable(opts.helperPath ?? defaultHelperPath());
}

/** Forgets cached probes (tests, or after installing bubblewrap). */
export function clearProbeCache(): void {
  settled.clear();
  pending.clear();
}

function pick(choice: SandboxBackendChoice, policy: SandboxPolicy, probes: BackendProbe[]): { backend: SandboxBackend; probe?: BackendProbe } {
  // A missing helper is a broken install: `auto` must not quietly move commands to bwrap.
  if (choice === 'auto' && probes[0]?.missing) {
    throw new SandboxError('no_backend_available', `Cannot sandbox the command: ${probes[0].reason}. The command was not run.`);
  }
  const ok = probes.find((p) => p.available);
  if (ok) return { backend: ok.backend, probe: ok };
  const why = probes.map((p) => `${p.backend}: ${p.reason}`).join('; ');
  if (choice === 'auto') {
    throw new SandboxError('no_backend_available', `No sandbox backend works on this machine (${why}). The command was not run. ${SANDBOX_WAYS_OUT}`);
  }
  throw new SandboxError('backend_unavailable', `Sandbox backend "${choice}" does not work on this machine (${why}). The command was not run. ${SANDBOX_WAYS_OUT}`);
}

function precheck(choice: SandboxBackendChoice, policy: SandboxPolicy): { backend: SandboxBackend } | Array<'landlock' | 'bwrap'> {
  if (policy.mode === 'danger-full-access') return { backend: 'none' };
  if (choice === 'none') {
    throw new SandboxError(
      'none_requires_full_access',
      `Sandbox backend "none" is only allowed with sandbox_mode = "danger-full-access" (the policy is "${policy.mode}"). ${SANDBOX_WAYS_OUT}`,
    );
  }
  if (process.platform !== 'linux') {
    throw new SandboxError('no_backend_available', `The Linux sandbox cannot run on ${process.platform} (use Seatbelt on macOS). ${SANDBOX_WAYS_OUT}`);
  }
  return choice === 'auto' ? ['landlock', 'bwrap'] : [choice];
}

/**
 * The backend a command will run under, or a SandboxError naming why none can. Never
 * blocks: uses the probes' answers when they are in, predictions otherwise.
 * danger-full-access always runs as `none`; `none` is refused for any other policy.
 */
export function resolveBackend(
  choice: SandboxBackendChoice,
  policy: SandboxPolicy,
  opts: ProbeOptions = {},
): { backend: SandboxBackend; probe?: BackendProbe } {
  const order = precheck(choice, policy);
  if (!Array.isArray(order)) return order;
  // In order, up to the first that works (or a missing helper, which `auto` refuses): a later
  // backend is neither consulted nor probed.
  const probes: BackendProbe[] = [];
  for (const b of order) {
    const p = current(b, opts);
    probes.push(p);
    if (p.available || p.missing) break;
  }
  return pick(choice, policy, probes);
}

/** Like {@link resolveBackend}, after the probes have answered. */
export async function resolveBackendAsync(
  choice: SandboxBackendChoice,
  policy: SandboxPolicy,
  opts: ProbeOptions = {},
): Promise<{ backend: SandboxBackend; probe?: BackendProbe }> {
  const order = precheck(choice, policy);
  if (!Array.isArray(order)) return order;
  const probes: BackendProbe[] = [];
  for (const b of order) {
    const p = await probeBackend(b, opts);
    probes.push(p);
    if (p.available || p.missing) break;
  }
  return pick(choice, policy, probes);
}
