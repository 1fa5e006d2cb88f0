import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/embed.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  // Bundled so the first frame does not wait on resolving a tree of small ESM files.
  noExternal: ['string-width', 'strip-ansi', 'ansi-regex', 'get-east-asian-width', 'emoji-regex'],
});
