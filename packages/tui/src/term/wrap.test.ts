import { describe, expect, it } from 'vitest';
import { sp, plain, sanitize, toAnsi } from './style.js';
import { preloadWidth, truncate, widthOf, wrapLine } from './wrap.js';

describe('wrapping and styles', () => {
  it('wraps at spaces, keeps styles, indents continuation rows and hard-breaks long words', () => {
    const rows = wrapLine([sp('hello '), sp('bold', { bold: true }), sp(' world and more')], 12, [sp('  ')]);
    expect(rows.map(plain)).toEqual(['hello bold', '  world and', '  more']);
    expect(rows[0]!.find((s) => s.t === 'bold')).toEqual({ t: 'bold', s: { bold: true } });
    expect(wrapLine([sp('abcdefghij')], 4).map(plain)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('counts wide characters as two columns (before and after string-width loads)', async () => {
    expect(widthOf('日本')).toBe(4);
    await preloadWidth();
    expect(widthOf('日本')).toBe(4);
    expect(widthOf('e\u0301')).toBe(1);
    expect(wrapLine([sp('日本語テキスト')], 6).map(plain)).toEqual(['日本語', 'テキス', 'ト']);
    expect(truncate('abcdefgh', 5)).toBe('abcd…');
  });

  it('drops terminal control characters from untrusted text and styles only with colour on', () => {
    expect(sanitize('a\x1b]52;c;Zm9v\x07b\x1b[2Jc\r\n')).toBe('abc\n');
    // Text that skipped sanitize is still drawn with its controls visible, and a link target
    // cannot end the OSC 8 sequence (or be anything but http(s)/file/mailto).
    expect(toAnsi([sp('a\x1b]0;t\x07\tb')], true)).toBe('a␛]0;t␇ b');
    expect(toAnsi([sp('x', { link: 'https://e.com/\x1b\\\x1b]0;t\x07' })], true)).toBe('\x1b]8;;https://e.com/%1B\\%1B]0;t%07\x1b\\x\x1b]8;;\x1b\\');
    expect(toAnsi([sp('x', { link: 'javascript:alert(1)' })], true)).toBe('x');
    expect(toAnsi([sp('x', { fg: 'red', bold: true })], true)).toBe('\x1b[1;31mx\x1b[0m');
    expect(toAnsi([sp('x', { fg: 'red', bold: true })], false)).toBe('\x1b[1mx\x1b[0m');
    expect(toAnsi([sp('x', { fg: 'red' })], false)).toBe('x');
  });
});
