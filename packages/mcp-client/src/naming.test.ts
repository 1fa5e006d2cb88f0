import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_TOOL_NAME_LENGTH, qualifiedToolName, qualifyTools, sanitizeToolName } from './naming.js';

describe('MCP tool names', () => {
  it('qualifies and sanitises as Codex does', () => {
    expect(qualifiedToolName('everything', 'get-sum')).toBe('mcp__everything__get_sum');
    expect(qualifiedToolName('my.server', 'a b/c')).toBe('mcp__my_server__a_b_c');
    expect(sanitizeToolName('')).toBe('_');
  });

  it('cuts long names to 64 characters with the SHA-1 of the raw name', () => {
    const tool = 'x'.repeat(80);
    const raw = `mcp__srv__${tool}`;
    const sha1 = createHash('sha1').update(raw).digest('hex');
    const name = qualifiedToolName('srv', tool);
    expect(name).toBe(`${raw.slice(0, 24)}${sha1}`);
    expect(name).toHaveLength(MAX_TOOL_NAME_LENGTH);
  });

  it('skips tools whose sanitised names collide and reports them', () => {
    const dups: string[] = [];
    const out = qualifyTools(
      [
        { server: 's', tool: 'a.b' },
        { server: 's', tool: 'a_b' },
        { server: 's', tool: 'c' },
      ],
      (n) => dups.push(n),
    );
    expect([...out.keys()]).toEqual(['mcp__s__a_b', 'mcp__s__c']);
    expect(dups).toEqual(['mcp__s__a_b']);
  });
});
