import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDirs } from '@codex-ts/test-support';

// Every temp dir a test makes is removed when the file is done.
const tmp = tempDirs(afterAll);

const bin = join(import.meta.dirname, '..', 'bin', 'codex');
const version = (JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;

function codex(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const home = tmp('codex-cli-home-');
  const r = spawnSync(bin, args, { cwd: opts.cwd, env: { ...process.env, CODEX_HOME: home, ...opts.env }, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('codex binary', () => {
  it('prints its version', () => {
    expect(codex(['--version'])).toEqual({ code: 0, stdout: `codex-cli ${version}\n`, stderr: '' });
    expect(codex(['-V']).stdout).toBe(`codex-cli ${version}\n`);
  });

  it('lists the subcommands in --help', () => {
    const r = codex(['--help']);
    expect(r.code).toBe(0);
    const commands = [...r.stdout.matchAll(/^ {2}codex (\S+)/gm)].map((m) => m[1]);
    expect(commands).toEqual(expect.arrayContaining(['exec', 'sandbox', 'completion']));
  });

  it('exits 2 naming an unknown flag once', () => {
    const r = codex(['exec', '--frob-nicate', 'x']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: "error: unexpected argument '--frob-nicate' found\n\nRun 'codex --help' for usage.\n" });
  });

  it.each(['bash', 'zsh', 'fish'])('prints a %s completion script that the shell accepts', (shell) => {
    const r = codex(['completion', shell]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('exec');
    expect(r.stdout).toContain('sandbox');
    if (shell === 'bash') {
      const check = spawnSync('bash', ['-n'], { input: r.stdout });
      expect(check.status).toBe(0);
      const run = spawnSync('bash', ['-c', `${r.stdout}\nCOMP_WORDS=(codex sa); COMP_CWORD=1; _codex; echo "\${COMPREPLY[@]}"`], { encoding: 'utf8' });
      expect(run.stdout.trim()).toBe('sandbox');
    }
  });
});

describe.runIf(process.platform === 'linux')('codex sandbox linux', () => {
  it('lets a command write in the workspace but not outside, and denies network', () => {
    const ws = tmp('codex-sbx-');
    const outside = tmp('codex-sbx-out-', '/var/tmp');
    const r = codex(
      ['sandbox', 'linux', '--full-auto', '--', 'bash', '-c', `echo in > inside.txt; echo out > ${outside}/x.txt; python3 -c "import socket; socket.socket().connect(('127.0.0.1', 9))"`],
      { cwd: ws },
    );
    expect(r.code).not.toBe(0);
    expect(existsSync(join(ws, 'inside.txt'))).toBe(true);
    expect(existsSync(join(outside, 'x.txt'))).toBe(false);
    expect(r.stderr).toMatch(/PermissionError: \[Errno 1\] Operation not permitted/);
  });

  it('runs read-only by default and reports the exit code', () => {
    const ws = tmp('codex-sbx-');
    const r = codex(['sandbox', 'linux', '--', 'touch', 'x'], { cwd: ws });
    expect(r.code).toBe(1);
    expect(existsSync(join(ws, 'x'))).toBe(false);
  });

  it('needs a command', () => {
    const r = codex(['sandbox', 'linux']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'error: no command given. Usage: codex sandbox [-P PROFILE] -- CMD [ARGS...]\n' });
  });
});

describe('codex login / logout', () => {
  it('stores an API key from stdin, reports it masked, and removes it', () => {
    const home = tmp('codex-login-');
    const env = { ...process.env, CODEX_HOME: home };
    const run = (args: string[], input?: string) => {
      const r = spawnSync(bin, args, { env, input, encoding: 'utf8' });
      return { code: r.status, stderr: r.stderr, stdout: r.stdout };
    };
    expect(run(['login', 'status'])).toEqual({ code: 1, stdout: '', stderr: 'Not logged in\n' });
    expect(run(['login', '--with-api-key'], 'sk-test-0123456789abcdef\n')).toEqual({ code: 0, stdout: '', stderr: 'Reading API key from stdin...\nAPI key saved. Authentication is checked when you send a request.\n' });
    expect(JSON.parse(readFileSync(join(home, 'auth.json'), 'utf8'))).toEqual({ auth_mode: 'apikey', OPENAI_API_KEY: 'sk-test-0123456789abcdef' });
    expect(run(['login', 'status'])).toEqual({ code: 0, stdout: '', stderr: 'API key configured - sk-test-***bcdef\nAuthentication is checked when you send a request.\n' });
    expect(run(['login', '--with-api-key'], '  \n').code).toBe(1);
    expect(run(['logout'])).toEqual({ code: 0, stdout: '', stderr: 'Successfully logged out\n' });
    expect(existsSync(join(home, 'auth.json'))).toBe(false);
    expect(run(['logout'])).toEqual({ code: 0, stdout: '', stderr: 'Not logged in\n' });
    expect(run(['login', '--with-api-key', '--device-auth']).code).toBe(2);
  });
});
