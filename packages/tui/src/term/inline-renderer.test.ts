import { describe, expect, it } from 'vitest';
import { sp } from './style.js';
import { InlineRenderer } from './inline-renderer.js';

function fakeOut(columns = 20, rows = 10) {
  const writes: string[] = [];
  return { writes, out: { columns, rows, write: (d: string) => writes.push(d) } };
}

describe('InlineRenderer', () => {
  it('writes committed rows once above the live area and only ever clears below the cursor', () => {
    const { writes, out } = fakeOut();
    let live = [[sp('› compose')], [sp('status')]];
    const r = new InlineRenderer(out, false, () => ({ lines: live, cursor: { row: 0, col: 9 } }));
    r.draw();
    r.commit([[sp('cell 1')]]);
    r.commit([[sp('cell 2')]]);
    r.draw();
    expect(writes).toHaveLength(2);
    const second = writes[1]!;
    // From the composer row (cursor) back to the live area's top: no rows up, then clear below.
    expect(second).toContain('\r\x1b[J');
    expect(second.indexOf('cell 1')).toBeLessThan(second.indexOf('cell 2'));
    expect(second.indexOf('cell 2')).toBeLessThan(second.indexOf('› compose'));
    for (const w of writes) expect(w).not.toMatch(/\x1b\[2J|\x1b\[H/);
    live = [[sp('a')], [sp('b')], [sp('c')]];
    r.draw();
    r.draw();
    // The cursor was left on row 0 of a 3-row area, so no upward move is needed.
    expect(writes[3]).toMatch(/^\x1b\[\?2026h\x1b\[\?25l\r\x1b\[J/);
  });

  it('batches many changes into one frame', async () => {
    const { writes, out } = fakeOut();
    const r = new InlineRenderer(out, false, () => ({ lines: [[sp('x')]] }));
    for (let i = 0; i < 100; i++) r.commit([[sp(`row ${i}`)]]);
    await new Promise((res) => setTimeout(res, 50));
    expect(writes).toHaveLength(1);
    expect(writes[0]).toContain('row 99');
  });

  it('after narrowing, moves up by the rows the terminal re-wrapped', () => {
    const { writes, out } = fakeOut(20, 10);
    const r = new InlineRenderer(out, false, () => ({ lines: [[sp('x'.repeat(20))], [sp('y')]] }));
    r.draw();
    out.columns = 10;
    r.draw();
    // One 20-column row became two 10-column rows above the cursor row.
    expect(writes[1]).toContain('\r\x1b[2A\x1b[J');
  });

  it('draws a full-screen frame on the alternate screen, holding commits until it is left', () => {
    const { writes, out } = fakeOut(20, 6);
    let full = false;
    const r = new InlineRenderer(out, false, () =>
      full ? { lines: Array.from({ length: 6 }, (_, i) => [sp(`pager ${i}`)]), fullScreen: true } : { lines: [[sp('› compose')], [sp('status')]], cursor: { row: 0, col: 2 } },
    );
    r.draw();
    full = true;
    r.draw();
    // The live area is erased on the normal screen before switching; rows rewritten in place.
    expect(writes[1]).toMatch(/^\x1b\[\?2026h\x1b\[\?25l\r\x1b\[J\x1b\[\?1049h\x1b\[H/);
    expect(writes[1]).toContain('pager 5\x1b[K');
    r.commit([[sp('late cell')]]);
    r.draw();
    expect(writes[2]).not.toContain('1049h');
    expect(writes[2]).not.toContain('late cell');
    full = false;
    r.draw();
    expect(writes[3]).toMatch(/^\x1b\[\?2026h\x1b\[\?25l\x1b\[\?1049l\r\x1b\[Jlate cell/);
    expect(writes[3]!.indexOf('late cell')).toBeLessThan(writes[3]!.indexOf('› compose'));
  });

  it('rewrite clears the screen and the scrollback once, prints the kept rows, then newer commits and the live area', () => {
    const { writes, out } = fakeOut();
    const r = new InlineRenderer(out, false, () => ({ lines: [[sp('› compose')]] }));
    r.commit([[sp('dropped')]]);
    r.rewrite([[sp('kept 1')], [sp('kept 2')]]);
    r.commit([[sp('new turn')]]);
    r.draw();
    const w = writes.at(-1)!;
    expect(w).toContain('\x1b[H\x1b[2J\x1b[3J');
    expect(w).not.toContain('dropped');
    const order = ['\x1b[3J', 'kept 1', 'kept 2', 'new turn', '› compose'].map((t) => w.indexOf(t));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    r.draw();
    expect(writes.at(-1)).not.toMatch(/\x1b\[2J|\x1b\[3J/);
  });

  it('turns mouse reporting on for a full-screen frame that asks for it, and off with the next normal frame', () => {
    const { writes, out } = fakeOut();
    let frame: { lines: ReturnType<typeof sp>[][]; fullScreen?: boolean; mouse?: boolean } = { lines: [[sp('x')]] };
    const r = new InlineRenderer(out, false, () => frame);
    r.draw();
    expect(writes.join('')).not.toContain('\x1b[?1000h');
    frame = { lines: [[sp('pager')]], fullScreen: true, mouse: true };
    r.draw();
    r.draw();
    expect(writes.join('').split('\x1b[?1000h\x1b[?1002h\x1b[?1006h')).toHaveLength(2);
    frame = { lines: [[sp('x')]] };
    r.draw();
    expect(writes.at(-1)).toContain('\x1b[?1006l\x1b[?1002l\x1b[?1000l');
    r.draw();
    expect(writes.at(-1)).not.toContain('\x1b[?1000l');
  });
});
