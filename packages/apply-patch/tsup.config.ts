import { defineConfig } from 'tsup';
import { library, standaloneCjs } from '../../tsup.base.js';

export default defineConfig([
  library({ clean: false }),
  // The binary: ONE CommonJS file with everything inlined, so starting `apply_patch` loads a
  // single module through the CJS loader (cheaper than the ESM loader and a module graph).
  standaloneCjs({ apply_patch: 'src/cli.ts' }),
]);
