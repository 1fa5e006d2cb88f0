import { describe, expect, it } from 'vitest';
import { plain } from '../term/style.js';
import { widthOf } from '../term/wrap.js';
import { commandRows, sessionChoiceLabel } from './approval-text.js';

describe('approval command text', () => {
  it('puts each script line on its own rows, controls visible', () => {
    expect(commandRows(['bash', '-lc', 'touch a\n\x1b[2Jtouch b\rc'], 40).map(plain)).toEqual(['$ touch a', '  ␛[2Jtouch b␍c']);
  });

  it('shows the head and the tail of a line too long for the modal, with what was left out', () => {
    const rows = commandRows(['bash', '-lc', `echo ${'A'.repeat(400)}; rm -rf ~`], 40).map(plain);
    expect(rows).toHaveLength(6);
    expect(rows[0]).toMatch(/^\$ echo A+$/);
    expect(rows[3]).toMatch(/^ {2}… \d+ more characters on this line …$/);
    expect(rows[5]).toMatch(/; rm -rf ~$/);
  });

  it('keeps the "don\'t ask again" label on one row, the command revealed', () => {
    const label = sessionChoiceLabel(['bash', '-lc', `ls \u202e${'x'.repeat(300)}\nrm`], 80);
    expect(label.startsWith("Yes, and don't ask again for `ls <U+202E>x")).toBe(true);
    expect(label.endsWith('…` this session')).toBe(true);
    expect(widthOf(label)).toBeLessThanOrEqual(80);
  });
});
