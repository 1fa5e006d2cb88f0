// Runs before every test file (vitest `setupFiles`): makes the suite independent of what
// the host keeps above its temp directories. Tests create their own directories with
// mkdtemp under os.tmpdir() (or /var/tmp); a stray `.git` in /tmp, in $TMPDIR or above
// would otherwise make every one of them "inside a repository". GIT_CEILING_DIRECTORIES
// stops git, and codex-ts's own git-root lookup (core's findGitRoot, which honours it as git
// does), from ever looking at those shared directories or anything above them. Child
// processes (the built `codex` binary, the SDKs' children, git) inherit it.
import { realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter } from 'node:path';

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

// Commands the tests run through `bash -lc` read the host's login profile. A profile that
// runs `pyenv init` takes a lock file in pyenv's shims directory; a command killed at that
// moment (tests kill commands on purpose) leaves the lock behind and every later login shell
// waits 60 s for it. One second is plenty for a real rehash and keeps such a host usable.
process.env.PYENV_REHASH_TIMEOUT ??= '1';
