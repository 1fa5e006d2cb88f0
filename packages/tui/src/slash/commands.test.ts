import { describe, expect, it } from 'vitest';
import { filterCommands, parseSlash, SLASH_COMMANDS } from './commands.js';

const names = (q: string): string[] => filterCommands(q).map((m) => m.command.name);

describe('slash commands', () => {
  it('lists every visible command in popup order for a bare `/`', () => {
    expect(names('')).toEqual(SLASH_COMMANDS.filter((c) => !c.hidden).map((c) => c.name));
    expect(names('')).toContain('model');
    expect(names('')).not.toContain('exit');
    for (const c of SLASH_COMMANDS) expect(c.description.length).toBeGreaterThan(5);
  });

  it('filters: prefix matches first, then fuzzy ones by score; aliases only when typed', () => {
    expect(names('mo')[0]).toBe('model');
    expect(names('di')).toContain('diff');
    expect(names('stts')).toEqual(['status']);
    expect(names('zzz')).toEqual([]);
    expect(names('ex')).toContain('exit');
    expect(names('q')[0]).toBe('quit');
    const m = filterCommands('cmp').find((x) => x.command.name === 'compact');
    expect(m?.indices).toEqual([0, 2, 3]);
  });

  it('parses a command line with arguments and rejects what is not one', () => {
    expect(parseSlash('/review focus on auth')).toEqual({ name: 'review', args: 'focus on auth' });
    expect(parseSlash('  /MODEL ')).toEqual({ name: 'model', args: '' });
    expect(parseSlash('hello /model')).toBeUndefined();
    expect(parseSlash('/')).toBeUndefined();
  });
});
