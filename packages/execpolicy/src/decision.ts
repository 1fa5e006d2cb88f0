// Decisions of a prefix rule and their ordering (allow < prompt < forbidden).
import { ExecPolicyError } from './errors.js';

/** What a rule says about a command; the wire strings of Codex. */
export type Decision = 'allow' | 'prompt' | 'forbidden';

const SEVERITY: Record<Decision, number> = { allow: 0, prompt: 1, forbidden: 2 };

/** Parses a decision word; anything but allow/prompt/forbidden is an `invalid-decision` error. */
export function parseDecision(raw: string): Decision {
  if (raw === 'allow' || raw === 'prompt' || raw === 'forbidden') return raw;
  throw new ExecPolicyError(
    'invalid-decision',
    `invalid decision: ${raw} (expected "allow", "prompt" or "forbidden")`,
  );
}

/** The stricter of two decisions (forbidden > prompt > allow). */
export function stricterDecision(a: Decision, b: Decision): Decision {
  return SEVERITY[a] >= SEVERITY[b] ? a : b;
}
