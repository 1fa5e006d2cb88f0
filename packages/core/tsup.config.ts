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
    // The apply_patch child core runs inside the sandbox: one self-contained ESM file (no
    // node_modules at run time, so it starts fast and ships beside any bundle of core).
    entry: { 'apply-patch-child': 'src/apply-patch-child.ts' },
    format: ['esm'],
    noExternal: [/.*/],
    splitting: false,
    dts: false,
    clean: false,
    target: 'node20',
    platform: 'node',
    sourcemap: false,
  },
]);
