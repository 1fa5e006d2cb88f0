// Search inside the pager: occurrences of the query in a row are marked (reverse video and
// the theme's match tint; the current match also bold). Case-insensitive unless the query
// has a capital letter (smart case), as in less and vim.
import { plain, type Line, type Span, type Style } from '../term/style.js';

/** Mark each occurrence of `query` in a line (reverse video; the current match also bold). */
export function markMatches(line: Line, query: string, current: boolean): Line {
  const text = plain(line);
  const cs = /[A-Z]/.test(query);
  const hay = cs ? text : text.toLowerCase();
  const q = cs ? query : query.toLowerCase();
  if (!q || !hay.includes(q)) return line;
  const hits: Array<[number, number]> = [];
  for (let i = hay.indexOf(q); i >= 0; i = hay.indexOf(q, i + q.length)) hits.push([i, i + q.length]);
  const out: Span[] = [];
  let pos = 0;
  const mark: Style = { reverse: true, bg: 'match', ...(current ? { bold: true } : {}) };
  for (const span of line) {
    const end = pos + span.t.length;
    let cur = pos;
    for (const [a, b] of hits) {
      if (b <= cur || a >= end) continue;
      if (a > cur) out.push({ t: span.t.slice(cur - pos, a - pos), ...(span.s ? { s: span.s } : {}) });
      const s = Math.max(a, cur);
      const e = Math.min(b, end);
      out.push({ t: span.t.slice(s - pos, e - pos), s: { ...span.s, ...mark } });
      cur = e;
    }
    if (cur < end) out.push({ t: span.t.slice(cur - pos), ...(span.s ? { s: span.s } : {}) });
    pos = end;
  }
  return out;
}
