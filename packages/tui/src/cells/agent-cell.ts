// Agent text as markdown with a `• ` bullet. `text` only grows while streaming, so blocks
// that are settled (complete lines up to a blank line, outside a code fence) are rendered
// once and cached per width; each frame renders only the unsettled tail. The markdown
// renderer is line-based, so rendering block by block gives the same rows as rendering
// the whole text at once.
import { sp, type Line } from '../term/style.js';
import { lineWidth } from '../term/wrap.js';
import { prefixed, type Cell } from './cell.js';
import { renderMarkdown } from './markdown.js';

const FENCE = /^\s*(```+|~~~+)/;

export class AgentCell implements Cell {
  text = '';
  private width = -1;
  /** Length of `text` whose rows are cached. */
  private settledLen = 0;
  private settledRows: Line[] = [];
  private settledText = '';

  render(width: number): Line[] {
    const inner = Math.max(4, width - 2);
    if (inner !== this.width || !this.text.startsWith(this.settledText)) this.reset(inner);
    this.settle(inner);
    const tail = this.text.slice(this.settledLen);
    const rows = [...this.settledRows, ...(tail.trim() === '' ? [] : renderMarkdown(tail, inner))];
    while (rows.length > 0 && lineWidth(rows[rows.length - 1]!) === 0) rows.pop();
    return prefixed(rows.length ? rows : [[]], [sp('• ', { dim: true })], [sp('  ')]);
  }

  private reset(width: number): void {
    this.width = width;
    this.settledLen = 0;
    this.settledRows = [];
    this.settledText = '';
  }

  /** Move complete blocks (ending at a blank line outside a fence) into the cache. */
  private settle(width: number): void {
    let pos = this.settledLen;
    let blockStart = pos;
    let fence = false;
    for (;;) {
      const nl = this.text.indexOf('\n', pos);
      if (nl < 0) break;
      const line = this.text.slice(pos, nl);
      if (FENCE.test(line)) fence = !fence;
      pos = nl + 1;
      if (line.trim() === '' && !fence) {
        const block = this.text.slice(blockStart, pos);
        if (block.trim() !== '') this.settledRows.push(...renderMarkdown(block, width));
        this.settledRows.push([]);
        blockStart = pos;
        this.settledLen = pos;
      }
    }
    if (this.settledText.length !== this.settledLen) this.settledText = this.text.slice(0, this.settledLen);
  }
}
