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
  // protocol's term-text (pure, no zod) is inlined too: the first frame's styles sanitise through it.
  noExternal: ['string-width', 'strip-ansi', 'ansi-regex', 'get-east-asian-width', 'emoji-regex', '@codex-ts/protocol/term-text'],
});
