import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLayering, type PackageInfo } from './layering.js';

const root = join(import.meta.dirname, '..');

function sourceImports(dir: string): string[] {
  const found = new Set<string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|mts|js|mjs)$/.test(name)) {
        const text = readFileSync(p, 'utf8');
        for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*)['"](@codex-ts\/[a-z-]+)/g)) found.add(m[1]!);
      }
    }
  };
  walk(join(root, 'packages', dir, 'src'));
  return [...found].sort();
}

function readPackages(): PackageInfo[] {
  return readdirSync(join(root, 'packages')).map((dir) => {
    const pkg = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    return {
      dir,
      dependencies: Object.keys(pkg.dependencies ?? {}),
      devDependencies: Object.keys(pkg.devDependencies ?? {}),
      sourceImports: sourceImports(dir),
    };
  });
}

describe('package layering (STYLE.md §1)', () => {
  it('holds for every package in the workspace', () => {
    const pkgs = readPackages();
    expect(pkgs.map((p) => p.dir).sort()).toEqual([
      'apply-patch', 'cli', 'core', 'exec', 'execpolicy', 'file-search', 'fleet', 'linux-sandbox', 'login',
      'mcp-client', 'mcp-server', 'ollama', 'protocol', 'seatbelt', 'test-support', 'tui',
    ]);
    expect(checkLayering(pkgs)).toEqual([]);
  });

  it('rejects forbidden edges, dev dependencies included', () => {
    const base = (dir: string, deps: string[] = [], dev: string[] = [], src: string[] = []): PackageInfo => ({
      dir, dependencies: deps, devDependencies: dev, sourceImports: src,
    });
    expect(
      checkLayering([
        base('protocol', ['zod', 'yargs']),
        base('apply-patch', ['@codex-ts/protocol'], ['@codex-ts/execpolicy']),
        base('linux-sandbox', ['@codex-ts/core']),
        base('core', ['@codex-ts/exec']),
        base('exec', ['@codex-ts/core'], ['@codex-ts/test-support', '@codex-ts/apply-patch']),
        base('tui', ['@codex-ts/core', '@codex-ts/file-search']),
        base('mcp-server', ['@codex-ts/core'], [], ['@codex-ts/mcp-client']),
        base('cli', ['@codex-ts/exec']),
      ]),
    ).toEqual([
      'protocol may depend on zod only, but has dependency yargs',
      'apply-patch -> execpolicy (devDependency): a leaf may import only protocol (shared code becomes a new leaf)',
      'linux-sandbox -> core (dependency): a leaf may import only protocol (shared code becomes a new leaf)',
      'core -> exec (dependency): core may import only protocol and leaves',
      'exec -> apply-patch (devDependency): a front end may import only core and protocol (plus its UI-only leaves)',
      'mcp-server imports @codex-ts/mcp-client in its sources without declaring it in package.json',
    ]);
  });
});
