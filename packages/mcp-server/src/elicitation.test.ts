import { describe, expect, it } from 'vitest';
import { decisionOf, elicitationParams } from './elicitation.js';
import { jsonToToml } from './tool-config.js';

describe('approvals through elicitation', () => {
  it('reads Codex-style and standard answers', () => {
    expect(decisionOf({ decision: 'approved_for_session' })).toBe('approved_for_session');
    expect(decisionOf({ action: 'accept' })).toBe('approved');
    expect(decisionOf({ action: 'accept', content: { decision: 'denied' } })).toBe('denied');
    expect(decisionOf({ action: 'accept', content: { decision: 'whatever' } })).toBe('approved');
    expect(decisionOf({ action: 'decline' })).toBe('denied');
    expect(decisionOf({ action: 'cancel' })).toBe('abort');
    expect(decisionOf({})).toBe('denied');
  });

  it('builds patch approval params with the codex_* fields top-level and in _meta', () => {
    const p = elicitationParams(
      { type: 'apply_patch_approval_request', call_id: 'p1', changes: { 'a.txt': { add: { content: 'x' } } }, reason: 'needs write' } as never,
      { toolCallId: '7', eventId: '3' },
    );
    const fields = { codex_mcp_tool_call_id: '7', codex_event_id: '3', codex_elicitation: 'patch-approval', codex_call_id: 'p1', codex_reason: 'needs write', codex_grant_root: null, codex_changes: { 'a.txt': { add: { content: 'x' } } } };
    expect(p).toEqual({ message: 'needs write\nAllow Codex to apply proposed code changes?', requestedSchema: { type: 'object', properties: {} }, ...fields, _meta: fields });
  });

  it('turns JSON config values into TOML values', () => {
    expect(jsonToToml({ a: [1, 'x'], 'b.c': true })).toBe('{ "a" = [1, "x"], "b.c" = true }');
  });
});
