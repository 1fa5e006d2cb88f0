// Which backends work on this machine: each is tried once per process (per helper/bwrap
// path and uid) by running `true` under it, and the answer is cached. `auto` prefers
// landlock (no namespaces needed), then bwrap.
import { spawnSync } from 'node:child_process';
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
  /** bwrap only: whether the helper adds seccomp, no_new_privs and rlimits inside. */
  seccomp?: boolean;
  /** landlock only: the helper executable is not installed at all (an install problem, not a kernel one). */
  missing?: boolean;
}

/** Where to find the executables, and whom to probe as. */
export interface ProbeOptions {
  helperPath?: string;
  bwrapPath?: string;
  uid?: number;
  gid?: number;
}

const cache = new Map<string, BackendProbe>();
const PROBE_POLICY: SandboxPolicy = { mode: 'read-only' };

function run(file: string, args: string[], opts: ProbeOptions): { ok: boolean; why: string; transient?: boolean } {
  // Generous: on a loaded machine even `true` under the helper can be slow to schedule.
  const r = spawnSync(file, args, { cwd: '/', stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000, uid: opts.uid, gid: opts.gid });
  if (r.error) return { ok: false, why: r.error.message, transient: (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT' || (r.error as NodeJS.ErrnoException).code === 'EAGAIN' };
  if (r.status === 0) return { ok: true, why: '' };
  const err = String(r.stderr ?? '').trim().split('\n').slice(-3).join(' ');
  return { ok: false, why: `${err || 'no message'} (exit ${r.status ?? r.signal})` };
}

function probeLandlock(opts: ProbeOptions): BackendProbe {
  const path = opts.helperPath ?? defaultHelperPath();
  if (!isExecutable(path)) {
    return {
      backend: 'landlock',
      available: false,
      path,
      reason: missingHelperMessage(path),
      missing: true,
    };
  }
  const r = run(path, ['--policy', JSON.stringify(PROBE_POLICY), '--cwd', '/', '--', 'true'], opts);
  const reason = r.why.startsWith(HELPER_MESSAGE_PREFIX) ? r.why.slice(HELPER_MESSAGE_PREFIX.length) : r.why;
  return r.ok ? { backend: 'landlock', available: true, path } : { backend: 'landlock', available: false, path, reason };
}

function probeBwrap(opts: ProbeOptions): BackendProbe {
  const path = opts.bwrapPath ?? findBwrap();
  if (!path || !isExecutable(path)) {
    return {
      backend: 'bwrap',
      available: false,
      ...(path ? { path } : {}),
      reason: `bubblewrap is not installed${path ? ` at ${path}` : ' on PATH'} (apt-get install bubblewrap)`,
    };
  }
  const r = run(path, [...bwrapArgs({ policy: PROBE_POLICY, cwd: '/' }), '--', 'true'], opts);
  if (!r.ok) return { backend: 'bwrap', available: false, path, reason: r.why };
  const landlock = probeLandlockOrSeccomp(opts, path);
  return { backend: 'bwrap', available: true, path, seccomp: landlock };
}

/** Whether the helper can add its seccomp layer inside bwrap. */
function probeLandlockOrSeccomp(opts: ProbeOptions, bwrap: string): boolean {
  const helper = opts.helperPath ?? defaultHelperPath();
  if (!isExecutable(helper)) return false;
  const inner = [helper, '--seccomp-only', '--policy', JSON.stringify(PROBE_POLICY), '--cwd', '/', '--', 'true'];
  return run(bwrap, [...bwrapArgs({ policy: PROBE_POLICY, cwd: '/' }), '--', ...inner], opts).ok;
}

/** Probes one backend, cached for the life of the process. */
export function probeBackend(backend: 'landlock' | 'bwrap', opts: ProbeOptions = {}): BackendProbe {
  const key = JSON.stringify([backend, opts.helperPath, opts.bwrapPath, opts.uid, opts.gid]);
  let hit = cache.get(key);
  if (!hit) {
    hit = backend === 'landlock' ? probeLandlock(opts) : probeBwrap(opts);
    cache.set(key, hit);
  }
  return hit;
}

const reaperCache = new Map<string, boolean>();

/**
 * Whether the helper can run a command unsandboxed as its reaper (`--no-sandbox`): built
 * and working here. Cached per helper path and uid like the backends.
 */
export function probeReaper(opts: ProbeOptions = {}): boolean {
  if (process.platform !== 'linux') return false;
  const path = opts.helperPath ?? defaultHelperPath();
  const key = JSON.stringify([path, opts.uid, opts.gid]);
  let hit = reaperCache.get(key);
  if (hit === undefined) {
    const r = isExecutable(path) ? run(path, ['--no-sandbox', '--', 'true'], opts) : { ok: false, transient: false };
    hit = r.ok;
    // A timed-out probe says nothing about the machine: ask again next time.
    if (!r.transient) reaperCache.set(key, hit);
  }
  return hit;
}

/** Probes every Linux backend (for `codex doctor`-style reports). */
export function probeBackends(opts: ProbeOptions = {}): BackendProbe[] {
  return [probeBackend('landlock', opts), probeBackend('bwrap', opts)];
}

/** Forgets cached probes (tests, or after installing bubblewrap). */
export function clearProbeCache(): void {
  cache.clear();
  reaperCache.clear();
}

/**
 * The backend a command will run under, or a SandboxError naming why none can.
 * danger-full-access always runs as `none`; `none` is refused for any other policy.
 */
export function resolveBackend(
  choice: SandboxBackendChoice,
  policy: SandboxPolicy,
  opts: ProbeOptions = {},
): { backend: SandboxBackend; probe?: BackendProbe } {
  if (policy.mode === 'danger-full-access') return { backend: 'none' };
  if (choice === 'none') {
    throw new SandboxError(
      'none_requires_full_access',
      `Sandbox backend "none" is only allowed with sandbox_mode = "danger-full-access" (the policy is "${policy.mode}"). ${SANDBOX_WAYS_OUT}`,
    );
  }
  if (process.platform !== 'linux') {
    throw new SandboxError(
      'no_backend_available',
      `The Linux sandbox cannot run on ${process.platform} (use Seatbelt on macOS). ${SANDBOX_WAYS_OUT}`,
    );
  }
  const order: Array<'landlock' | 'bwrap'> = choice === 'auto' ? ['landlock', 'bwrap'] : [choice];
  // A missing helper is a broken install: `auto` must not quietly move commands to bwrap.
  const first = probeBackend(order[0]!, opts);
  if (choice === 'auto' && first.missing) {
    throw new SandboxError('no_backend_available', `Cannot sandbox the command: ${first.reason}. The command was not run.`);
  }
  const probes = order.map((b) => probeBackend(b, opts));
  const ok = probes.find((p) => p.available);
  if (ok) return { backend: ok.backend, probe: ok };
  const why = probes.map((p) => `${p.backend}: ${p.reason}`).join('; ');
  if (choice === 'auto') {
    throw new SandboxError('no_backend_available', `No sandbox backend works on this machine (${why}). The command was not run. ${SANDBOX_WAYS_OUT}`);
  }
  throw new SandboxError('backend_unavailable', `Sandbox backend "${choice}" does not work on this machine (${why}). The command was not run. ${SANDBOX_WAYS_OUT}`);
}
