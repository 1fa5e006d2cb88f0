// The `[features]` flags codex-ts reads, for `--enable/--disable FEATURE`: a flag nothing
// reads would be silently ignored, so those flags refuse it instead. Add a name here when
// a package starts reading `features.<name>`.
import { ConfigError } from './errors.js';

/** Feature flags with an effect in codex-ts. */
export const KNOWN_FEATURES: readonly string[] = ['web_search_request', 'web_search_cached'];

/**
 * `-c features.NAME=true|false` overrides for `--enable` / `--disable`; throws a ConfigError
 * naming the flag and the known features for a name codex-ts does not act on.
 */
export function featureOverrides(enable: readonly string[] = [], disable: readonly string[] = []): string[] {
  const out: string[] = [];
  for (const [flag, names, value] of [['--enable', enable, true], ['--disable', disable, false]] as const) {
    for (const name of names) {
      if (!KNOWN_FEATURES.includes(name)) {
        throw new ConfigError('invalid_value', `${flag} ${name}: unknown feature (codex-ts acts on: ${KNOWN_FEATURES.join(', ')}).`, { key: `features.${name}` });
      }
      out.push(`features.${name}=${value}`);
    }
  }
  return out;
}
