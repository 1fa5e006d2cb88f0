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
    // The binary: ONE CommonJS file with everything inlined, so starting `apply_patch` loads a
    // single module through the CJS loader (cheaper than the ESM loader and a module graph).
    entry: { apply_patch: 'src/cli.ts' },
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
