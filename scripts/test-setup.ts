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

// The host's Codex and OpenAI settings never reach a test or its children: a CODEX_HOME would
// point a test that forgets its own at the real one, keys and base URLs would send requests to
// the real API, BROWSER would open the host's browser. Tests set what they need explicitly.
// Kept: CODEX_TEST_* (the suite's own switches) and CODEX_REAL_BIN (the opt-in interop test).
export const KEPT_HOST_VARS = /^CODEX_TEST_|^CODEX_REAL_BIN$/;
for (const name of Object.keys(process.env)) {
  if ((/^(CODEX|OPENAI)_/.test(name) && !KEPT_HOST_VARS.test(name)) || name === 'BROWSER') delete process.env[name];
}

// The run's hermetic HOME (made by scripts/test-home.ts, vitest's globalSetup).
if (process.env.CODEX_TEST_HOME) process.env.HOME = process.env.CODEX_TEST_HOME;
