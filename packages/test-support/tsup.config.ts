import { defineConfig } from 'tsup';
import { library } from '../../tsup.base.js';

// cli.js is the codex-test-model binary; only the library entry gets types.
export default defineConfig(library({ entry: ['src/index.ts', 'src/cli.ts'], dts: { entry: 'src/index.ts' } }));
