// Approvals asked of the MCP client through `elicitation/create`, as Codex's MCP server asks
// them: exec approvals (`codex_elicitation: "exec-approval"` + command, cwd, parsed command),
// patch approvals (`"patch-approval"` + changes) and MCP tool approvals (our engine's
// elicitation_request, forwarded). The answer may be Codex's `{decision}` or a standard
// ElicitResult (`accept` → approved, or `content.decision`; `decline` → denied; `cancel` → abort).
import type { EventMsg, ReviewDecision } from '@codex-ts/protocol';
import { z } from 'zod';

const DECISIONS = ['approved', 'approved_for_session', 'denied', 'abort'] as const;

/** What a client may answer. */
export const ElicitAnswerSchema = z.looseObject({
  decision: z.enum(DECISIONS).optional(),
  action: z.enum(['accept', 'decline', 'cancel']).optional(),
  content: z.record(z.string(), z.unknown()).optional(),
});

/** The review decision an answer means. */
export function decisionOf(answer: z.infer<typeof ElicitAnswerSchema>): ReviewDecision {
  if (answer.decision) return answer.decision;
  if (answer.action === 'accept') {
    const d = answer.content?.decision;
    return typeof d === 'string' && (DECISIONS as readonly string[]).includes(d) ? (d as ReviewDecision) : 'approved';
  }
  if (answer.action === 'cancel') return 'abort';
  return 'denied';
}

function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * `elicitation/create` params for an approval event; undefined for other events. The `codex_*`
 * fields sit at the top level (where Codex put them) and are repeated in `_meta`, which SDK
 * clients keep (they drop unknown top-level params).
 */
export function elicitationParams(msg: EventMsg, ids: { toolCallId: string; eventId: string }): Record<string, unknown> | undefined {
  const p = rawParams(msg, ids);
  if (!p) return undefined;
  const meta: Record<string, unknown> = { ...((p._meta as Record<string, unknown> | undefined) ?? {}) };
  for (const [k, v] of Object.entries(p)) if (k.startsWith('codex_')) meta[k] = v;
  return { ...p, _meta: meta };
}

function rawParams(msg: EventMsg, ids: { toolCallId: string; eventId: string }): Record<string, unknown> | undefined {
  const base = { requestedSchema: { type: 'object', properties: {} }, codex_mcp_tool_call_id: ids.toolCallId, codex_event_id: ids.eventId };
  switch (msg.type) {
    case 'exec_approval_request':
      return {
        ...base,
        message: `Allow Codex to run \`${msg.command.map(shellQuote).join(' ')}\` in \`${msg.cwd}\`?`,
        codex_elicitation: 'exec-approval',
        codex_call_id: msg.call_id,
        codex_command: msg.command,
        codex_cwd: msg.cwd,
        codex_parsed_cmd: (msg as { parsed_cmd?: unknown }).parsed_cmd ?? [],
      };
    case 'apply_patch_approval_request': {
      const reason = (msg as { reason?: string | null }).reason;
      return {
        ...base,
        message: `${reason ? `${reason}\n` : ''}Allow Codex to apply proposed code changes?`,
        codex_elicitation: 'patch-approval',
        codex_call_id: msg.call_id,
        codex_reason: reason ?? null,
        codex_grant_root: (msg as { grant_root?: string | null }).grant_root ?? null,
        codex_changes: msg.changes,
      };
    }
    case 'elicitation_request':
      return {
        ...base,
        message: msg.request.message,
        requestedSchema: msg.request.requested_schema,
        ...(msg.request._meta ? { _meta: msg.request._meta } : {}),
        codex_elicitation: (msg.request._meta as Record<string, unknown> | null | undefined)?.codex_approval_kind === 'mcp_tool_call' ? 'mcp-tool-approval' : 'mcp-server-elicitation',
        codex_mcp_server: msg.server_name,
        codex_request_id: msg.id,
      };
    default:
      return undefined;
  }
}
