import { describe, expect, it } from 'vitest';
import { BASE_INSTRUCTIONS, baseInstructionsFor } from './base-instructions.js';

describe('base instructions', () => {
  const unified = baseInstructionsFor({ slug: 'gpt-5.5' }, { shell: 'unified_exec', applyPatch: 'freeform' });
  const shell = baseInstructionsFor({ slug: 'gpt-4.1' }, { shell: 'shell', applyPatch: 'function' });

  it('is a full prompt for every tool set', () => {
    for (const text of [unified, shell, BASE_INSTRUCTIONS]) {
      expect(text.length).toBeGreaterThan(15_000);
      expect(text.length).toBeLessThan(25_000);
      for (const heading of ['# Planning', '# AGENTS.md files', '# Sandbox and approvals', '# Testing and verifying', '# Your final message']) expect(text).toContain(heading);
    }
  });

  it('names exactly the command tools and the escalation the model has', () => {
    expect(unified).toContain('`exec_command`');
    expect(unified).toContain('`write_stdin`');
    expect(unified).toContain('sandbox_permissions: "require_escalated"');
    expect(unified).not.toContain('with_escalated_permissions');
    expect(unified).toContain('FREEFORM'.toLowerCase());
    expect(shell).toContain('You run commands with the `shell` tool.');
    expect(shell).toContain('with_escalated_permissions: true');
    expect(shell).not.toContain('exec_command');
    expect(shell).toContain('as the `input` string argument');
  });

  it('adds a note per model family', () => {
    expect(BASE_INSTRUCTIONS).toContain('long, autonomous coding sessions');
    expect(shell).toContain('Before each tool call, think through');
    expect(unified).not.toContain('# Notes for this model');
  });
});
