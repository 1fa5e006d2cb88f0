// The control surfaces through the real bin in a PTY against the scripted model: Esc Esc
// backtrack to a fork, the Ctrl+T transcript pager (search, copy via OSC 52) in both render
// modes and at 40 columns, the warnings tray, highlighted diffs and the light theme.
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

const long = Array.from({ length: 30 }, (_, i) => `Line ${i + 1} of a long answer.`).join('\n\n');
const osc52 = (text: string): string => `\x1b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\x07`;

describe('codex-tui backtrack', () => {
  it.each([
    ['inline', []],
    ['full screen', ['-c', 'tui.alternate_screen=true']],
  ])('%s: Esc Esc picks an earlier message; the edited text is sent through sessions.fork with its index', async (_mode, extra) => {
    server.queueResponses(turn.message('Answer one.'), turn.message('Answer two.'), turn.message('Answer three.'), turn.message('Forked answer.'));
    const log = join(sb.root, 'sessions.jsonl');
    tui = startTui(['-s', 'read-only', '-a', 'never', ...extra], { sb, baseUrl: server.baseUrl, env: { CODEX_TUI_TEST_SESSIONS_LOG: log } });
    await tui.waitFor(READY);
    for (const [q, a] of [['alpha question', 'Answer one.'], ['beta question', 'Answer two.'], ['gamma question', 'Answer three.']] as const) {
      tui.write(`${q}\r`);
      await tui.waitFor(a);
      await tui.waitFor((s) => !s.includes('Working'));
    }
    tui.write('\x1b');
    await tui.waitFor('esc again to edit previous message');
    tui.write('\x1b');
    await tui.waitFor('enter to edit message');
    expect(tui.screen().filter((r) => r.startsWith('▌'))).toEqual(['▌ › gamma question']);
    tui.write('\x1b');
    await tui.waitFor((s) => s.includes('▌ › beta question'));
    tui.write('\r');
    await tui.waitFor('editing message 2');
    expect(tui.screen().join('\n')).toContain('› beta question');
    tui.write(' (edited)\r');
    await tui.waitFor('Forked answer.');
    const calls = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as unknown);
    expect(calls).toEqual([{ call: 'fork', nthUserMessage: 1, prefill: 'beta question (edited)', redraw: false }]);
    expect(server.responsesRequests().at(-1)!.body).toContain('beta question (edited)');
    // As Codex: the chat is re-drawn from the kept transcript; the dropped messages are gone
    // from the screen and (inline) from the scrollback, cleared with ED 3.
    const chat = tui.all().join('\n');
    for (const kept of ['alpha question', 'Answer one.', 'beta question (edited)', 'Forked answer.']) expect(chat).toContain(kept);
    for (const dropped of ['gamma question', 'Answer three.', 'Answer two.']) expect(chat).not.toContain(dropped);
    expect(chat.match(/>_ Codex-TS/g)).toHaveLength(1);
    if (extra.length === 0) expect(tui.raw()).toContain('\x1b[3J');
    expect(await quit(tui)).toBe(0);
  });
});

