/** @codex-ts/apply-patch: Codex's patch language: parser, fuzzy matcher, atomic application, invocation detection, diffs, the freeform tool grammar, and the apply_patch binary. */
export const PACKAGE_NAME = '@codex-ts/apply-patch';
