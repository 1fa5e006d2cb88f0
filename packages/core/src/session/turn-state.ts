// The session's current turn settings: config defaults, replaced by `override_turn_context`
// and by each `user_turn`; tells whether the environment changed (new context message).
import type { AskForApproval, SandboxPolicy } from '@codex-ts/protocol';
import type { Config } from '../config/load.js';

/** Settings an op may carry (wire names). */
export interface TurnSettingsInput {
  cwd?: string;
  approval_policy?: AskForApproval;
  sandbox_policy?: SandboxPolicy;
  model?: string;
  effort?: string | null;
  summary?: string;
  final_output_json_schema?: unknown;
}

/** Settings one turn runs with. */
export interface TurnSettingsResolved {
  cwd: string;
  approval_policy: AskForApproval;
  sandbox_policy: SandboxPolicy;
  model: string;
  effort?: string;
  summary: string;
  output_schema?: unknown;
  environmentChanged: boolean;
}

/** Tracks defaults across turns. */
export class TurnState {
  private cur: Omit<TurnSettingsResolved, 'environmentChanged' | 'output_schema'>;
  /** cwd, approval or sandbox changed since the last turn began (an override op counts too). */
  private envChanged = false;

  constructor(config: Config) {
    this.cur = {
      cwd: config.cwd,
      approval_policy: config.approval_policy,
      sandbox_policy: config.sandbox_policy,
      model: config.model,
      ...(config.model_reasoning_effort ? { effort: config.model_reasoning_effort } : {}),
      summary: config.model_reasoning_summary,
    };
  }

  /** The approval policy the next turn runs with. */
  get approvalPolicy(): AskForApproval {
    return this.cur.approval_policy;
  }

  /** Apply `override_turn_context` (persisting defaults). */
  override(o: TurnSettingsInput): boolean {
    const before = envKey(this.cur);
    if (o.cwd) this.cur.cwd = o.cwd;
    if (o.approval_policy) this.cur.approval_policy = o.approval_policy;
    if (o.sandbox_policy) this.cur.sandbox_policy = o.sandbox_policy;
    if (o.model) this.cur.model = o.model;
    if (o.effort !== undefined) {
      if (o.effort === null) delete this.cur.effort;
      else this.cur.effort = o.effort;
    }
    if (o.summary) this.cur.summary = o.summary;
    const changed = before !== envKey(this.cur);
    if (changed) this.envChanged = true;
    return changed;
  }

  /**
   * Settings for a new turn (a `user_turn` carries its own). `consume: false` (compaction)
   * leaves a pending environment change for the next real turn.
   */
  beginTurn(o?: TurnSettingsInput, consume = true): TurnSettingsResolved {
    if (o) this.override(o);
    const changed = this.envChanged;
    if (consume) this.envChanged = false;
    return {
      ...this.cur,
      ...(o?.final_output_json_schema !== undefined && o.final_output_json_schema !== null ? { output_schema: o.final_output_json_schema } : {}),
      environmentChanged: changed,
    };
  }
}

function envKey(s: { cwd: string; approval_policy: string; sandbox_policy: SandboxPolicy }): string {
  return JSON.stringify([s.cwd, s.approval_policy, s.sandbox_policy]);
}
