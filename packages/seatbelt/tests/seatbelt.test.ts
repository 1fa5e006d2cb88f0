// Seatbelt profile and argv: whole generated strings compared on every platform; on
// macOS the argv is also run, and writes outside the roots, to .git and to the network
// must fail while writes in the workspace succeed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SANDBOX_EXEC_PATH, SEATBELT_BASE_POLICY, seatbeltArgv, seatbeltEnv, seatbeltProfile, type SandboxPolicy } from '../src/index.js';

const base = mkdtempSync(join(tmpdir(), 'codex-seatbelt-'));
const ws = join(base, 'ws');
mkdirSync(join(ws, '.git'), { recursive: true });
writeFileSync(join(ws, '.git', 'config'), '[core]\n');
const extra = join(base, 'extra');
mkdirSync(extra);
afterAll(() => rmSync(base, { recursive: true, force: true }));

const { realpathSync } = await import('node:fs');
const real = realpathSync(base);
const redact = (s: string) => s.replaceAll(real, '<base>');
const WW: SandboxPolicy = { mode: 'workspace-write', writable_roots: [extra], network_access: false, exclude_tmpdir_env_var: true, exclude_slash_tmp: true };

describe('seatbeltProfile', () => {
  it('workspace-write: base, reads, roots as parameters with .git carved out, no network', () => {
    const profile = seatbeltProfile(WW, ws, {});
    expect(profile.startsWith(SEATBELT_BASE_POLICY)).toBe(true);
    expect(redact(profile.slice(SEATBELT_BASE_POLICY.length))).toMatchInlineSnapshot(`
      "
      ; allow read-only file operations
      (allow file-read*)
      (allow file-write*
      (require-all (subpath (param "WRITABLE_ROOT_0")) (require-not (subpath (param "WRITABLE_ROOT_0_RO_0"))) (require-not (subpath (param "WRITABLE_ROOT_0_RO_1"))) (require-not (subpath (param "WRITABLE_ROOT_0_RO_2"))) (require-not (subpath (param "WRITABLE_ROOT_0_RO_3"))) ) (require-all (subpath (param "WRITABLE_ROOT_1")) (require-not (subpath (param "WRITABLE_ROOT_1_RO_0"))) (require-not (subpath (param "WRITABLE_ROOT_1_RO_1"))) (require-not (subpath (param "WRITABLE_ROOT_1_RO_2"))) (require-not (subpath (param "WRITABLE_ROOT_1_RO_3"))) )
      )
      "
    `);
  });

  it('workspace-write with network and $TMPDIR (the host /tmp is checked in sbpl.test.ts)', () => {
    const tmpRoot = join(base, 'tmp');
    mkdirSync(tmpRoot, { recursive: true });
    const profile = seatbeltProfile({ ...WW, writable_roots: [], network_access: true, exclude_tmpdir_env_var: false }, ws, { TMPDIR: tmpRoot });
    expect(redact(profile.slice(SEATBELT_BASE_POLICY.length))).toMatchInlineSnapshot(`
      "
      ; allow read-only file operations
      (allow file-read*)
      (allow file-write*
      (require-all (subpath (param "WRITABLE_ROOT_0")) (require-not (subpath (param "WRITABLE_ROOT_0_RO_0"))) (require-not (subpath (param "WRITABLE_ROOT_0_RO_1"))) (require-not (subpath (param "WRITABLE_ROOT_0_RO_2"))) (require-not (subpath (param "WRITABLE_ROOT_0_RO_3"))) ) (require-all (subpath (param "WRITABLE_ROOT_1")) (require-not (subpath (param "WRITABLE_ROOT_1_RO_0"))) (require-not (subpath (param "WRITABLE_ROOT_1_RO_1"))) (require-not (subpath (param "WRITABLE_ROOT_1_RO_2"))) (require-not (subpath (param "WRITABLE_ROOT_1_RO_3"))) )
      )
      (allow network-outbound)
      (allow network-inbound)
      (allow system-socket)"
    `);
  });

  it('read-only: reads only', () => {
    expect(seatbeltProfile({ mode: 'read-only' }, ws, {}).slice(SEATBELT_BASE_POLICY.length)).toMatchInlineSnapshot(`
      "
      ; allow read-only file operations
      (allow file-read*)

      "
    `);
  });

  it('danger-full-access: writes anywhere and network', () => {
    expect(seatbeltProfile({ mode: 'danger-full-access' }, ws, {}).slice(SEATBELT_BASE_POLICY.length)).toMatchInlineSnapshot(`
      "
      ; allow read-only file operations
      (allow file-read*)
      (allow file-write* (regex #"^/"))
      (allow network-outbound)
      (allow network-inbound)
      (allow system-socket)"
    `);
  });

  it('the base policy denies by default and grants no writes or network of its own', () => {
    const rules = SEATBELT_BASE_POLICY.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('('));
    expect(rules[0]).toBe('(version 1)');
    expect(rules[1]).toBe('(deny default)');
    // Writes and network come only from the per-policy part, never from the base.
    expect(rules.filter((r) => /^\(allow (file-write\*|network)/.test(r))).toEqual([]);
    expect(rules).toEqual(expect.arrayContaining(['(allow process-exec)', '(allow process-fork)', '(allow signal (target same-sandbox))']));
  });
});

