// Runs before every test file (vitest `setupFiles`): makes the suite independent of what
// the host keeps above its temp directories. Tests create their own directories with
// mkdtemp under os.tmpdir() (or /var/tmp); a stray `.git` in /tmp, in $TMPDIR or above
// would otherwise make every one of them "inside a repository". GIT_CEILING_DIRECTORIES
// stops git, and codex-ts's own git-root lookup (core's findGitRoot, which honours it as git
// does), from ever looking at those shared directories or anything above them. Child
// processes (the built `codex` binary, the SDKs' children, git) inherit it.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, realpathSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** The shared temp directories a test may create its roots in. */
export const SHARED_TEMP_DIRS = [tmpdir(), '/tmp', '/var/tmp'];

function real(p: string): string[] {
  try {
    return [realpathSync(p)];
  } catch {
    return [];
  }
}

const existing = (process.env.GIT_CEILING_DIRECTORIES ?? '').split(delimiter).filter((d) => d !== '');
const ceilings = new Set([...existing, ...SHARED_TEMP_DIRS, ...SHARED_TEMP_DIRS.flatMap(real)]);
process.env.GIT_CEILING_DIRECTORIES = [...ceilings].join(delimiter);

// Commands the tests run through `bash -lc` would read the host's login profile, which makes
// results depend on the host: a profile running `pyenv init` rehashes under a lock file, and a
// shell killed at that moment (tests kill commands on purpose) leaves the lock behind, after
// which every login shell waits and prints pyenv's complaint into the command's output. So the
// tests get a HOME of their own: every entry of the real one (git identity, npm's cache and
// config, ...) linked in, except the shell start-up files and ~/.codex (a test that forgets CODEX_HOME must not touch the real one).
const SHELL_STARTUP = new Set(['.codex', '.bashrc', '.bash_profile', '.bash_login', '.bash_logout', '.profile', '.zshrc', '.zprofile', '.zshenv', '.zlogin']);
function hermeticHome(realHome: string): string | undefined {
  const home = join(tmpdir(), `codex-test-home-${createHash('sha256').update(realHome).digest('hex').slice(0, 12)}`);
  try {
    mkdirSync(home, { recursive: true, mode: 0o755 });
    for (const name of readdirSync(realHome)) {
      if (SHELL_STARTUP.has(name)) continue;
      try {
        symlinkSync(join(realHome, name), join(home, name));
      } catch (err: unknown) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
    return home;
  } catch {
    return undefined;
  }
}
const realHome = process.env.CODEX_TEST_REAL_HOME ?? process.env.HOME;
if (realHome && existsSync(realHome)) {
  const home = hermeticHome(realHome);
  if (home !== undefined) {
    process.env.CODEX_TEST_REAL_HOME = realHome;
    process.env.HOME = home;
  }
}
