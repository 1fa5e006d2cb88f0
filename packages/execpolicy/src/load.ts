// Loading rules from disk: explicit files (the `--rules` flags) or every `*.rules`
// file of `CODEX_HOME/rules/`, sorted by name. All-or-nothing: any failure throws.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ExecPolicyError } from './errors.js';
import { PolicyParser, type PolicyParserOptions } from './parser.js';
import type { Policy } from './policy.js';

/** The rules directory of a Codex home: `CODEX_HOME/rules`. */
export function rulesDirFor(codexHome: string): string {
  return join(codexHome, 'rules');
}

/** Reads and parses `paths` in order into one Policy; the first bad file throws. */
export async function loadPolicyFiles(paths: readonly string[], options: PolicyParserOptions = {}): Promise<Policy> {
  const parser = new PolicyParser(options);
  for (const path of paths) {
    let contents: string;
    try {
      contents = await readFile(path, 'utf8');
    } catch (err: unknown) {
      throw new ExecPolicyError('read-failed', `failed to read rules file ${path}: ${(err as Error).message}`, { cause: err });
    }
    parser.parse(path, contents);
  }
  return parser.build();
}

/** The `*.rules` regular files of `dir`, sorted; empty when the directory does not exist. */
export async function listRulesFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err: unknown) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new ExecPolicyError('read-failed', `failed to read rules files from ${dir}: ${(err as Error).message}`, { cause: err });
  }
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.rules') && e.name !== '.rules')
    .map((e) => join(dir, e.name))
    .sort();
}

/** Loads every `CODEX_HOME/rules/*.rules` file into one Policy (empty if there are none). */
export async function loadRulesFromCodexHome(codexHome: string, options: PolicyParserOptions = {}): Promise<Policy> {
  return loadPolicyFiles(await listRulesFiles(rulesDirFor(codexHome)), options);
}
