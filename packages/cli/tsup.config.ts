import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';
import { leanDeps } from './build/lean-deps.js';
import { library } from '../../tsup.base.js';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// Native or path-dependent packages stay external (real runtime dependencies of the
// published cli); everything else, @codex-ts/* included, is inlined.
const KEEP_EXTERNAL = ['blessed', '@lydell/node-pty', 'node-pty', '@napi-rs/keyring'];

// Core starts some files that live next to its own module (`new URL('./x', import.meta.url)`).
// Bundled, core's code lives in this dist, so those files are copied here from core's dist
// under the same names, as core built them (the apply_patch child is one self-contained
// CommonJS file, started once per patch: it must not pull this bundle's shared chunks).
const CORE_SIDE_FILES = ['apply-patch-child.cjs'];
function copyCoreSideFiles(): void {
  for (const name of CORE_SIDE_FILES) {
    const from = new URL(`../core/dist/${name}`, import.meta.url);
    if (!existsSync(from)) throw new Error(`packages/core/dist/${name} is missing: build @codex-ts/core first`);
    mkdirSync(new URL('./dist/', import.meta.url), { recursive: true });
    copyFileSync(from, new URL(`./dist/${name}`, import.meta.url));
  }
}

// The `codex` binary is bundled (pure-JS deps inlined, split into lazily loaded chunks) so
// start-up reads one small entry file and a global install needs no dependency tree.
export default defineConfig(
  library({
    // file-search starts `walk-worker.js` next to its module (worker threads); bundled, that
    // module is one of this dist's chunks, so the worker is built here too, under that name.
    entry: { cli: 'src/cli.ts', index: 'src/index.ts', 'walk-worker': '../file-search/src/walk-worker.ts' },
    dts: { entry: { index: 'src/index.ts' } },
    splitting: true,
    treeshake: true,
    // dist/metafile-esm.json: what the bundle left external (npm run pack turns it into dependencies).
    metafile: true,
    // Dependencies' start-up work deferred to first use (string-width's ICU and emoji data, zod's locales).
    esbuildPlugins: [leanDeps()],
    onSuccess: async () => copyCoreSideFiles(),
    noExternal: [new RegExp(`^(?!(${KEEP_EXTERNAL.map((s) => s.replace('/', '\\/')).join('|')})(/|$))`)],
    external: KEEP_EXTERNAL,
    define: { __CODEX_TS_VERSION__: JSON.stringify(pkg.version) },
    banner: { js: "import { createRequire as __codexCreateRequire } from 'node:module'; const require = __codexCreateRequire(import.meta.url);" },
  }),
);
