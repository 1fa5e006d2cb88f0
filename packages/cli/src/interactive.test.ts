import { describe, expect, it } from 'vitest';
import { parseInteractive } from './interactive.js';

describe('codex [OPTIONS] [PROMPT]', () => {
  it('takes -i/--image repeated and the prompt after it', () => {
    const a = parseInteractive(['-i', 'a.png,b.png', '--image', 'c.png', 'describe', 'these']);
    expect(a.image).toEqual(['a.png,b.png', 'c.png']);
    expect(a.PROMPT).toEqual(['describe', 'these']);
  });
});
