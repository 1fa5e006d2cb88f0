import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

const KEEP_EXTERNAL = ['@codex-ts/linux-sandbox', '@codex-ts/file-search', 'blessed', '@lydell/node-pty', '@napi-rs/keyring'];

// The `codex` binary is bundled (pure-JS deps inlined, split into lazily loaded chunks) so
// start-up reads one small entry file; native or path-dependent deps stay external.
export default defineConfig({
  entry: { cli: 'src/cli.ts', index: 'src/index.ts' },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts' } },
  clean: true,
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  splitting: true,
  // Everything is inlined except packages that find files next to their own dist (the
  // sandbox helper, worker scripts) and native or path-dependent deps.
  noExternal: [new RegExp(`^(?!(${KEEP_EXTERNAL.map((s) => s.replace('/', '\\/')).join('|')})(/|$))`)],
  external: KEEP_EXTERNAL,
  define: { __CODEX_TS_VERSION__: JSON.stringify(pkg.version) },
  banner: { js: "import { createRequire as __codexCreateRequire } from 'node:module'; const require = __codexCreateRequire(import.meta.url);" },
});
