import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm'],
    dts: true,
    clean: false,
    target: 'node20',
    platform: 'node',
    sourcemap: true,
  },
  {
    // The apply_patch child core runs inside the sandbox, once per patch: one self-contained
    // CommonJS file (no node_modules, no ESM loader or module graph at run time), so it starts
    // about as fast as an empty node script, and ships beside any bundle of core.
    entry: { 'apply-patch-child': 'src/apply-patch-child.ts' },
    format: ['cjs'],
    outExtension: () => ({ js: '.cjs' }),
    noExternal: [/.*/],
    splitting: false,
    dts: false,
    clean: false,
    target: 'node20',
    platform: 'node',
    sourcemap: false,
  },
]);
