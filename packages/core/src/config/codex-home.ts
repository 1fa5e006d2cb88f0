// Locates CODEX_HOME: `$CODEX_HOME` (must exist; canonicalised) or `~/.codex`.
import { realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './errors.js';

/** Resolve the Codex home directory the way Codex does. `~/.codex` need not exist yet. */
export function findCodexHome(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.CODEX_HOME;
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    let st;
    try {
      st = statSync(fromEnv);
    } catch (err: unknown) {
      throw new ConfigError(
        'codex_home_missing',
        `CODEX_HOME points to ${fromEnv}, which does not exist. Create the directory or unset CODEX_HOME.`,
        { file: fromEnv, cause: err },
      );
    }
    if (!st.isDirectory()) {
      throw new ConfigError('codex_home_missing', `CODEX_HOME points to ${fromEnv}, which is not a directory.`, {
        file: fromEnv,
      });
    }
    return realpathSync(fromEnv);
  }
  return join(env.HOME && env.HOME !== '' ? env.HOME : homedir(), '.codex');
}
