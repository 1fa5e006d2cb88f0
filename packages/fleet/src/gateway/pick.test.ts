import { describe, expect, it } from 'vitest';
import { WeightedPicker } from './pick.js';

describe('WeightedPicker', () => {
  it('gives exact shares over a window of sum(weights) picks, spread out', () => {
    const p = new WeightedPicker(new Map([['a', 5], ['b', 1], ['c', 1]]));
    const seq = Array.from({ length: 7 }, () => p.pick(['a', 'b', 'c']));
    expect(seq).toEqual(['a', 'a', 'b', 'a', 'c', 'a', 'a']);
    const counts = new Map<string, number>();
    for (let i = 0; i < 700; i += 1) {
      const id = p.pick(['a', 'b', 'c'])!;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    expect(Object.fromEntries(counts)).toEqual({ a: 500, b: 100, c: 100 });
  });

  it('handles fractional weights', () => {
    const p = new WeightedPicker(new Map([['x', 0.75], ['y', 0.25]]));
    const seq = Array.from({ length: 40 }, () => p.pick(['x', 'y']));
    expect(seq.filter((s) => s === 'x')).toHaveLength(30);
  });

  it('only picks among the available ids and returns undefined when none are', () => {
    const p = new WeightedPicker(new Map([['a', 100], ['b', 1]]));
    expect(Array.from({ length: 5 }, () => p.pick(['b']))).toEqual(['b', 'b', 'b', 'b', 'b']);
    expect(p.pick([])).toBeUndefined();
    expect(p.pick(['unknown'])).toBeUndefined();
  });
});
