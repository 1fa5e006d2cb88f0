// Ctrl+R history search and Ctrl+G's external editor (a real child process, a fake suspend).
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { plain } from '../term/style.js';
import { editExternally, editorCommand } from './external-editor.js';
import { HistorySearch } from './history-search.js';

const dir = mkdtempSync(join(tmpdir(), 'tui-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Ctrl+R history search', () => {
  const entries = ['fix the parser', 'add tests', 'Parser again', 'add tests', 'deploy'];
  it('finds the newest match first, steps to older ones, accepts or restores', () => {
    let composer = 'draft';
    const s = new HistorySearch(entries, composer, (t) => (composer = t));
    expect(s.current).toBe('deploy');
    for (const ch of 'pars') s.handle({ name: 'text', text: ch });
    expect(s.current).toBe('Parser again');
    expect(s.render(60, 10).lines.map(plain)[0]).toBe("(reverse-i-search)`pars': ");
    s.handle({ name: 'r', ctrl: true });
    expect(s.current).toBe('fix the parser');
    s.handle({ name: 'r', ctrl: true });
    expect(s.current).toBe('fix the parser');
    expect(s.handle({ name: 'enter' })).toBe('close');
    expect(composer).toBe('fix the parser');

    const t = new HistorySearch(entries, 'draft', (x) => (composer = x));
    for (const ch of 'zzz') t.handle({ name: 'text', text: ch });
    expect(t.current).toBeUndefined();
    expect(t.render(60, 10).lines.map(plain).slice(0, 2)).toEqual(["(failing reverse-i-search)`zzz': ", '  no match']);
    expect(t.handle({ name: 'escape' })).toBe('close');
    expect(composer).toBe('draft');
    // Duplicates appear once.
    const u = new HistorySearch(entries, '', () => undefined);
    for (const ch of 'add') u.handle({ name: 'text', text: ch });
    u.handle({ name: 'r', ctrl: true });
    expect(u.current).toBe('add tests');
  });
});

describe('Ctrl+G external editor', () => {
  const suspend = <T>(fn: () => Promise<T>): Promise<T> => fn();
  it('edits through a temp file with $VISUAL before $EDITOR; failures leave the text unchanged', async () => {
    const ed = join(dir, 'my editor.sh');
    writeFileSync(ed, '#!/bin/sh\n[ "$1" = "--flag" ] || exit 9\nprintf "edited: %s\\n" "$(cat "$2")" > "$2"\n');
    chmodSync(ed, 0o755);
    expect(editorCommand({ VISUAL: `"${ed}" --flag`, EDITOR: 'nano' })).toEqual([ed, '--flag']);
    expect(editorCommand({ VISUAL: ' ', EDITOR: 'nano -w' })).toEqual(['nano', '-w']);
    expect(editorCommand({})).toBeUndefined();
    expect(await editExternally('my draft', { VISUAL: `"${ed}" --flag`, PATH: process.env.PATH }, suspend)).toEqual({ kind: 'edited', text: 'edited: my draft' });
    expect(await editExternally('x', { EDITOR: '/bin/false' }, suspend)).toEqual({ kind: 'error', message: 'The editor /bin/false exited with code 1; the message is unchanged.' });
    expect(await editExternally('x', { EDITOR: join(dir, 'missing') }, suspend)).toMatchObject({ kind: 'error', message: expect.stringContaining('Could not start the editor') });
    expect(await editExternally('x', {}, suspend)).toEqual({ kind: 'info', message: 'Set $VISUAL or $EDITOR to edit the message in an external editor.' });
  });
});
