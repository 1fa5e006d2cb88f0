// Checks of STYLE.md rules over the workspace's sources (packages/*/src, tests excluded):
// one base error class per package (§5), no `console` in package code (§7: logs go through
// pino, stdout belongs to the UI/JSONL), no source file over 800 lines (§2), no `export *`
// in an entry point (§1). Each returns human sentences; empty means the rule holds.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface SourceFile {
  /** Path relative to the repo root. */
  path: string;
  pkg: string;
  text: string;
}

/** Every non-test .ts/.mts file under packages/<pkg>/src. */
export function readSources(root: string): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (pkg: string, dir: string): void => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(pkg, p);
      else if (/\.m?ts$/.test(name) && !/\.test\.m?ts$/.test(name) && !name.endsWith('.d.ts')) {
        out.push({ path: relative(root, p), pkg, text: readFileSync(p, 'utf8') });
      }
    }
  };
  for (const pkg of readdirSync(join(root, 'packages'))) {
    const src = join(root, 'packages', pkg, 'src');
    try {
      if (statSync(src).isDirectory()) walk(pkg, src);
    } catch {
      // a package without src/ (none today) has nothing to check
    }
  }
  return out;
}

/** Strips // and /* *\/ comments and string/template contents well enough for these scans. */
function code(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:\\])\/\/.*$/gm, '$1')
    .replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, '""');
}

const BUILTIN_ERRORS = 'Error|TypeError|RangeError|SyntaxError|AggregateError';

/** `pkg: A, B` for each package with more than one class extending a built-in Error. */
export function errorClassViolations(files: SourceFile[]): Map<string, string[]> {
  const byPkg = new Map<string, string[]>();
  for (const f of files) {
    for (const m of code(f.text).matchAll(new RegExp(`\\bclass\\s+(\\w+)(?:<[^>]*>)?\\s+extends\\s+(?:${BUILTIN_ERRORS})\\b`, 'g'))) {
      byPkg.set(f.pkg, [...(byPkg.get(f.pkg) ?? []), m[1]!]);
    }
  }
  return new Map([...byPkg].filter(([, classes]) => classes.length > 1).map(([p, c]) => [p, c.sort()]));
}

/** `path:line` of every `console.` use. */
export function consoleUses(files: SourceFile[]): string[] {
  const out: string[] = [];
  for (const f of files) {
    code(f.text)
      .split('\n')
      .forEach((line, i) => {
        if (/\bconsole\s*\.\s*\w+/.test(line)) out.push(`${f.path}:${i + 1}`);
      });
  }
  return out;
}

/** `path (N lines)` for every source file over `max` lines. */
export function oversized(files: SourceFile[], max: number): string[] {
  return files.map((f) => ({ f, n: f.text.split('\n').length - (f.text.endsWith('\n') ? 1 : 0) })).filter(({ n }) => n > max).map(({ f, n }) => `${f.path} (${n} lines)`);
}

/** Entry points (src/index.ts) that re-export with `export *`. */
export function starExports(files: SourceFile[]): string[] {
  return files.filter((f) => /^packages\/[^/]+\/src\/index\.ts$/.test(f.path) && /^\s*export\s+\*/m.test(code(f.text))).map((f) => f.path);
}
