// Which onboarding steps a run needs. Both checks are a handful of lookups in what is already
// loaded (env, the parsed config) plus a stat or two, so a configured machine pays nothing:
// - sign-in: the provider uses OpenAI auth, no key in the environment and no stored
//   credentials (auth.json; the keyring only when configured and auth.json is absent);
// - trust: the directory is in a git repository, config.toml records no trust decision for
//   it (or an ancestor), and neither the command line nor config.toml chose a sandbox or
//   approval mode (Codex's rule: an explicit choice means the user has decided).
import { existsSync, realpathSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { TuiOptions } from '../options.js';
import { recordedTrust } from './trust-config.js';

type Core = typeof import('@codex-ts/core');
type Config = import('@codex-ts/core').Config;

export interface OnboardingNeeds {
  signIn: boolean;
  /** The directory to trust (the git root), when the trust step is needed. */
  trustTarget?: string;
}

function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

function within(dir: string, root: string): boolean {
  if (!root.startsWith(sep)) return false;
  const d = real(dir);
  const r = real(root);
  return d === r || d.startsWith(r.endsWith(sep) ? r : r + sep);
}

/** Whether no credential for OpenAI auth exists (the sign-in step is needed). */
export async function needsSignIn(config: Config, env: NodeJS.ProcessEnv): Promise<boolean> {
  const p = config.model_provider;
  if (!p.requires_openai_auth || p.experimental_bearer_token) return false;
  if (env.OPENAI_API_KEY?.trim() || env.CODEX_API_KEY?.trim() || env.CODEX_ACCESS_TOKEN?.trim()) return false;
  if (existsSync(join(config.codex_home, 'auth.json'))) return false;
  const mode = config.toml['cli_auth_credentials_store'];
  if (mode === undefined || mode === 'file') return true;
  try {
    const login = await import('@codex-ts/login');
    const stored = await login.createAuthStore({ codexHome: config.codex_home, mode: login.parseStoreMode(mode) }).load();
    return !stored;
  } catch {
    return true; // an unreadable keyring is no credential; signing in again stores one
  }
}

/** The directory the trust step would trust, or undefined when the step is not needed. */
export function trustTarget(core: Core, config: Config, options: TuiOptions, env: NodeJS.ProcessEnv): string | undefined {
  if (options.sandbox || options.approvalPolicy || options.fullAuto || options.dangerouslyBypassApprovalsAndSandbox) return undefined;
  const toml = config.toml;
  if (toml['sandbox_mode'] !== undefined || toml['approval_policy'] !== undefined) return undefined;
  const profileName = options.profile ?? (typeof toml['profile'] === 'string' ? toml['profile'] : undefined);
  const profiles = toml['profiles'] as Record<string, Record<string, unknown>> | undefined;
  const profile = profileName !== undefined ? profiles?.[profileName] : undefined;
  if (profile && (profile['sandbox_mode'] !== undefined || profile['approval_policy'] !== undefined)) return undefined;
  if (recordedTrust(toml['projects'], config.cwd, within) !== undefined) return undefined;
  const root = core.findGitRoot(config.cwd, env);
  if (root === null) return undefined;
  // A linked worktree's decision is its main checkout's (as Codex records it); a `.git` file
  // that does not lead back to a main checkout keeps the worktree's own root.
  const main = core.mainCheckoutOf(root);
  if (main !== null && recordedTrust(toml['projects'], main, within) !== undefined) return undefined;
  return main ?? real(root);
}

/** Both checks. */
export async function onboardingNeeds(core: Core, config: Config, options: TuiOptions, env: NodeJS.ProcessEnv): Promise<OnboardingNeeds> {
  const target = trustTarget(core, config, options, env);
  return { signIn: await needsSignIn(config, env), ...(target !== undefined ? { trustTarget: target } : {}) };
}
