// What the approval modal shows of a command: the real command, every control, bidi and
// zero-width character drawn visibly (`reveal`), one row group per script line, and a line so
// long (or padded) that it would push the rest off the screen shown as its head and its tail.
import { commandText } from '../cells/exec-cell.js';
import { reveal, revealLine, sp, type Line } from '../term/style.js';
import { truncate, wrapLine } from '../term/wrap.js';

/** Rows one script line may take before its middle is elided. */
const MAX_ROWS_PER_LINE = 6;

/** The command as modal rows (`$ ` then the script, continuation rows indented). */
export function commandRows(argv: string[], width: number): Line[] {
  const rows: Line[] = [];
  reveal(commandText(argv))
    .split('\n')
    .forEach((text, i) => {
      const wrapped = wrapLine([sp(i === 0 ? '$ ' : '  ', { dim: true }), sp(text, { bold: true })], width, [sp('  ')]);
      if (wrapped.length <= MAX_ROWS_PER_LINE) {
        rows.push(...wrapped);
        return;
      }
      const hidden = wrapped.slice(3, -2);
      const chars = hidden.reduce((n, r) => n + r.reduce((m, s) => m + [...s.t].length, 0), 0);
      rows.push(...wrapped.slice(0, 3), [sp(`  … ${chars} more characters on this line …`, { fg: 'yellow' })], ...wrapped.slice(-2));
    });
  return rows;
}

/** The "don't ask again" choice, the command shown visibly on one row. */
export function sessionChoiceLabel(argv: string[], width: number): string {
  const cmd = revealLine(commandText(argv));
  const fixed = "Yes, and don't ask again for `` this session".length;
  return `Yes, and don't ask again for \`${truncate(cmd, Math.max(8, width - fixed - 12))}\` this session`;
}
