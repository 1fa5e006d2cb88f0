import { describe, expect, it } from 'vitest';
import { annotationsRequireApproval, planApproval, requiresApproval } from './approval.js';

describe('MCP tool approval', () => {
  it('reads annotations as Codex 0.169 does', () => {
    expect(annotationsRequireApproval({ readOnlyHint: true })).toBe(false);
    expect(annotationsRequireApproval({ readOnlyHint: true, destructiveHint: true })).toBe(true);
    expect(annotationsRequireApproval(undefined)).toBe(true);
    expect(annotationsRequireApproval({ readOnlyHint: false, destructiveHint: false, openWorldHint: false })).toBe(false);
    expect(annotationsRequireApproval({ destructiveHint: false })).toBe(true);
  });

  it('applies the approval modes', () => {
    expect(requiresApproval(undefined, 'approve')).toBe(false);
    expect(requiresApproval({ readOnlyHint: true }, 'prompt')).toBe(true);
    expect(requiresApproval({ readOnlyHint: true }, 'writes')).toBe(false);
    expect(requiresApproval({ destructiveHint: false, openWorldHint: false }, 'writes')).toBe(true);
  });

  it('plans by policy', () => {
    const base = { hints: { destructiveHint: true }, mode: 'auto' as const, approvedForSession: false };
    expect(planApproval({ ...base, approvalPolicy: 'never', sandboxPolicy: { mode: 'danger-full-access' } })).toEqual({ kind: 'run' });
    expect(planApproval({ ...base, approvalPolicy: 'never', sandboxPolicy: { mode: 'read-only' } })).toEqual({ kind: 'refuse', message: 'MCP tool call requires approval, but approval policy is never' });
    expect(planApproval({ ...base, approvalPolicy: 'on-request', sandboxPolicy: { mode: 'read-only' } })).toEqual({ kind: 'ask', remember: true });
    expect(planApproval({ ...base, approvedForSession: true, approvalPolicy: 'on-request', sandboxPolicy: { mode: 'read-only' } })).toEqual({ kind: 'run' });
    expect(planApproval({ ...base, mode: 'prompt', approvedForSession: true, approvalPolicy: 'on-request', sandboxPolicy: { mode: 'read-only' } })).toEqual({ kind: 'ask', remember: false });
    expect(planApproval({ ...base, mode: 'approve', approvalPolicy: 'never', sandboxPolicy: { mode: 'read-only' } })).toEqual({ kind: 'run' });
  });
});
