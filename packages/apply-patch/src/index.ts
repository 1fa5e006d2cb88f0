/** @codex-ts/apply-patch: Codex's patch language: parser, fuzzy matcher, atomic application, invocation detection, diffs, the freeform tool grammar, and the apply_patch binary. */
export const PACKAGE_NAME = '@codex-ts/apply-patch';

export { ApplyPatchError } from './errors.js';
export type { ApplyPatchErrorCode, MatchFailureDetail } from './errors.js';
export { parsePatch } from './parser.js';
export type { Hunk, ParsedPatch, UpdateFileChunk } from './parser.js';
export { seekSequence } from './seek-sequence.js';
export { applyPatch, commitPlan, formatSummary, planPatch } from './apply.js';
export type { AffectedPaths, ApplyPatchOptions, ApplyPatchResult, FileChange, PatchPlan } from './apply.js';
export type { PlannedWrite } from './commit.js';
export { unifiedDiff } from './unified-diff.js';
export {
  extractHeredoc,
  maybeParseApplyPatch,
  maybeParseApplyPatchVerified,
  shellScriptOf,
} from './invocation.js';
export type { ApplyPatchAction, MaybeApplyPatch, MaybeApplyPatchVerified } from './invocation.js';
export {
  APPLY_PATCH_FREEFORM_TOOL,
  APPLY_PATCH_JSON_DESCRIPTION,
  APPLY_PATCH_JSON_TOOL,
  APPLY_PATCH_LARK_GRAMMAR,
} from './tool-spec.js';
export type { FreeformToolSpec, FunctionToolSpec } from './tool-spec.js';
