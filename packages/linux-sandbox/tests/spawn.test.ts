// spawnSandboxed and runSandboxedCommand: environment, streaming, timeout and abort
// killing the whole process group, exit codes, and every refusal path (typed errors,
// command never run).
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  bwrapArgs,
  clearProbeCache,
  defaultHelperPath,
  HELPER_EXIT,
  probeBackend,
  runSandboxedCommand,
  spawnSandboxed,
  SandboxError,
  TIMEOUT_EXIT_CODE,
  type SandboxPolicy,
} from '../src/index.js';
import { buildHelper, hostPidsWith } from './fixture.js';

buildHelper();
const ws = mkdtempSync('/var/tmp/codex-sbx-spawn-');
afterAll(() => rmSync(ws, { recursive: true, force: true }));
const WW: SandboxPolicy = { mode: 'workspace-write', writable_roots: [], network_access: false, exclude_tmpdir_env_var: false, exclude_slash_tmp: false };
const env = { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', TMPDIR: ws };

function alive(pid: number): boolean {
  try {
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.startsWith('Z');
  } catch {
    return false;
  }
}

describe('spawnSandboxed', () => {
  it.each([
    ['read-only', { mode: 'read-only' } as SandboxPolicy, '1'],
    ['workspace-write without network', WW, '1'],
    ['workspace-write with network', { ...WW, network_access: true }, ''],
    ['danger-full-access', { mode: 'danger-full-access' } as SandboxPolicy, ''],
  ])('sets CODEX_SANDBOX_NETWORK_DISABLED under %s', async (_name, policy, expected) => {
    const r = await spawnSandboxed({ argv: ['sh', '-c', 'printf "%s" "$CODEX_SANDBOX_NETWORK_DISABLED"'], cwd: ws, policy, env }).result;
    expect({ exitCode: r.exitCode, stdout: r.stdout }).toEqual({ exitCode: 0, stdout: expected });
  });

  it('streams output through onOutput while the command runs', async () => {
    const chunks: string[] = [];
    const p = spawnSandboxed({
      argv: ['sh', '-c', 'echo one; read _ < /dev/null; echo two >&2'],
      cwd: ws,
      policy: WW,
      env,
      onOutput: (stream, chunk) => chunks.push(`${stream}:${chunk.toString()}`),
    });
    const r = await p.result;
    expect({ chunks: chunks.sort(), stdout: r.stdout, stderr: r.stderr, backend: r.backend }).toEqual({
      chunks: ['stderr:two\n', 'stdout:one\n'],
      stdout: 'one\n',
      stderr: 'two\n',
      backend: 'landlock',
    });
  });

  it.each(['landlock', 'bwrap'] as const)('kills the whole process group on timeout (%s)', async (backend) => {
    const pidFile = join(ws, `bg-${backend}`);
    const mark = `${pidFile}.marker`;
    const p = spawnSandboxed({ argv: ['sh', '-c', `python3 -c 'import time; time.sleep(60)' ${mark} & echo $! > ${pidFile}; echo started; wait`], cwd: ws, policy: WW, env, backend, timeoutMs: 3000 });
    // The background process, by its marker (its pid inside the sandbox's pid namespace is not the host's).
    let bg: number[] = [];
    while (bg.length === 0 && !existsSync(pidFile)) await new Promise((res) => setTimeout(res, 20));
    while (bg.length === 0) {
      bg = hostPidsWith(mark);
      if (bg.length === 0) await new Promise((res) => setTimeout(res, 20));
    }
    const r = await p.result;
    expect({ timedOut: r.timedOut, exitCode: r.exitCode, signal: r.signal, stdout: r.stdout }).toEqual({
      timedOut: true,
      exitCode: null,
      signal: 'SIGKILL',
      stdout: 'started\n',
    });
    expect(bg.filter(alive)).toEqual([]);
  });

  it('kills the process group on abort', async () => {
    const ac = new AbortController();
    const p = spawnSandboxed({
      argv: ['sh', '-c', 'echo started; sleep 60'],
      cwd: ws,
      policy: WW,
      env,
      signal: ac.signal,
      onOutput: () => ac.abort(),
    });
    const r = await p.result;
    expect({ aborted: r.aborted, signal: r.signal, timedOut: r.timedOut }).toEqual({ aborted: true, signal: 'SIGKILL', timedOut: false });
  });

  it('refuses to start when the signal is already aborted', () => {
    const ac = new AbortController();
    ac.abort();
    expect(() => spawnSandboxed({ argv: ['true'], cwd: ws, policy: WW, env, signal: ac.signal })).toThrow(
      new SandboxError('aborted', 'The command was aborted before it started.'),
    );
  });

  it('reports a helper refusal at run time as setupError', async () => {
    const dir = mkdtempSync('/var/tmp/codex-sbx-refuse-');
    symlinkSync('/etc', join(dir, '.agents'));
    const r = await spawnSandboxed({ argv: ['touch', 'ran'], cwd: dir, policy: WW, env }).result;
    const ran = existsSync(join(dir, 'ran'));
    rmSync(dir, { recursive: true, force: true });
    expect({ exitCode: r.exitCode, code: r.setupError?.code, message: r.setupError?.message, ran }).toEqual({
      exitCode: 123,
      code: 'helper_setup_failed',
      message: `The sandbox could not start the command: codex-linux-sandbox: ${dir}/.agents is a symbolic link; the sandbox keeps this name read-only and cannot do that for a link. Replace the link with the directory itself, or run without a sandbox at your own risk (sandbox_mode = "danger-full-access")`,
      ran: false,
    });
  });
});

describe('runSandboxedCommand', () => {
  it('returns the exit code, 128+signal when killed, 124 on timeout', async () => {
    const base = { cwd: ws, policy: WW, env };
    expect(await runSandboxedCommand({ ...base, argv: ['sh', '-c', 'exit 7'] })).toBe(7);
    expect(await runSandboxedCommand({ ...base, argv: ['sh', '-c', 'kill -9 $$'] })).toBe(137);
    expect(await runSandboxedCommand({ ...base, argv: ['sleep', '60'], timeoutMs: 300 })).toBe(TIMEOUT_EXIT_CODE);
  });
});

describe('refusals: the command is never run', () => {
  const marker = join(ws, 'must-not-exist');
  const attempt = (extra: Record<string, unknown>) => () =>
    spawnSandboxed({ argv: ['touch', marker], cwd: ws, policy: WW, env, ...extra });

  it('forced bwrap that is not installed', () => {
    expect(attempt({ backend: 'bwrap', bwrapPath: '/nonexistent/bwrap' })).toThrowErrorMatchingInlineSnapshot(
      `[SandboxError: Sandbox backend "bwrap" does not work on this machine (bwrap: bubblewrap is not installed at /nonexistent/bwrap (apt-get install bubblewrap)). The command was not run. Ways out: pick a backend that works here with \`[sandbox] backend = "bwrap"\` or \`"landlock"\` in config.toml (or \`-c sandbox.backend=bwrap\`), or run without a sandbox at your own risk with \`sandbox_mode = "danger-full-access"\` (flag \`--sandbox danger-full-access\`).]`,
    );
    expect(existsSync(marker)).toBe(false);
  });

  it('forced landlock on a kernel without Landlock (injected with strace): the probe says why, the helper refuses', async () => {
    const wrapper = join(ws, 'no-landlock-helper');
    writeFileSync(wrapper, `#!/bin/sh\nexec strace -f -o /dev/null -e trace=landlock_create_ruleset -e inject=landlock_create_ruleset:error=ENOSYS ${defaultHelperPath()} "$@"\n`);
    chmodSync(wrapper, 0o755);
    clearProbeCache();
    // Before the probe has answered, the backend is predicted; the helper itself refuses.
    const first = await attempt({ backend: 'landlock', helperPath: wrapper })().result;
    expect({ code: first.setupError?.code, exitCode: first.exitCode, ran: existsSync(marker) }).toEqual({ code: 'helper_setup_failed', exitCode: HELPER_EXIT.noLandlock, ran: false });
    expect(first.setupError?.message).toContain('Landlock is not available on this kernel (Function not implemented). It needs Linux >= 5.13');
    // Once the probe has answered, the refusal comes before anything is spawned.
    const probe = await probeBackend('landlock', { helperPath: wrapper });
    expect(probe.available).toBe(false);
    let err: unknown;
    try {
      attempt({ backend: 'landlock', helperPath: wrapper })();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SandboxError);
    expect((err as SandboxError).code).toBe('backend_unavailable');
    expect((err as SandboxError).message).toContain(
      'landlock: Landlock is not available on this kernel (Function not implemented). It needs Linux >= 5.13',
    );
    expect(existsSync(marker)).toBe(false);
  });

  it('limits that are not whole numbers in range, naming the key', () => {
    for (const [limits, text] of [
      [{ open_files: Number.NaN }, 'limit "open_files" must be a whole number from 1 to 9007199254740992 (got NaN)'],
      [{ cpu_seconds: 1.9 }, 'limit "cpu_seconds" must be a whole number from 1 to 9007199254740992 (got 1.9)'],
      [{ processes: 0 }, 'limit "processes" must be a whole number from 1 to 9007199254740992 (got 0)'],
      [{ ram: 1 }, 'unknown limit "ram" (known: memory_bytes, cpu_seconds, processes, file_size_bytes, open_files)'],
    ] as const) {
      expect(attempt({ limits })).toThrow(`Invalid sandbox resource limits: ${text}.`);
    }
    expect(existsSync(marker)).toBe(false);
  });

  it('auto when no backend works', () => {
    let err: unknown;
    try {
      attempt({ backend: 'landlock', helperPath: '/nonexistent/helper' })();
    } catch (e) {
      err = e;
    }
    expect((err as SandboxError).code).toBe('backend_unavailable');
    expect((err as SandboxError).message).toMatch(/^Sandbox backend "landlock" does not work on this machine \(landlock: the sandbox helper codex-linux-sandbox is missing \(looked in .*; not executable at \/nonexistent\/helper\)\. /);
    expect((err as SandboxError).message).not.toContain('pnpm');
    expect(existsSync(marker)).toBe(false);
  });

  it('auto with a missing helper refuses instead of moving the command to bwrap', () => {
    let err: unknown;
    try {
      attempt({ backend: 'auto', helperPath: '/nonexistent/helper' })();
    } catch (e) {
      err = e;
    }
    expect({ code: (err as SandboxError).code, name: (err as SandboxError).name }).toEqual({ code: 'no_backend_available', name: 'SandboxError' });
    expect((err as SandboxError).message).toMatch(
      /^Cannot sandbox the command: the sandbox helper codex-linux-sandbox is missing \(.*\)\. It ships prebuilt in the optional package @codex-ts\/linux-sandbox-linux-x64: .* or choose bubblewrap explicitly with `\[sandbox\] backend = "bwrap"` in config\.toml\. The command was not run\.$/,
    );
    expect(existsSync(marker)).toBe(false);
  });

  it('backend none for a restricted policy', () => {
    expect(attempt({ backend: 'none' })).toThrow(/only allowed with sandbox_mode = "danger-full-access" \(the policy is "workspace-write"\)/);
    expect(existsSync(marker)).toBe(false);
  });

  it('an empty argv', () => {
    expect(() => spawnSandboxed({ argv: [], cwd: ws, policy: WW, env })).toThrow(SandboxError);
  });
});

describe('bwrapArgs', () => {
  it('binds roots, re-binds the protected names read-only whether or not they exist, unshares network', () => {
    const root = mkdtempSync('/var/tmp/codex-sbx-args-');
    const repo = join(root, 'repo');
    mkdirSync(join(repo, '.git'), { recursive: true });
    const args = bwrapArgs({ policy: { ...WW, exclude_slash_tmp: true, exclude_tmpdir_env_var: true }, cwd: repo, env: {} });
    rmSync(root, { recursive: true, force: true });
    expect(args.join(' ').replaceAll(repo, '<repo>')).toMatchInlineSnapshot(
      `"--new-session --die-with-parent --ro-bind / / --dev /dev --bind <repo> <repo> --ro-bind-try <repo>/.git <repo>/.git --ro-bind-try <repo>/.codex <repo>/.codex --ro-bind-try <repo>/.agents <repo>/.agents --ro-bind-try <repo>/.aws <repo>/.aws --unshare-user --unshare-pid --unshare-ipc --unshare-net --proc /proc --ro-bind /proc/sys /proc/sys --cap-drop ALL --chdir <repo>"`,
    );
  });
});