describe('seatbeltArgv', () => {
  it('is /usr/bin/sandbox-exec -p PROFILE -D... -- CMD', () => {
    const argv = seatbeltArgv({ policy: WW, cwd: ws, env: { TMPDIR: '/ignored' }, command: ['bash', '-lc', 'echo hi'] });
    expect(argv.map((a, i) => (i === 2 ? '<profile>' : redact(a)))).toMatchInlineSnapshot(`
      [
        "/usr/bin/sandbox-exec",
        "-p",
        "<profile>",
        "-DWRITABLE_ROOT_0=<base>/extra",
        "-DWRITABLE_ROOT_0_RO_0=<base>/extra/.git",
        "-DWRITABLE_ROOT_0_RO_1=<base>/extra/.codex",
        "-DWRITABLE_ROOT_0_RO_2=<base>/extra/.agents",
        "-DWRITABLE_ROOT_0_RO_3=<base>/extra/.aws",
        "-DWRITABLE_ROOT_1=<base>/ws",
        "-DWRITABLE_ROOT_1_RO_0=<base>/ws/.git",
        "-DWRITABLE_ROOT_1_RO_1=<base>/ws/.codex",
        "-DWRITABLE_ROOT_1_RO_2=<base>/ws/.agents",
        "-DWRITABLE_ROOT_1_RO_3=<base>/ws/.aws",
        "--",
        "bash",
        "-lc",
        "echo hi",
      ]
    `);
    expect(argv[2]).toBe(seatbeltProfile(WW, ws, {}));
  });

  it('sets CODEX_SANDBOX=seatbelt and the network flag', () => {
    expect(seatbeltEnv(WW, { PATH: '/bin', X: undefined })).toEqual({ PATH: '/bin', CODEX_SANDBOX: 'seatbelt', CODEX_SANDBOX_NETWORK_DISABLED: '1' });
    expect(seatbeltEnv({ ...WW, network_access: true }, { PATH: '/bin' })).toEqual({ PATH: '/bin', CODEX_SANDBOX: 'seatbelt' });
  });
});

describe('running under sandbox-exec', () => {
  // Seatbelt exists only on macOS; elsewhere the profile is validated by parsing it (sbpl.test.ts).
  it.skipIf(process.platform !== 'darwin')(`enforces the profile on macOS (skipped elsewhere: no ${SANDBOX_EXEC_PATH})`, () => {
    const outside = join(real, 'outside.txt');
    const script = `echo in > in.txt; echo out > ${outside}; echo x >> .git/config; curl -s -m 3 http://example.com >/dev/null && echo net; echo done`;
    const argv = seatbeltArgv({ policy: WW, cwd: ws, env: {}, command: ['/bin/sh', '-c', script] });
    const r = spawnSync(argv[0]!, argv.slice(1), { cwd: ws, env: seatbeltEnv(WW, { PATH: '/usr/bin:/bin' }), encoding: 'utf8' });
    expect({
      stdout: r.stdout,
      inside: readFileSync(join(ws, 'in.txt'), 'utf8'),
      outside: existsSync(outside),
      git: readFileSync(join(ws, '.git', 'config'), 'utf8'),
    }).toEqual({ stdout: 'done\n', inside: 'in\n', outside: false, git: '[core]\n' });
  });
});
