// The environment a spawned command gets, from `[shell_environment_policy]` (Codex's five
// steps), plus the sandbox markers Codex sets.
import type { ShellEnvironmentPolicy } from '../config/types.js';

const CORE_VARS = ['HOME', 'LOGNAME', 'PATH', 'SHELL', 'USER', 'USERNAME', 'TMPDIR', 'TEMP', 'TMP'];
const DEFAULT_EXCLUDES = ['*KEY*', '*SECRET*', '*TOKEN*'];

function globToRegExp(glob: string): RegExp {
  const esc = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${esc}$`, 'i');
}

/** Build the child environment from the policy and the parent's environment. */
export function createExecEnv(policy: Partial<ShellEnvironmentPolicy> | undefined, parent: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const inherit = policy?.inherit ?? 'all';
  let env: Record<string, string> = {};
  for (const [k, v] of Object.entries(parent)) {
    if (v === undefined) continue;
    if (inherit === 'all' || (inherit === 'core' && CORE_VARS.includes(k))) env[k] = v;
  }
  const drop = (patterns: string[]): void => {
    const res = patterns.map(globToRegExp);
    env = Object.fromEntries(Object.entries(env).filter(([k]) => !res.some((r) => r.test(k))));
  };
  if (!policy?.ignore_default_excludes) drop(DEFAULT_EXCLUDES);
  if (policy?.exclude && policy.exclude.length > 0) drop(policy.exclude);
  for (const [k, v] of Object.entries(policy?.set ?? {})) env[k] = String(v);
  if (policy?.include_only && policy.include_only.length > 0) {
    const res = policy.include_only.map(globToRegExp);
    env = Object.fromEntries(Object.entries(env).filter(([k]) => res.some((r) => r.test(k))));
  }
  return env;
}
