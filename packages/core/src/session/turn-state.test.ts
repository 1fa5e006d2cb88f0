import { describe, expect, it } from 'vitest';
import type { Config } from '../config/load.js';
import { TurnState } from './turn-state.js';

const config = { cwd: '/w', approval_policy: 'on-request', sandbox_policy: { mode: 'read-only' }, model: 'm', model_reasoning_summary: 'auto' } as unknown as Config;

describe('TurnState', () => {
  it('reports an environment change made by override_turn_context to the next turn, once', () => {
    const s = new TurnState(config);
    expect(s.beginTurn().environmentChanged).toBe(false);
    s.override({ sandbox_policy: { mode: 'danger-full-access' }, approval_policy: 'never' });
    // Compaction peeks without taking the change away from the next turn.
    expect(s.beginTurn(undefined, false).sandbox_policy).toEqual({ mode: 'danger-full-access' });
    // A user_turn carrying the same settings still sees the change made by the override.
    const t = s.beginTurn({ sandbox_policy: { mode: 'danger-full-access' }, approval_policy: 'never', cwd: '/w', model: 'm' });
    expect(t.environmentChanged).toBe(true);
    expect(s.beginTurn().environmentChanged).toBe(false);
    // A model change alone is not an environment change.
    s.override({ model: 'other' });
    expect(s.beginTurn().environmentChanged).toBe(false);
  });
});
