// The review's start and end in the chat: `>> Code review started: <hint> <<` and
// `<< Code review finished >>` (the findings follow as the agent's message).
import type { EventMsg } from '@codex-ts/protocol';
import type { Cell } from '../cells/cell.js';
import { sanitize, sp, type Line } from '../term/style.js';
import { wrapLine } from '../term/wrap.js';

class ReviewBanner implements Cell {
  constructor(private readonly text: string) {}
  render(width: number): Line[] {
    return wrapLine([sp(sanitize(this.text), { bold: true })], width, [sp('   ')]);
  }
}

/** The chat cell for a review event, or undefined for other events. */
export function reviewEventCell(msg: EventMsg): Cell | undefined {
  if (msg.type === 'entered_review_mode') {
    const hint = (msg as { user_facing_hint?: string | null }).user_facing_hint || 'current changes';
    return new ReviewBanner(`>> Code review started: ${hint} <<`);
  }
  if (msg.type === 'exited_review_mode') return new ReviewBanner(msg.review_output ? '<< Code review finished >>' : '<< Code review interrupted >>');
  return undefined;
}
