/** @codex-ts/execpolicy: Codex prefix-rule policy files (*.rules, a Starlark subset): parser, evaluation, and the execpolicy check logic. */
export const PACKAGE_NAME = '@codex-ts/execpolicy';
