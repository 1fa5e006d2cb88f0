// A rollout file is file-controlled: its first prompt, cwd and branch reach the picker rows.
import { describe, expect, it } from 'vitest';
import { toAnsi } from '../term/style.js';
import { ResumePicker, type PickerSession } from './resume-picker.js';

const NOW = Date.parse('2026-12-06T12:00:00Z');

describe('resume picker with hostile session metadata', () => {
  it('writes no control from a session title, cwd or branch to the terminal', () => {
    const hostile: PickerSession = {
      id: 'x',
      path: '/h/x.jsonl',
      cwd: '/w\x1b]0;pwned\x07',
      updated_at: new Date(NOW - 60_000).toISOString(),
      first_user_message: 'fix \x1b]52;c;cm0gLXJmIH4=\x07the\rparser\x9b2J',
      size_bytes: 100,
      git_branch: 'main\x1b[2J',
    };
    const p = new ResumePicker({ load: () => [hostile], onPick: () => undefined, onCancel: () => undefined, now: () => NOW });
    for (const all of [false, true]) {
      if (all) p.handle({ name: 'tab' });
      const bytes = p.render(100, 20).lines.map((l) => toAnsi(l, true)).join('\n');
      // Only SGR styling of our own remains.
      expect(bytes.replace(/\x1b\[[0-9;]*m/g, '')).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
      expect(bytes).toContain('fix the␍parser');
    }
  });
});
