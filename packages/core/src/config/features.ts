// Codex's `[features]` switches that change what the model gets: each key is a feature name
// from Codex 0.169 (`unified_exec`, `shell_tool`, `apply_patch_freeform`, ...). Sources, in
// rising precedence: the legacy `experimental_use_*` keys, `[features]` in config.toml, the
// profile's `[profiles.X.features]`, then `--enable NAME` / `--disable NAME`. Only explicit
// settings are kept; each model family supplies its own defaults (session/tool-set.ts).
import { ConfigError } from './errors.js';

/** Feature names codex-ts interprets. */
export const KNOWN_FEATURES = [
  'unified_exec',
  'shell_tool',
  'apply_patch_freeform',
  'view_image_tool',
  'web_search_request',
  'web_search_cached',
  'plan_tool',
  'remote_compaction',
] as const;
/** A feature name codex-ts interprets. */
export type FeatureName = (typeof KNOWN_FEATURES)[number];

/** Explicit feature settings. */
export type FeatureSettings = Partial<Record<FeatureName, boolean>>;

const LEGACY_KEYS: Record<string, FeatureName> = {
  experimental_use_unified_exec_tool: 'unified_exec',
  experimental_use_exec_command_tool: 'unified_exec',
  experimental_use_freeform_apply_patch: 'apply_patch_freeform',
  include_plan_tool: 'plan_tool',
  include_view_image_tool: 'view_image_tool',
};

type Table = Record<string, unknown>;
const isTable = (v: unknown): v is Table => v !== null && typeof v === 'object' && !Array.isArray(v);
const isKnown = (k: string): k is FeatureName => (KNOWN_FEATURES as readonly string[]).includes(k);

function applyTable(out: FeatureSettings, t: Table): void {
  for (const [k, v] of Object.entries(t)) if (isKnown(k) && typeof v === 'boolean') out[k] = v;
}

/** Resolve the explicit feature settings. Unknown names on the command line are errors. */
export function resolveFeatures(opts: { doc: Table; profile: Table; enable?: readonly string[]; disable?: readonly string[] }): FeatureSettings {
  const out: FeatureSettings = {};
  for (const layer of [opts.doc, opts.profile]) {
    for (const [legacy, name] of Object.entries(LEGACY_KEYS)) if (typeof layer[legacy] === 'boolean') out[name] = layer[legacy] as boolean;
    if (isTable(layer.features)) applyTable(out, layer.features);
  }
  for (const [list, value, flag] of [[opts.enable, true, '--enable'], [opts.disable, false, '--disable']] as const) {
    for (const name of list ?? []) {
      if (!isKnown(name)) {
        throw new ConfigError('invalid_value', `${flag} ${name}: unknown feature. Known features: ${KNOWN_FEATURES.join(', ')}.`, { key: `features.${name}` });
      }
      out[name] = value;
    }
  }
  return out;
}

/**
 * `-c features.NAME=true|false` overrides for `--enable` / `--disable` (exec passes them as
 * config overrides); throws a ConfigError naming the flag and the known features for a name
 * codex-ts does not act on, so a flag is never silently ignored.
 */
export function featureOverrides(enable: readonly string[] = [], disable: readonly string[] = []): string[] {
  const out: string[] = [];
  for (const [flag, names, value] of [['--enable', enable, true], ['--disable', disable, false]] as const) {
    for (const name of names) {
      if (!isKnown(name)) {
        throw new ConfigError('invalid_value', `${flag} ${name}: unknown feature (codex-ts acts on: ${KNOWN_FEATURES.join(', ')}).`, { key: `features.${name}` });
      }
      out.push(`features.${name}=${value}`);
    }
  }
  return out;
}
