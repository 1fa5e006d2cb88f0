// Config profiles the two ways Codex 0.169 reads them: a profile file
// `$CODEX_HOME/<name>.config.toml` layered over config.toml (selected with `--profile`), and
// the legacy `[profiles.<name>]` table (selected with `--profile` or `profile = "<name>"`).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './errors.js';
import { readTomlFile } from './toml-source.js';
import { validateConfigDoc } from './validate.js';

type Table = Record<string, unknown>;
const isTable = (v: unknown): v is Table => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A profile file name may only be a plain word (it becomes part of a path). */
const PROFILE_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** The file a `--profile NAME` reads when it exists. */
export function profileFilePath(codexHome: string, name: string): string {
  return join(codexHome, `${name}.config.toml`);
}

/** Deep-merge `over` onto `base` (tables merge, everything else replaces); returns `base`. */
export function mergeTables(base: Table, over: Table): Table {
  for (const [k, v] of Object.entries(over)) {
    const cur = base[k];
    base[k] = isTable(cur) && isTable(v) ? mergeTables({ ...cur }, v) : v;
  }
  return base;
}

/** A profile file layered over config.toml, or undefined when `--profile NAME` has no file. */
export interface ProfileLayer {
  file: string;
  text: string;
  doc: Table;
}

/**
 * The profile file for `--profile NAME`, validated, or undefined when there is none. Like
 * Codex, a profile file may not coexist with a legacy `[profiles.NAME]` table or
 * `profile = "NAME"` in config.toml for the same name.
 */
export function loadProfileFile(codexHome: string, name: string, baseDoc: Table, baseFile: string): ProfileLayer | undefined {
  if (!PROFILE_FILE_NAME.test(name)) {
    if (isTable(baseDoc.profiles) && isTable(baseDoc.profiles[name])) return undefined;
    throw new ConfigError('unknown_profile', `invalid profile name \`${name}\`: use letters, digits, \`-\` and \`_\` only.`, { key: 'profile' });
  }
  const file = profileFilePath(codexHome, name);
  if (!existsSync(file)) return undefined;
  const legacySelected = baseDoc.profile === name;
  const legacyTable = isTable(baseDoc.profiles) && name in baseDoc.profiles;
  if (legacySelected || legacyTable) {
    throw new ConfigError(
      'unknown_profile',
      `--profile \`${name}\` cannot be used while ${baseFile} contains legacy \`profile = "${name}"\` or \`[profiles.${name}]\` config; ` +
        `move those settings into ${file} and remove the legacy profile selector/table.`,
      { file: baseFile, key: 'profile' },
    );
  }
  const source = readTomlFile(file);
  if (!source) return undefined;
  validateConfigDoc(source.doc, { file, text: source.text });
  return { file, text: source.text, doc: source.doc };
}

/** The error for a profile that exists neither as a file nor as a table. */
export function unknownProfileError(name: string, doc: Table, codexHome: string, configFile: string): ConfigError {
  const known = isTable(doc.profiles) ? Object.keys(doc.profiles) : [];
  return new ConfigError(
    'unknown_profile',
    `config profile \`${name}\` not found: no ${profileFilePath(codexHome, name)} and no [profiles.${name}] table in ${configFile}` +
      (known.length ? ` (profiles defined there: ${known.join(', ')})` : ''),
    { file: configFile, key: 'profile' },
  );
}