describe('codex-tui transcript pager', () => {
  it('inline mode: Ctrl+T shows the whole transcript on the alternate screen; / searches; y copies via OSC 52', async () => {
    server.queueResponses(turn.message('The needle is here.'), turn.message(long));
    tui = startTui(['-s', 'read-only', '-a', 'never'], { sb, baseUrl: server.baseUrl, rows: 20 });
    await tui.waitFor(READY);
    tui.write('first message\r');
    await tui.waitFor('The needle is here.');
    tui.write('long one\r');
    await tui.waitFor('Line 30 of a long answer.');
    await tui.waitFor((s) => !s.includes('Working'));
    expect(tui.screen().join('\n')).not.toContain('first message');
    tui.write('\x14');
    await tui.waitFor('T R A N S C R I P T');
    expect(tui.raw()).toContain('\x1b[?1049h');
    tui.write('\x1b[H'); // Home: the top, with the scrolled-off first message
    await tui.waitFor('› first message');
    tui.write('/needle');
    await tui.waitFor('/needle');
    tui.write('\r');
    await tui.waitFor('Match 1 of 1 for "needle"');
    tui.write('y');
    await tui.waitFor('Copied the cell (1 line, 19 chars) via OSC 52');
    expect(tui.raw()).toContain(osc52('The needle is here.'));
    // A range: from the cell of the current match (searched) through two more cells.
    tui.write('/first message\r');
    await tui.waitFor('Match 1 of 1 for "first message"');
    tui.write('v');
    tui.write('\x1b[B');
    tui.write('\x1b[B');
    tui.write('y');
    await tui.waitFor('Copied 3 cells');
    expect(tui.raw()).toContain(osc52('first message\n\nThe needle is here.\n\nlong one'));
    // A resize while the pager is open: it re-lays out at the new width.
    tui.resize(70, 20);
    await tui.waitFor((s) => s.split('\n')[0]!.startsWith('/ T R A N S C R I P T') && s.split('\n')[0]!.length <= 70 && s.split('\n')[0]!.length > 60);
    for (const r of tui.screen()) expect(r.length).toBeLessThanOrEqual(70);
    tui.write('q');
    await tui.waitFor(READY);
    expect(tui.raw()).toContain('\x1b[?1049l');
    expect(tui.screen().filter((r) => r.includes('Ask Codex to do anything'))).toHaveLength(1);
    // Back on the normal screen: the chat is still in the scrollback, once.
    const all = tui.all().join('\n');
    expect(all.split('› first message').length - 1).toBe(1);
    expect(all).not.toContain('T R A N S C R I P T');
    expect(await quit(tui)).toBe(0);
  });

  it('full-screen mode at 40 columns: the pager fits, follows a resize, and closes with Ctrl+T', async () => {
    server.queueResponses(turn.message('A reasonably long answer that has to wrap at forty columns, twice at least.'));
    tui = startTui(['-s', 'read-only', '-a', 'never', '-c', 'tui.alternate_screen=true'], { sb, baseUrl: server.baseUrl, cols: 40, rows: 16 });
    await tui.waitFor(READY);
    tui.write('narrow\r');
    await tui.waitFor('twice at least.');
    tui.write('\x14');
    await tui.waitFor('T R A N S C R I P T');
    let rows = tui.screen();
    for (const r of rows) expect(r.length).toBeLessThanOrEqual(40);
    expect(rows[0]).toMatch(/^\/ T R A N S C R I P T \//);
    expect(rows.join('\n')).toContain('› narrow');
    tui.resize(60, 16);
    await tui.waitFor((s) => s.split('\n')[0]!.length > 44);
    rows = tui.screen();
    expect(rows[0]!.length).toBeLessThanOrEqual(60);
    expect(rows.join('\n')).toMatch(/A reasonably long answer that has to wrap at forty/);
    tui.write('\x14');
    await tui.waitFor(READY);
    expect(tui.screen().join('\n')).not.toContain('T R A N S C R I P T');
    expect(await quit(tui)).toBe(0);
  });
});

describe('codex-tui warnings tray, highlighting and theme', () => {
  it('an MCP server that fails to start goes to the tray; F2 shows it', async () => {
    tui = startTui(['-s', 'read-only', '-a', 'never', '-c', 'mcp_servers.broken.command="/bin/false"'], { sb, baseUrl: server.baseUrl });
    await tui.waitFor(READY);
    await tui.waitFor('⚠ 1 warning · f2 to view');
    tui.write('\x1bOQ');
    await tui.waitFor('Warnings · 1 of 1 · MCP · broken');
    expect(tui.screen().join('\n')).toMatch(/MCP server `broken` failed to start/);
    tui.write('\x1b');
    await tui.waitFor((s) => !s.includes('Warnings ·') && s.includes('f2 to view'));
    expect(await quit(tui)).toBe(0);
  });

  const patch = '*** Begin Patch\n*** Add File: src/app.ts\n+export const answer = 42;\n*** End Patch';

  it('colours a patch by the file language on tinted diff backgrounds (dark)', async () => {
    server.queueResponses(turn.applyPatch(patch), turn.message('Patched.'));
    tui = startTui(['-s', 'workspace-write', '-a', 'never'], { sb, baseUrl: server.baseUrl });
    await tui.waitFor(READY);
    tui.write('Patch it\r');
    await tui.waitFor('Patched.');
    expect(existsSync(join(sb.workspace, 'src/app.ts'))).toBe(true);
    // `+` green, `export` a magenta keyword, `42` a yellow number, all on the dark green tint.
    expect(tui.styleAt('+export const')).toEqual({ fg: 2, bg: 22, bold: true, reverse: false });
    expect(tui.styleAt('+export const', 1)).toEqual({ fg: 5, bg: 22, bold: false, reverse: false });
    expect(tui.styleAt('42;')).toEqual({ fg: 3, bg: 22, bold: false, reverse: false });
    expect(tui.styleAt('answer =')).toEqual({ fg: -1, bg: 22, bold: false, reverse: false });
    expect(await quit(tui)).toBe(0);
  });

  it('light backgrounds (COLORFGBG, or tui.theme) get darker colours and pale tints', async () => {
    server.queueResponses(turn.applyPatch(patch), turn.message('Patched.'));
    tui = startTui(['-s', 'workspace-write', '-a', 'never'], { sb, baseUrl: server.baseUrl, env: { COLORFGBG: '0;15' } });
    await tui.waitFor(READY);
    tui.write('Patch it\r');
    await tui.waitFor('Patched.');
    expect(tui.styleAt('+export const')).toEqual({ fg: 28, bg: 194, bold: true, reverse: false });
    expect(tui.styleAt('+export const', 1)).toEqual({ fg: 127, bg: 194, bold: false, reverse: false });
    expect(await quit(tui)).toBe(0);
    // The config wins over the environment.
    tui = startTui(['-s', 'read-only', '-a', 'never', '-c', 'tui.theme="light"'], { sb, baseUrl: server.baseUrl, env: { COLORFGBG: '15;0' } });
    await tui.waitFor(READY);
    tui.write('\x1bOQ');
    await tui.waitFor('No warnings.');
    expect(tui.styleAt('gpt-5-codex · ')?.fg).toBe(-1);
    expect(tui.raw()).not.toMatch(/\x1b\](10|11);\?/);
    expect(await quit(tui)).toBe(0);
  });
});
