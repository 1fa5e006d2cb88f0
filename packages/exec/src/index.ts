/**
 * @codex-ts/exec: `codex exec`, one task run headless. Renders the engine's events as
 * human text (progress on stderr, the final message on stdout) or as Codex's JSONL
 * ThreadEvents (`--json`). Explicit exports only.
 */

/** The package name. */
export const PACKAGE_NAME = '@codex-ts/exec';

export { runExec, useColor, EXIT_INTERRUPTED } from './run-exec.js';
export type { ColorMode, ExecIo, ExecOptions, ResumeOptions, TextSink } from './options.js';
export { JsonlEventProcessor, execUsage, fileChangeKind, fileUpdateChanges } from './event-processor-jsonl.js';
export { HumanEventProcessor, formatDuration, durationMs, MAX_OUTPUT_LINES, type HumanOutputOptions } from './event-processor-human.js';
export { configSummaryEntries, summarizeSandboxPolicy, type SummaryConfig } from './config-summary.js';
export { readPrompt, type PromptStdin } from './prompt.js';
export { loadOutputSchema } from './output-schema.js';
export { isTrustedDirectory, NOT_TRUSTED_MESSAGE } from './trust.js';
export { sandboxModeFromFlags } from './prepare.js';
export { ExecError, type ExecErrorCode } from './errors.js';
