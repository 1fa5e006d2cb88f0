// vitest globalSetup: one hermetic HOME for the whole run, made before the first test file and
// removed after the last (a fresh mkdtemp each run, so runs at the same time never share or
// remove each other's). Commands the tests run through `bash -lc` would read the host's login
// profile, which makes results depend on the host: a profile running `pyenv init` rehashes
// under a lock file, and a shell killed at that moment (tests kill commands on purpose) leaves
// the lock behind, after which every login shell waits and prints pyenv's complaint into the
// command's output. So the tests get a HOME of their own: every entry of the real one (git
// identity, npm's cache and config, ...) linked in, except the shell start-up files and
// ~/.codex (a test that forgets CODEX_HOME must not touch the real one). scripts/test-setup.ts
// points each test file's HOME at it; removing it removes the links, never what they point to.
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SHELL_STARTUP = new Set(['.codex', '.bashrc', '.bash_profile', '.bash_login', '.bash_logout', '.profile', '.zshrc', '.zprofile', '.zshenv', '.zlogin']);

export default function setup(): (() => void) | undefined {
  const realHome = process.env.CODEX_TEST_REAL_HOME ?? process.env.HOME;
  if (!realHome || !existsSync(realHome)) return undefined;
  const home = mkdtempSync(join(tmpdir(), 'codex-test-home-'));
  for (const name of readdirSync(realHome)) {
    if (!SHELL_STARTUP.has(name)) symlinkSync(join(realHome, name), join(home, name));
  }
  // Test workers are started after this and inherit it.
  process.env.CODEX_TEST_HOME = home;
  process.env.CODEX_TEST_REAL_HOME = realHome;
  return () => rmSync(home, { recursive: true, force: true });
}
