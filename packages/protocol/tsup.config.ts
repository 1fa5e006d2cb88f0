import { defineConfig } from 'tsup';

export default defineConfig({
  // term-text has its own entry: front ends load it on their first frame without zod.
  entry: ['src/index.ts', 'src/term-text.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  target: 'node20',
  platform: 'node',
  sourcemap: true,
});
