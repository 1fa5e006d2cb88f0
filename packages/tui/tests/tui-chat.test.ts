// The TUI as a user sees it: the real bin in a PTY, a headless xterm reading the screen,
// the scripted model server answering. No timing assertions: every wait is for content.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { turn, type ScriptedModelServer } from '@codex-ts/test-support';
import { makeSandbox, quit, READY, startTui, type Sandbox, type TuiRun, usePtySuite } from './pty-harness.js';

let sb: Sandbox;
let server: ScriptedModelServer;
let tui: TuiRun | undefined;

usePtySuite({
  started: (s, srv) => ((sb = s), (server = srv)),
  running: () => tui,
  stopped: () => (tui = undefined),
});

const ANSWER = [
  '# Result',
  '',
  'Here is **bold** text and `inline` code:',
  '',
  '```js',
  'const answer = 42; // the answer',
  '```',
  '',
  '| file | lines |',
  '|---|---|',
  '| alpha.ts | 12 |',
  '',
  '- first point',
  '- second point',
].join('\n');


describe('codex-tui (inline mode)', () => {
  it('first screen: header, composer and status; Ctrl+C twice exits with the resume line', async () => {
    tui = startTui(['-s', 'read-only', '-a', 'never'], { sb, baseUrl: server.baseUrl });
    await tui.waitFor(READY);
    const screen = tui.screen().join('\n');
    expect(screen).toContain('>_ Codex-TS');
    expect(screen).toContain(`directory: ${sb.workspace}`);
    expect(screen).toMatch(/gpt-5-codex · .* · read-only · never/);
    expect(await quit(tui)).toBe(0);
    // The provisional "loading" header of the first frame was replaced, not left behind.
    expect(tui.all().join('\n').split('>_ Codex-TS').length - 1).toBe(1);
    const raw = tui.raw();
    expect(raw).toMatch(/To continue this session, run codex resume [0-9a-f-]{36}/);
    // Inline: no alternate screen, no full clear, and no terminal query that could stall.
    expect(raw).not.toContain('\x1b[?1049h');
    expect(raw).not.toContain('\x1b[2J');
    for (const q of ['\x1b[6n', '\x1b[c', '\x1b]10;?', '\x1b]11;?', '\x1b[?u']) expect(raw).not.toContain(q);
    expect(existsSync(join(sb.home, 'log', 'codex-tui.log'))).toBe(true);
  });

  it('streams a markdown answer (code block, table, list) that stays in scrollback after exit', async () => {
    const deltas = ANSWER.split(/(?<=\n)/);
    server.queueResponses({ events: turn.message(ANSWER, { deltas, usage: { input_tokens: 1200, output_tokens: 34 } }), eventDelayMs: 30 });
    tui = startTui(['-s', 'read-only', '-a', 'never'], { sb, baseUrl: server.baseUrl });
    await tui.waitFor(READY);
    tui.write('Explain the code');
    tui.write('\r');
    await tui.waitFor('second point');
    await tui.waitFor(/1\.2K tokens/);
    const screen = tui.screen().join('\n');
    expect(screen).toContain('› Explain the code');
    expect(screen).toContain('Here is bold text and inline code:');
    expect(screen).toContain('const answer = 42; // the answer');
    expect(screen).not.toContain('```');
    expect(screen).toMatch(/│ file\s+│ lines │/);
    expect(screen).toMatch(/│ alpha\.ts │ 12\s+│/);
    expect(screen).toContain('• first point');
    expect(await quit(tui)).toBe(0);
    const all = tui.all().join('\n');
    expect(all).toContain('const answer = 42;');
    expect(all).toContain('Token usage: total=1,234 input=1,200 output=34');
    // The live area is never left behind: one composer at most (none after exit).
    expect(all.split('Ask Codex to do anything').length - 1).toBe(0);
  });

  it('shows a command cell with output tail, exit code and duration', async () => {
    server.queueResponses(turn.shell(['bash', '-lc', 'echo from-shell; seq 1 7']), turn.message('Ran it.'));
    tui = startTui(['-s', 'danger-full-access', '-a', 'never'], { sb, baseUrl: server.baseUrl });
    await tui.waitFor(READY);
    tui.write('Run it\r');
    await tui.waitFor('Ran it.');
    const screen = tui.screen().join('\n');
    expect(screen).toContain('• Ran echo from-shell; seq 1 7');
    expect(screen).toContain('… +3 lines');
    expect(screen).toMatch(/\n\s+7\n/);
    expect(screen).toMatch(/exit 0 · \d+(ms|\.\ds)/);
    expect(await quit(tui)).toBe(0);
  });

  it('shows a patch as a coloured diff with +/- counts per file', async () => {
    const patch = '*** Begin Patch\n*** Add File: hello.txt\n+hello\n+world\n*** Update File: README.md\n@@\n-# demo\n+# demo project\n*** End Patch';
    server.queueResponses(turn.applyPatch(patch), turn.message('Patched.'));
    tui = startTui(['-s', 'workspace-write', '-a', 'never'], { sb, baseUrl: server.baseUrl });
    await tui.waitFor(READY);
    tui.write('Patch it\r');
    await tui.waitFor('Patched.');
    const screen = tui.screen().join('\n');
    expect(screen).toContain('Applied patch · 2 files (+3 -1)');
    expect(screen).toContain('Added hello.txt (+2 -0)');
    expect(screen).toContain('Edited README.md (+1 -1)');
    expect(screen).toMatch(/\+hello\n\s+\+world/);
    expect(screen).toMatch(/-# demo\n\s+\+# demo project/);
    // Green additions and red deletions, on green and red tints.
    expect(tui.styleAt('+hello')).toEqual({ fg: 2, bg: 22, bold: true, reverse: false });
    expect(tui.styleAt('+hello', 1)).toEqual({ fg: -1, bg: 22, bold: false, reverse: false });
    expect(tui.styleAt('-# demo')).toEqual({ fg: 1, bg: 52, bold: true, reverse: false });
    expect(readFileSync(join(sb.workspace, 'hello.txt'), 'utf8')).toBe('hello\nworld\n');
    expect(await quit(tui)).toBe(0);
  });

  it('wraps to a 40-column terminal at word boundaries', async () => {
    const text = 'This sentence is long enough that it has to wrap several times in a narrow forty column terminal window.';
    server.queueResponses(turn.message(text));
    tui = startTui(['-s', 'read-only', '-a', 'never'], { sb, baseUrl: server.baseUrl, cols: 40, rows: 20 });
    await tui.waitFor(READY);
    tui.write('Narrow\r');
    await tui.waitFor('window.');
    const rows = tui.screen();
    const start = rows.findIndex((r) => r.startsWith('• This'));
    const block: string[] = [];
    for (let i = start; i < rows.length && rows[i] !== ''; i++) block.push(rows[i]!);
    expect(block.length).toBeGreaterThan(2);
    for (const r of block) expect(r.length).toBeLessThanOrEqual(40);
    expect(block.map((r) => r.slice(2).trim()).join(' ')).toBe(text);
    expect(rows.some((r) => r.includes('…'))).toBe(true); // the status line is cut to fit
    expect(await quit(tui)).toBe(0);
  });

  it('keeps the screen consistent when resized mid-stream', async () => {
    const lines = Array.from({ length: 12 }, (_, i) => `Streamed line number ${i + 1} of the answer, long enough to wrap when narrow.`);
    const text = lines.join('\n\n');
    server.queueResponses({ events: turn.message(text, { deltas: text.split(/(?<=\n\n)/) }), eventDelayMs: 150 });
    tui = startTui(['-s', 'read-only', '-a', 'never'], { sb, baseUrl: server.baseUrl, cols: 100, rows: 24 });
    await tui.waitFor(READY);
    tui.write('Stream\r');
    await tui.waitFor('Streamed line number 3 ');
    tui.resize(60, 24);
    await tui.waitFor((s) => s.includes('number 12 of the') && !s.includes('Working'));
    const screen = tui.screen().join('\n');
    expect(screen.split('Ask Codex to do anything').length - 1).toBe(1);
    for (const r of tui.screen()) expect(r.length).toBeLessThanOrEqual(60);
    const all = tui.all().join('\n');
    // After the resize the status line is drawn once more, never stacked up in the scrollback.
    expect(all.split('Ask Codex to do anything').length - 1).toBe(1);
    for (let i = 1; i <= 12; i++) expect(all).toContain(`Streamed line number ${i} `);
    // Rows drawn after the resize are wrapped to the new width.
    expect(all).toMatch(/Streamed line number 12 of the answer, long enough to wrap\s*\n\s+when narrow\./);
    expect(await quit(tui)).toBe(0);
  });
});
