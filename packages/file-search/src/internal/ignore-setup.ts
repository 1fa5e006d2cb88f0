// Finds the ignore sources that apply before the walk starts: the enclosing git repository,
// .gitignore/.ignore files between its top and the search root, .git/info/exclude, the
// global excludes file (core.excludesFile, else $XDG_CONFIG_HOME/git/ignore or
// ~/.config/git/ignore) and the caller's --exclude globs. Also decides precedence.

import { readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { IGNORE, NONE, RuleSet, parseRules } from './ignore-rules.js';

/** Ignore files of one directory; directories without ignore files share their parent's node. */
export interface IgnoreNode {
  /** Directory (relative to the search root, '' for the root) whose files these are; unset above the root. */
  readonly dir?: string;
  readonly gitignore: RuleSet | null;
  readonly ignore: RuleSet | null;
  readonly parent: IgnoreNode | null;
}

/** Everything the walker needs to decide whether a path is ignored. */
export interface IgnoreSetup {
  /** False when the caller disabled ignore files; overrides still apply. */
  readonly respectIgnoreFiles: boolean;
  /** `--exclude` globs (matched relative to the search root; highest precedence). */
  readonly overrides: RuleSet | null;
  /** Ignore files of directories above the search root (inside the repository). */
  readonly rootNode: IgnoreNode | null;
  readonly gitExclude: RuleSet | null;
  readonly globalExclude: RuleSet | null;
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    // Missing or unreadable ignore sources simply contribute no rules (as in git).
    return null;
  }
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Load one ignore file as a RuleSet, or null when absent or empty. */
export function loadRuleSet(path: string, base: string, outerPrefix: string): RuleSet | null {
  const text = readText(path);
  if (text === null) return null;
  const rules = parseRules(text);
  return rules.length ? new RuleSet(rules, base, outerPrefix) : null;
}

/** Read `core.excludesFile` from git config text; the last assignment wins. */
export function parseExcludesFile(configText: string): string | null {
  let section = '';
  let found: string | null = null;
  for (const raw of configText.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const sec = /^\[\s*([A-Za-z0-9.-]+)(?:\s+"[^"]*")?\s*\]\s*(.*)$/.exec(line);
    if (sec) {
      section = sec[1]!.toLowerCase();
      if (!sec[2]) continue;
    }
    if (section !== 'core') continue;
    const kv = /^excludesfile\s*=\s*(.*)$/i.exec(sec ? sec[2]! : line);
    if (!kv) continue;
    let value = kv[1]!;
    if (value.startsWith('"')) {
      const close = value.indexOf('"', 1);
      value = close > 0 ? value.slice(1, close) : value.slice(1);
    } else {
      value = value.replace(/\s[#;].*$/, '').trim();
    }
    found = value;
  }
  return found;
}

/** Path of the global excludes file for `env`, or null when none is configured or present. */
export function globalExcludesPath(env: NodeJS.ProcessEnv, repoTop: string | null): string | null {
  const home = env.HOME ?? env.USERPROFILE ?? '';
  const xdg = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME !== '' ? env.XDG_CONFIG_HOME : home ? join(home, '.config') : '';
  const configs: string[] = [];
  if (env.GIT_CONFIG_GLOBAL) configs.push(env.GIT_CONFIG_GLOBAL);
  else {
    if (xdg) configs.push(join(xdg, 'git', 'config'));
    if (home) configs.push(join(home, '.gitconfig'));
  }
  if (repoTop && isDir(join(repoTop, '.git'))) configs.push(join(repoTop, '.git', 'config'));
  let value: string | null = null;
  for (const c of configs) {
    const text = readText(c);
    if (text === null) continue;
    const v = parseExcludesFile(text);
    if (v !== null) value = v;
  }
  if (value !== null) {
    if (value === '') return null;
    if (value.startsWith('~/') && home) value = join(home, value.slice(2));
    return isAbsolute(value) ? value : resolve(repoTop ?? '.', value);
  }
  return xdg ? join(xdg, 'git', 'ignore') : null;
}

/** Nearest directory at or above `dir` holding a `.git` entry (directory or gitdir file). */
export function findRepoTop(dir: string): string | null {
  let cur = dir;
  for (;;) {
    if (exists(join(cur, '.git'))) return cur;
    const up = dirname(cur);
    if (up === cur) return null;
    cur = up;
  }
}

function gitInfoExclude(repoTop: string): string {
  const dotGit = join(repoTop, '.git');
  if (isDir(dotGit)) return join(dotGit, 'info', 'exclude');
  // Worktrees and submodules: `.git` is a file saying `gitdir: <path>`.
  const text = readText(dotGit) ?? '';
  const m = /^gitdir:\s*(.+)$/m.exec(text);
  const gitDir = m ? resolve(repoTop, m[1]!.trim()) : dotGit;
  const common = readText(join(gitDir, 'commondir'));
  return join(common ? resolve(gitDir, common.trim()) : gitDir, 'info', 'exclude');
}

/** Options for {@link prepareIgnores}. */
export interface PrepareIgnoresOptions {
  respectIgnoreFiles: boolean;
  exclude: readonly string[];
  env: NodeJS.ProcessEnv;
}

/** Collect the ignore sources for a walk rooted at `root` (an absolute, real path). */
export function prepareIgnores(root: string, opts: PrepareIgnoresOptions): IgnoreSetup {
  const overrideRules = parseRules(opts.exclude.join('\n'));
  const overrides = overrideRules.length ? new RuleSet(overrideRules, '', '') : null;
  if (!opts.respectIgnoreFiles) {
    return { respectIgnoreFiles: false, overrides, rootNode: null, gitExclude: null, globalExclude: null };
  }
  const top = findRepoTop(root);
  let rootNode: IgnoreNode | null = null;
  let outer = '';
  if (top !== null && top !== root) {
    const chain: string[] = [];
    for (let d = dirname(root); ; d = dirname(d)) {
      chain.unshift(d);
      if (d === top || dirname(d) === d) break;
    }
    for (const d of chain) {
      const prefix = `${relative(d, root).split('\\').join('/')}/`;
      const gitignore = loadRuleSet(join(d, '.gitignore'), '', prefix);
      const ignore = loadRuleSet(join(d, '.ignore'), '', prefix);
      if (gitignore || ignore) rootNode = { gitignore, ignore, parent: rootNode };
    }
    outer = `${relative(top, root).split('\\').join('/')}/`;
  }
  const gitExclude = top !== null ? loadRuleSet(gitInfoExclude(top), '', outer) : null;
  const globalPath = globalExcludesPath(opts.env, top);
  const globalExclude = globalPath ? loadRuleSet(globalPath, '', outer) : null;
  return { respectIgnoreFiles: true, overrides, rootNode, gitExclude, globalExclude };
}

/**
 * Whether `rel` is ignored. Precedence follows ripgrep's `ignore` crate: overrides, then any
 * `.ignore` (deepest first), then any `.gitignore` (deepest first), then info/exclude, then
 * the global excludes.
 */
export function isIgnored(setup: IgnoreSetup, node: IgnoreNode | null, rel: string, name: string, dir: boolean): boolean {
  if (setup.overrides !== null && setup.overrides.match(rel, name, dir) === IGNORE) return true;
  let r: number = NONE;
  for (let n = node; n !== null && r === NONE; n = n.parent) {
    if (n.ignore !== null) r = n.ignore.match(rel, name, dir);
  }
  for (let n = node; n !== null && r === NONE; n = n.parent) {
    if (n.gitignore !== null) r = n.gitignore.match(rel, name, dir);
  }
  if (r === NONE && setup.gitExclude !== null) r = setup.gitExclude.match(rel, name, dir);
  if (r === NONE && setup.globalExclude !== null) r = setup.globalExclude.match(rel, name, dir);
  return r === IGNORE;
}
