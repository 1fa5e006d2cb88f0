import { defineConfig } from 'tsup';
import { library } from '../../tsup.base.js';

// walk-worker.js is started as a worker thread next to the module that uses it.
export default defineConfig(library({ entry: ['src/index.ts', 'src/cli.ts', 'src/walk-worker.ts'] }));
