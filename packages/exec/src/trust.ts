// The directory check `codex exec` makes before running: the working directory must be
// inside a git repository or a project marked trusted in config.toml, unless
// --skip-git-repo-check. The lookups themselves are core's (one rule for every caller).
import { findGitRoot, isTrustedProject } from '@codex-ts/core';

/** Codex's message when the check fails. */
export const NOT_TRUSTED_MESSAGE = 'Not inside a trusted directory and --skip-git-repo-check was not specified.';

/** Whether `dir` passes the check: inside a git work tree, or a trusted project. */
export function isTrustedDirectory(dir: string, toml: Record<string, unknown>, env: NodeJS.ProcessEnv = process.env): boolean {
  return findGitRoot(dir, env) !== null || isTrustedProject(dir, toml.projects);
}
