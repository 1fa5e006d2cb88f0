import { describe, expect, it } from 'vitest';
import {
  AnyEventMsgSchema,
  EVENT_MSG_TYPES,
  EVENT_MSG_TYPES_V047,
  EventMsgSchema,
  EventSchema,
  OP_TYPES,
  OpSchema,
  SubmissionSchema,
} from '../src/index.js';
import { expectRoundTrip, fixtureLines, issuesOf } from './helpers.js';

describe('Submission / Op', () => {
  const submissions = fixtureLines('ops.jsonl');

  it('round-trips every op in the fixture, covering every Op type', () => {
    const types = submissions.map((line) => expectRoundTrip(SubmissionSchema, line).op.type);
    expect(new Set(types)).toEqual(new Set(OP_TYPES));
  });

  it('parses a user_turn into the exact object', () => {
    const op = OpSchema.parse({
      type: 'user_turn',
      items: [{ type: 'text', text: 'hi' }],
      cwd: '/ws',
      approval_policy: 'never',
      sandbox_policy: { mode: 'read-only' },
      model: 'gpt-5-codex',
      summary: 'auto',
    });
    expect(op).toEqual({
      type: 'user_turn',
      items: [{ type: 'text', text: 'hi' }],
      cwd: '/ws',
      approval_policy: 'never',
      sandbox_policy: { mode: 'read-only' },
      model: 'gpt-5-codex',
      summary: 'auto',
    });
  });

  it('rejects an unknown op type at the discriminator', () => {
    expect(issuesOf(SubmissionSchema, { id: '1', op: { type: 'explode' } })).toEqual([
      { path: ['op', 'type'], code: 'invalid_union' },
    ]);
  });

  it('rejects wrong field types with their paths', () => {
    expect(issuesOf(OpSchema, { type: 'exec_approval', id: '1', decision: 'yes' })).toEqual([
      { path: ['decision'], code: 'invalid_value' },
    ]);
    expect(
      issuesOf(OpSchema, {
        type: 'user_turn',
        items: [{ type: 'text', text: 1 }],
        cwd: '/ws',
        approval_policy: 'on-request',
        sandbox_policy: { mode: 'workspace-write', network_access: 'no' },
        model: 'm',
        summary: 'auto',
      }),
    ).toEqual([
      { path: ['items', 0, 'text'], code: 'invalid_type' },
      { path: ['sandbox_policy', 'network_access'], code: 'invalid_type' },
    ]);
    expect(issuesOf(OpSchema, { type: 'user_turn', items: [], cwd: '/ws', approval_policy: 'always', sandbox_policy: { mode: 'read-only' }, model: 'm', summary: 'auto' })).toEqual([
      { path: ['approval_policy'], code: 'invalid_value' },
    ]);
    expect(issuesOf(OpSchema, { type: 'get_history_entry_request', offset: -1, log_id: 1 })).toEqual([
      { path: ['offset'], code: 'too_small' },
    ]);
  });
});

describe('Event / EventMsg', () => {
  const events = fixtureLines('events.jsonl');

  it('round-trips every event in the fixture, covering every EventMsg type', () => {
    const types = events.map((line) => expectRoundTrip(EventSchema, line).msg.type);
    expect(new Set(types)).toEqual(new Set(EVENT_MSG_TYPES));
  });

  it('has the 37 variants of 0.47', () => {
    expect(EVENT_MSG_TYPES_V047).toHaveLength(37);
    expect(EVENT_MSG_TYPES_V047.at(-1)).toBe('exited_review_mode');
  });

  it('keeps the base64 chunk of exec_command_output_delta as-is', () => {
    expect(
      EventMsgSchema.parse({ type: 'exec_command_output_delta', call_id: 'call21', stream: 'stdout', chunk: 'AQIDBAU=' }),
    ).toEqual({ type: 'exec_command_output_delta', call_id: 'call21', stream: 'stdout', chunk: 'AQIDBAU=' });
  });

  it('is strict about unknown types, while AnyEventMsg keeps them', () => {
    const unknown = { type: 'thread_settings_applied', model: 'gpt-5.5' };
    expect(issuesOf(EventMsgSchema, unknown)).toEqual([{ path: ['type'], code: 'invalid_union' }]);
    expect(expectRoundTrip(AnyEventMsgSchema, unknown)).toEqual(unknown);
  });

  it('rejects wrong field types with their paths (also through AnyEventMsg)', () => {
    const bad = { type: 'exec_command_end', call_id: 'c', stdout: '', stderr: '', aggregated_output: '', exit_code: '0', duration: { secs: 0, nanos: 0 }, formatted_output: '' };
    expect(issuesOf(EventMsgSchema, bad)).toEqual([{ path: ['exit_code'], code: 'invalid_type' }]);
    expect(issuesOf(AnyEventMsgSchema, bad)).toEqual([{ path: ['exit_code'], code: 'invalid_type' }]);
    expect(issuesOf(EventSchema, { id: '1', msg: { type: 'turn_aborted', reason: 'bored' } })).toEqual([
      { path: ['msg', 'reason'], code: 'invalid_value' },
    ]);
    expect(
      issuesOf(EventMsgSchema, { type: 'plan_update', plan: [{ step: 'a', status: 'done' }] }),
    ).toEqual([{ path: ['plan', 0, 'status'], code: 'invalid_value' }]);
  });
});
