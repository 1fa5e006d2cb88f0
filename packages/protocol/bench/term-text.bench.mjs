// What neutralising terminal text costs: 2,000 lines (~120 KB) of command output, plain and
// with SGR colours, through termOutput / termSafe / termReveal (built dist, in process, median
// of 25 after warm-up), against the plain-regex stripper the TUI used before term-text.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export default async function bench(ctx) {
  const m = await import(pathToFileURL(join(ctx.root, 'packages/protocol/dist/term-text.js')).href);
  const plain = 'line of command output without colour and more text here ok\n'.repeat(2000);
  const ansi = 'line of command output with \x1b[32mcolour\x1b[0m and more text\n'.repeat(2000);
  const old = (t) => t.replace(/\r\n/g, '\n').replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, '');
  const time = (f, text) => {
    for (let i = 0; i < 5; i++) f(text);
    const walls = [];
    for (let i = 0; i < 25; i++) {
      const a = performance.now();
      f(text);
      walls.push(performance.now() - a);
    }
    return ctx.median(walls);
  };
  const rows = [];
  for (const [name, f] of [['termOutput', m.termOutput], ['termSafe', m.termSafe], ['termReveal', m.termReveal], ['control-char regex (before)', old]]) {
    for (const [kind, text] of [['plain', plain], ['SGR-coloured', ansi]]) {
      rows.push({ bench: 'term-text', case: `${name}, 2000 lines ${kind}`, wallMs: time(f, text), peakMiB: null, note: `${(text.length / 1024).toFixed(0)} KiB` });
    }
  }
  return rows;
}
