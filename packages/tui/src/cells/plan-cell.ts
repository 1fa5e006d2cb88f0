// The plan checklist from update_plan: ✔ done, □ pending, ◐ in progress (bold).
import type { PlanItem } from '@codex-ts/protocol';
import { sanitize, sp, type Line } from '../term/style.js';
import { wrapLine } from '../term/wrap.js';
import type { Cell } from './cell.js';

export class PlanCell implements Cell {
  constructor(private readonly plan: PlanItem[], private readonly explanation?: string | null) {}

  render(width: number): Line[] {
    const done = this.plan.filter((p) => p.status === 'completed').length;
    const rows: Line[] = [[sp('• ', { dim: true }), sp('Updated Plan', { bold: true }), sp(` (${done}/${this.plan.length} done)`, { dim: true })]];
    if (this.explanation) rows.push(...wrapLine([sp('  '), sp(sanitize(this.explanation), { italic: true, dim: true })], width, [sp('  ')]));
    for (const item of this.plan) {
      const mark = item.status === 'completed' ? sp('✔ ', { fg: 'green' }) : item.status === 'in_progress' ? sp('◐ ', { fg: 'cyan' }) : sp('□ ', { dim: true });
      const style = item.status === 'completed' ? { dim: true } : item.status === 'in_progress' ? { bold: true } : undefined;
      rows.push(...wrapLine([sp('  └ '), mark, sp(sanitize(item.step), style)], width, [sp('      ')]));
    }
    return rows;
  }
}
