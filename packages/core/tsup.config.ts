import { defineConfig } from 'tsup';
import { library, standaloneCjs } from '../../tsup.base.js';

export default defineConfig([
  library({ clean: false }),
  // The apply_patch child core runs inside the sandbox, once per patch: one self-contained
  // CommonJS file (no node_modules, no ESM loader or module graph at run time), so it starts
  // about as fast as an empty node script, and ships beside any bundle of core.
  standaloneCjs({ 'apply-patch-child': 'src/apply-patch-child.ts' }),
]);
