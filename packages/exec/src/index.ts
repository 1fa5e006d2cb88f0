/** @codex-ts/exec: codex exec: runs one task headless and renders the events as human text (stderr) or Codex JSONL (--json). */
export const PACKAGE_NAME = '@codex-ts/exec';
