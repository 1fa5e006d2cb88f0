// A small markdown renderer for agent text: headings, bullet and numbered lists,
// blockquotes, fenced code blocks (lightly highlighted), pipe tables, rules, and inline
// **bold**, *italic*, `code` and [links](url) (OSC 8 when colour is on). Output rows are
// wrapped to the width with list-aware continuation indents.
import { sanitize, sp, type Line, type Span, type Style } from '../term/style.js';
import { lineWidth, truncate, widthOf, wrapLine } from '../term/wrap.js';
import { highlightCode, type HighlightState } from './highlight.js';

const CODE: Style = { fg: 'cyan' };

/** Inline markup of one source line. */
export function inline(text: string, base?: Style): Span[] {
  const out: Span[] = [];
  const re = /(\*\*[^*]+\*\*|__[^_]+__|`[^`]+`|\[[^\]]+\]\([^)\s]+\)|(?<![*\w])\*[^*\s][^*]*\*(?!\w))/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    const i = m.index ?? 0;
    if (i > last) out.push(sp(text.slice(last, i), base));
    const tok = m[0];
    if (tok.startsWith('**') || tok.startsWith('__')) out.push(sp(tok.slice(2, -2), { ...base, bold: true }));
    else if (tok.startsWith('`')) out.push(sp(tok.slice(1, -1), { ...base, ...CODE }));
    else if (tok.startsWith('[')) {
      const lm = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(tok)!;
      out.push(sp(lm[1]!, { ...base, underline: true, fg: 'blue', link: lm[2]! }));
      // The target is always shown (as Codex does): link text cannot pass off one URL as another.
      if (lm[1] !== lm[2]) out.push(sp(` (${lm[2]})`, { ...base, dim: true }));
    } else out.push(sp(tok.slice(1, -1), { ...base, italic: true }));
    last = i + tok.length;
  }
  if (last < text.length) out.push(sp(text.slice(last), base));
  return out;
}

function isTableRow(line: string): boolean {
  return /^\s*\|.*\|\s*$/.test(line);
}

function splitRow(line: string): string[] {
  return line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
}

function renderTable(rows: string[], width: number): Line[] {
  const cells = rows.filter((r) => !/^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/.test(r)).map(splitRow);
  const n = Math.max(...cells.map((c) => c.length));
  const widths = Array.from({ length: n }, (_, i) => Math.max(1, ...cells.map((c) => widthOf(c[i] ?? ''))));
  // Shrink the widest columns until the table fits (3 columns of chrome per cell + 1).
  const budget = width - (3 * n + 1);
  while (widths.reduce((a, b) => a + b, 0) > budget && Math.max(...widths) > 3) {
    const i = widths.indexOf(Math.max(...widths));
    widths[i] = widths[i]! - 1;
  }
  const border = (l: string, m: string, r: string): Line => [sp(l + widths.map((w) => '─'.repeat(w + 2)).join(m) + r, { dim: true })];
  const out: Line[] = [border('┌', '┬', '┐')];
  cells.forEach((row, ri) => {
    const line: Span[] = [sp('│', { dim: true })];
    widths.forEach((w, i) => {
      const text = truncate(row[i] ?? '', w);
      line.push(sp(' '));
      line.push(...inline(text, ri === 0 ? { bold: true } : undefined));
      line.push(sp(`${' '.repeat(Math.max(0, w - widthOf(text)))} `));
      line.push(sp('│', { dim: true }));
    });
    out.push(line);
    if (ri === 0 && cells.length > 1) out.push(border('├', '┼', '┤'));
  });
  out.push(border('└', '┴', '┘'));
  return out;
}

/** Render markdown `src` to rows of at most `width` columns. */
export function renderMarkdown(src: string, width: number): Line[] {
  const lines = sanitize(src).split('\n');
  const out: Line[] = [];
  let fence: { marker: string; lang: string; state: HighlightState } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (fence) {
      if (raw.trim().startsWith(fence.marker)) {
        fence = undefined;
        continue;
      }
      for (const row of wrapLine([sp('  '), ...highlightCode(raw.replace(/\t/g, '    '), fence.lang, fence.state)], width, [sp('  ')])) out.push(row);
      continue;
    }
    const f = /^\s*(```+|~~~+)\s*([\w+-]*)/.exec(raw);
    if (f) {
      fence = { marker: f[1]!, lang: f[2] ?? '', state: {} };
      continue;
    }
    if (isTableRow(raw)) {
      const block: string[] = [];
      while (i < lines.length && isTableRow(lines[i]!)) block.push(lines[i++]!);
      i--;
      out.push(...renderTable(block, width));
      continue;
    }
    const h = /^(#{1,6})\s+(.*)$/.exec(raw);
    if (h) {
      out.push(...wrapLine(inline(h[2]!, { bold: true, ...(h[1]!.length === 1 ? { underline: true } : {}) }), width));
      continue;
    }
    if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(raw)) {
      out.push([sp('─'.repeat(Math.min(width, 40)), { dim: true })]);
      continue;
    }
    const li = /^(\s*)([-*+]|\d+[.)])\s+(.*)$/.exec(raw);
    if (li) {
      const depth = Math.floor(li[1]!.length / 2);
      const bullet = /\d/.test(li[2]!) ? `${li[2]} ` : '• ';
      const pad = ' '.repeat(depth * 2);
      const indent = [sp(pad + ' '.repeat(widthOf(bullet)))];
      out.push(...wrapLine([sp(pad), sp(bullet, { dim: !/\d/.test(li[2]!) }), ...inline(li[3]!)], width, indent));
      continue;
    }
    const q = /^\s*>\s?(.*)$/.exec(raw);
    if (q) {
      out.push(...wrapLine([sp('▌ ', { fg: 'gray' }), ...inline(q[1]!, { italic: true })], width, [sp('▌ ', { fg: 'gray' })]));
      continue;
    }
    out.push(...wrapLine(inline(raw), width));
  }
  // No trailing blank rows.
  while (out.length > 0 && lineWidth(out[out.length - 1]!) === 0) out.pop();
  return out;
}
