// Which command tools a model gets, as Codex 0.169 chooses them: the unified-exec pair
// (exec_command + write_stdin) for current models (gpt-5.1 and later), the classic `shell`
// for older models and for Chat-wire providers; `[features]` / `--enable` / `--disable`
// override (`unified_exec`, `shell_tool`, `apply_patch_freeform`).
import type { FeatureSettings } from '../config/features.js';
import type { ModelFamily } from './model-info.js';

/** The command tool family and the apply_patch variant of one session. */
export interface ToolSetChoice {
  shell: 'unified_exec' | 'shell' | 'disabled';
  applyPatch: 'freeform' | 'function';
}

/** Models trained on exec_command/write_stdin: gpt-5.1 and later, gpt-6+. */
export function prefersUnifiedExec(slug: string): boolean {
  const s = slug.toLowerCase();
  return /^gpt-5\.\d/.test(s) || /^gpt-([6-9]|\d{2,})(\b|[.-])/.test(s);
}

/** The tool set for a model on a wire, with explicit feature settings applied. */
export function chooseToolSet(family: ModelFamily, wireApi: 'responses' | 'chat', features: FeatureSettings): ToolSetChoice {
  let shell: ToolSetChoice['shell'];
  if (features.shell_tool === false) shell = 'disabled';
  else if (features.unified_exec !== undefined) shell = features.unified_exec ? 'unified_exec' : 'shell';
  else shell = wireApi === 'responses' && prefersUnifiedExec(family.slug) ? 'unified_exec' : 'shell';
  let applyPatch = family.applyPatchTool;
  // The freeform (custom) tool exists only on the Responses wire.
  if (features.apply_patch_freeform !== undefined) applyPatch = features.apply_patch_freeform && wireApi === 'responses' ? 'freeform' : 'function';
  return { shell, applyPatch };
}
