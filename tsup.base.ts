// The build settings every package shares, in one place (each packages/*/tsup.config.ts
// starts from these). Libraries: ESM for Node 20 with .d.ts and source maps. Child
// binaries started once per use: one self-contained CommonJS file each.
// turbo.json lists this file as a global build input, so editing it rebuilds every package.
import type { Options } from 'tsup';

/** An ESM library built from src/index.ts (or `overrides.entry`), with types and source maps. */
export function library(overrides: Options = {}): Options {
  return {
    entry: ['src/index.ts'],
    format: ['esm'],
    dts: true,
    clean: true,
    target: 'node20',
    platform: 'node',
    sourcemap: true,
    ...overrides,
  };
}

/**
 * ONE CommonJS file with every dependency inlined, named `<name>.cjs`: a child process that
 * loads a single module through the CJS loader (no ESM loader, no module graph, no
 * node_modules at run time) starts about as fast as an empty node script.
 */
export function standaloneCjs(entry: Record<string, string>): Options {
  return {
    entry,
    format: ['cjs'],
    outExtension: () => ({ js: '.cjs' }),
    noExternal: [/.*/],
    splitting: false,
    dts: false,
    clean: false,
    target: 'node20',
    platform: 'node',
    sourcemap: false,
  };
}
