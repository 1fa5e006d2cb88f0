import { describe, expect, it } from 'vitest';
import {
  AskForApprovalSchema,
  AskForApprovalWireSchema,
  ReviewDecisionSchema,
  ReviewDecisionWireSchema,
  SandboxPolicySchema,
  SandboxPolicyWireSchema,
} from '../src/index.js';
import { expectRoundTrip, issuesOf } from './helpers.js';

describe('policies', () => {
  it('accepts the four approval policies and nothing else', () => {
    expect(AskForApprovalSchema.options).toEqual(['untrusted', 'on-failure', 'on-request', 'never']);
    expect(issuesOf(AskForApprovalSchema, 'on_request')).toEqual([{ path: [], code: 'invalid_value' }]);
    expect(expectRoundTrip(AskForApprovalWireSchema, { granular: { sandbox_approval: true } })).toEqual({
      granular: { sandbox_approval: true },
    });
  });

  it('round-trips the 0.47 (mode-tagged) and later (type-tagged) sandbox policies', () => {
    const full = {
      mode: 'workspace-write',
      writable_roots: ['/a'],
      network_access: true,
      exclude_tmpdir_env_var: false,
      exclude_slash_tmp: false,
    };
    expect(expectRoundTrip(SandboxPolicySchema, full)).toEqual(full);
    expect(expectRoundTrip(SandboxPolicySchema, { mode: 'danger-full-access' })).toEqual({ mode: 'danger-full-access' });
    expect(expectRoundTrip(SandboxPolicyWireSchema, { type: 'external-sandbox', network_access: 'enabled' })).toEqual({
      type: 'external-sandbox',
      network_access: 'enabled',
    });
  });

  it('rejects an unknown sandbox mode and a wrong field type', () => {
    expect(issuesOf(SandboxPolicySchema, { mode: 'yolo' })).toEqual([{ path: ['mode'], code: 'invalid_union' }]);
    expect(issuesOf(SandboxPolicySchema, { mode: 'workspace-write', writable_roots: '/a' })).toEqual([
      { path: ['writable_roots'], code: 'invalid_type' },
    ]);
  });

  it('knows the review decisions, including later amendments on the wire', () => {
    expect(ReviewDecisionSchema.options).toEqual(['approved', 'approved_for_session', 'denied', 'abort']);
    const amendment = { approved_execpolicy_amendment: { proposed_execpolicy_amendment: ['git', 'push'] } };
    expect(expectRoundTrip(ReviewDecisionWireSchema, amendment)).toEqual(amendment);
  });
});
