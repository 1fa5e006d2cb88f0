// The tool-call vocabulary of the engine: a call as the model made it, the context a handler
// gets, and the output that goes back into history.
import { CoreError } from '../errors.js';
import type { EventMsg, ReviewDecision, SandboxPolicy, AskForApproval } from '@codex-ts/protocol';
import type { Policy } from '@codex-ts/execpolicy';
import type { Logger } from 'pino';
import type { ToolSpec } from '../client/types.js';
import type { ShellEnvironmentPolicy } from '../config/types.js';
import type { UnifiedExecManager } from '../unified-exec/manager.js';

/** A tool call from the model, normalised over function/custom/local_shell items. */
export type ToolCall =
  | { kind: 'function'; name: string; call_id: string; arguments: string }
  | { kind: 'custom'; name: string; call_id: string; input: string }
  | {
      kind: 'local_shell';
      name: 'local_shell';
      call_id: string;
      action: { command: string[]; timeout_ms?: number | null; working_directory?: string | null; env?: Record<string, string> | null };
    };

/** What a handler returns: text for the model, and whether the call succeeded. */
export interface ToolResult {
  content: string;
  success?: boolean;
  /** Rich output (text and images) sent instead of `content` when present (MCP results). */
  contentItems?: Array<{ type: 'input_text'; text: string } | { type: 'input_image'; image_url: string }>;
  /** `tool_search` results: sent back as a `tool_search_output` item's `tools`. */
  searchTools?: Record<string, unknown>[];
}

/** The turn's settings a tool needs. */
export interface TurnSettings {
  cwd: string;
  approval_policy: AskForApproval;
  sandbox_policy: SandboxPolicy;
  shell_environment_policy: ShellEnvironmentPolicy;
  /** Whether the freeform apply_patch tool is in the prompt (changes shell output format). */
  freeform_apply_patch: boolean;
  /** `[sandbox]` table from config (backend choice, limits), passed to the sandbox layer. */
  sandbox_config: Record<string, unknown>;
}

/** Services a handler uses; the session implements them. */
export interface ToolContext {
  /** The submission id of the running turn (approval requests carry it). */
  sub_id: string;
  turn: TurnSettings;
  signal: AbortSignal;
  emit(msg: EventMsg): void;
  /** Ask the user; resolves `denied` when the turn is aborted. */
  requestApproval(msg: EventMsg): Promise<ReviewDecision>;
  /** Commands the user approved for the session (normalised keys). */
  approvedForSession: Set<string>;
  /** Path of apply-patch-child.cjs (default: beside core's bundle). */
  applyPatchChild?: string;
  /** Attach an image to the next model request. */
  attachImage(dataUrl: string): void;
  /** Rules from CODEX_HOME/rules, when any. */
  execPolicy?: Policy;
  /** The session's unified-exec processes (exec_command / write_stdin). */
  unifiedExec?: UnifiedExecManager;
  /** Audit-trail hook: every approval decision. */
  audit?(entry: Record<string, unknown>): void;
  /** The session's log (handler failures are written here with their stack). */
  log?: Logger;
}

/** One tool: its spec for the model and its handler. */
export interface ToolHandler {
  name: string;
  spec: ToolSpec;
  handle(call: ToolCall, ctx: ToolContext): Promise<ToolResult>;
}

/** An error whose message the model should read as the tool's output. */
export class ToolInputError extends CoreError<'tool_input'> {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('tool_input', message, options);
  }
}
