import { defineConfig } from 'tsup';
import { library } from '../../tsup.base.js';

// term-text has its own entry: front ends load it on their first frame without zod.
export default defineConfig(library({ entry: ['src/index.ts', 'src/term-text.ts'] }));
