// The approval modal: what the agent wants to do (command or patch), why, and the
// choices with Codex's keys: y once, a for the whole session, n deny (the model is told),
// Esc abort the turn. Up/Down + Enter select too.
import type { FileChanges, ReviewDecision } from '@codex-ts/protocol';
import { renderChanges } from '../cells/patch-cell.js';
import { commandText } from '../cells/exec-cell.js';
import type { Key } from '../term/keys.js';
import { revealLine, sp, type Line } from '../term/style.js';
import { commandRows, sessionChoiceLabel } from './approval-text.js';
import { wrapLine } from '../term/wrap.js';

/** A pending approval. */
export type ApprovalRequest =
  | { kind: 'exec'; id: string; callId: string; command: string[]; cwd: string; reason?: string | null }
  | { kind: 'patch'; id: string; callId: string; changes: FileChanges; reason?: string | null; grantRoot?: string | null };

interface Choice {
  key: string;
  label: string;
  decision: ReviewDecision;
}

function choices(req: ApprovalRequest, width = 80): Choice[] {
  const session = req.kind === 'exec' ? sessionChoiceLabel(req.command, width) : "Yes, and don't ask again for these files this session";
  return [
    { key: 'y', label: 'Yes, proceed', decision: 'approved' },
    { key: 'a', label: session, decision: 'approved_for_session' },
    { key: 'n', label: 'No, and tell Codex what to do differently', decision: 'denied' },
    { key: 'esc', label: 'No, and stop this turn', decision: 'abort' },
  ];
}

export class ApprovalModal {
  selected = 0;
  constructor(
    readonly req: ApprovalRequest,
    private readonly cwd?: string,
  ) {}

  /** A decision, or undefined when the key only moved the selection (or was ignored). */
  handle(key: Key): ReviewDecision | undefined {
    const list = choices(this.req);
    if (key.name === 'escape') return 'abort';
    if (key.name === 'up') this.selected = (this.selected + list.length - 1) % list.length;
    else if (key.name === 'down' || key.name === 'tab') this.selected = (this.selected + 1) % list.length;
    else if (key.name === 'enter') return list[this.selected]!.decision;
    else if (key.name === 'text' && !key.ctrl) {
      const hit = list.find((c) => c.key === key.text?.toLowerCase());
      if (hit) return hit.decision;
    }
    return undefined;
  }

  /** The history line recorded once the user answered. */
  decisionText(decision: ReviewDecision): { text: string; ok: boolean } {
    const what = this.req.kind === 'exec' ? `run ${revealLine(commandText(this.req.command))}` : 'apply these edits';
    switch (decision) {
      case 'approved':
        return { text: `You approved codex to ${what} this time`, ok: true };
      case 'approved_for_session':
        return { text: `You approved codex to ${what} every time this session`, ok: true };
      case 'denied':
        return { text: `You did not approve codex to ${what}`, ok: false };
      default:
        return { text: `You canceled the request to ${what}`, ok: false };
    }
  }

  /** One-line summary for notifications. */
  summary(): string {
    return this.req.kind === 'exec' ? `Approval requested: ${commandText(this.req.command)}` : 'Approval requested: apply a patch';
  }

  render(width: number, maxRows: number): Line[] {
    const r = this.req;
    const rows: Line[] = [[sp('▌ ', { fg: 'yellow' }), sp(r.kind === 'exec' ? 'Would you like to run the following command?' : 'Would you like to make the following edits?', { bold: true })]];
    if (r.reason) rows.push(...wrapLine([sp('▌ ', { fg: 'yellow' }), sp('Reason: ', { dim: true }), sp(revealLine(r.reason), { italic: true })], width, [sp('▌ ', { fg: 'yellow' })]));
    const body: Line[] = [];
    if (r.kind === 'exec') {
      body.push(...commandRows(r.command, width - 2));
      body.push(...wrapLine([sp('in ', { dim: true }), sp(revealLine(r.cwd), { dim: true })], width - 2, [sp('   ')]));
    } else {
      if (r.grantRoot) body.push([sp('grants write access to ', { dim: true }), sp(revealLine(r.grantRoot))]);
      body.push(...renderChanges(r.changes, width - 2, 12, this.cwd));
    }
    const list = choices(r, width);
    // Leave room for the choices and the hint; cut the body if the screen is short.
    const room = Math.max(1, maxRows - rows.length - list.length - 2);
    const shown = body.length > room ? [...body.slice(0, room - 1), [sp(`… +${body.length - room + 1} lines`, { dim: true })]] : body;
    for (const b of shown) rows.push([sp('▌ ', { fg: 'yellow' }), ...b]);
    list.forEach((c, i) => {
      const sel = i === this.selected;
      const keyLabel = c.key === 'esc' ? 'esc' : c.key;
      rows.push(...wrapLine([sp(sel ? '› ' : '  ', { fg: 'cyan', bold: true }), sp(`${i + 1}. ${c.label} `, sel ? { bold: true } : undefined), sp(`(${keyLabel})`, { dim: true })], width, [sp('     ')]));
    });
    rows.push([sp('  Press a key or enter to confirm', { dim: true })]);
    return rows;
  }
}
