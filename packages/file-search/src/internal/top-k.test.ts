import { describe, expect, it } from 'vitest';
import { TopK } from './top-k.js';

describe('TopK', () => {
  it('keeps the best entries, ties broken by path, whatever the insertion order', () => {
    const entries: [number, string][] = [[5, 'e'], [9, 'b'], [9, 'a'], [1, 'z'], [9, 'c'], [7, 'd']];
    const forward = new TopK(3);
    const backward = new TopK(3);
    for (const [s, p] of entries) forward.offer(s, p);
    for (const [s, p] of [...entries].reverse()) backward.offer(s, p);
    const expected = [{ score: 9, path: 'a' }, { score: 9, path: 'b' }, { score: 9, path: 'c' }];
    expect(forward.sorted()).toEqual(expected);
    expect(backward.sorted()).toEqual(expected);
  });

  it('reports a threshold only once full', () => {
    const t = new TopK(2);
    t.offer(3, 'a');
    expect(t.threshold).toBe(-Infinity);
    t.offer(4, 'b');
    expect(t.threshold).toBe(3);
  });
});
