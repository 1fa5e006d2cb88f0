// Approvals, interrupts, the composer's keys and history, NO_COLOR and the full-screen
// mode, through the real bin in a PTY against the scripted model server.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
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


const ready = async (t: TuiRun): Promise<void> => t.waitFor(READY);

describe('codex-tui approvals', () => {
  it('asks before running a command; y runs it, n denies the next one', async () => {
    server.queueResponses(
      turn.shell(['bash', '-lc', 'touch approved-marker']),
      turn.message('Created it.'),
      turn.shell(['bash', '-lc', 'touch denied-marker']),
      turn.message('Not created.'),
    );
    tui = startTui(['-s', 'workspace-write', '-a', 'untrusted'], { sb, baseUrl: server.baseUrl });
    await ready(tui);
    tui.write('Create the marker\r');
    await tui.waitFor('Would you like to run the following command?');
    let screen = tui.screen().join('\n');
    expect(screen).toContain('$ touch approved-marker');
    expect(screen).toMatch(/1\. Yes, proceed \(y\)/);
    expect(screen).toMatch(/don't ask again .* \(a\)/);
    expect(screen).toMatch(/No, and tell Codex what to do differently \(n\)/);
    expect(screen).toMatch(/\(esc\)/);
    // Bell and an OSC 9 desktop notification announce the wait.
    expect(tui.raw()).toContain('\x07\x1b]9;Approval requested: touch approved-marker\x07');
    expect(existsSync(join(sb.workspace, 'approved-marker'))).toBe(false);
    tui.write('y');
    await tui.waitFor('Created it.');
    expect(existsSync(join(sb.workspace, 'approved-marker'))).toBe(true);
    expect(tui.screen().join('\n')).toContain('✔ You approved codex to run touch approved-marker this time');

    tui.write('Another one\r');
    await tui.waitFor('$ touch denied-marker');
    tui.write('n');
    await tui.waitFor('Not created.');
    screen = tui.screen().join('\n');
    expect(screen).toContain('✗ You did not approve codex to run touch denied-marker');
    expect(existsSync(join(sb.workspace, 'denied-marker'))).toBe(false);
    // The model was told (the function output of the denied call went back to it).
    const last = server.responsesRequests().at(-1)!;
    expect(last.body).toMatch(/rejected|denied|declined/i);
    expect(await quit(tui)).toBe(0);
  });

  it('Esc on the approval modal aborts the turn', async () => {
    server.queueResponses(turn.shell(['bash', '-lc', 'touch aborted-marker']));
    tui = startTui(['-s', 'workspace-write', '-a', 'untrusted'], { sb, baseUrl: server.baseUrl });
    await ready(tui);
    tui.write('Create\r');
    await tui.waitFor('$ touch aborted-marker');
    tui.write('\x1b');
    await tui.waitFor('Interrupted');
    await tui.waitFor((s) => s.includes('Ask Codex to do anything') && !s.includes('Working'));
    expect(tui.screen().join('\n')).toContain('✗ You canceled the request to run touch aborted-marker');
    expect(existsSync(join(sb.workspace, 'aborted-marker'))).toBe(false);
    expect(await quit(tui)).toBe(0);
  });
});

/** Processes whose command line contains `marker`. */
function processesWith(marker: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmd.includes(marker)) found.push(`${pid}: ${cmd.replace(/\0/g, ' ')}`);
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

describe('codex-tui patch approval and exit', () => {
  it('asks before applying a patch outside the sandbox; y applies it with the diff shown', async () => {
    server.queueResponses(turn.applyPatch('*** Begin Patch\n*** Add File: notes.txt\n+approved note\n*** End Patch'), turn.message('Noted.'));
    tui = startTui(['-s', 'read-only', '-a', 'untrusted'], { sb, baseUrl: server.baseUrl });
    await ready(tui);
    tui.write('Write a note\r');
    await tui.waitFor('Would you like to make the following edits?');
    const screen = tui.screen().join('\n');
    expect(screen).toContain('Added notes.txt (+1 -0)');
    expect(screen).toContain('+approved note');
    expect(existsSync(join(sb.workspace, 'notes.txt'))).toBe(false);
    tui.write('y');
    await tui.waitFor('Noted.');
    expect(tui.screen().join('\n')).toContain('✔ You approved codex to apply these edits this time');
    expect(readFileSync(join(sb.workspace, 'notes.txt'), 'utf8')).toBe('approved note\n');
    expect(await quit(tui)).toBe(0);
  });

  it('quitting during a running command kills it: nothing is left running', async () => {
    const marker = `tui-marker-${randomUUID()}`;
    server.queueResponses(turn.shell(['bash', '-c', `sleep 60; echo ${marker} > late.txt`]));
    tui = startTui(['-s', 'danger-full-access', '-a', 'never'], { sb, baseUrl: server.baseUrl });
    await ready(tui);
    tui.write('Run the slow thing\r');
    await tui.waitFor('• Running sleep 60');
    expect(processesWith(marker).length).toBeGreaterThan(0);
    expect(await quit(tui)).toBe(0);
    expect(processesWith(marker)).toEqual([]);
    expect(existsSync(join(sb.workspace, 'late.txt'))).toBe(false);
  });
});

describe('codex-tui control and composer', () => {
  it('Esc interrupts a streaming turn and the composer is usable again', async () => {
    const text = Array.from({ length: 40 }, (_, i) => `chunk-${i} `).join('');
    server.queueResponses({ events: turn.message(text, { deltas: text.split(/(?<= )/) }), eventDelayMs: 400 }, turn.message('Second answer.'));
    tui = startTui(['-s', 'read-only', '-a', 'never'], { sb, baseUrl: server.baseUrl });
    await ready(tui);
    tui.write('Long answer please\r');
    await tui.waitFor('chunk-1 ');
    expect(tui.screen().join('\n')).toContain('esc to interrupt');
    tui.write('\x1b');
    await tui.waitFor('Interrupted');
    await tui.waitFor((s) => !s.includes('Working'));
    expect(tui.screen().join('\n')).not.toContain('chunk-39');
    tui.write('Next\r');
    await tui.waitFor('Second answer.');
    expect(await quit(tui)).toBe(0);
  });

  it('Ctrl+J inserts a newline, Enter sends the multi-line message; Up recalls history.jsonl', async () => {
    writeFileSync(join(sb.home, 'history.jsonl'), `${JSON.stringify({ session_id: 's', ts: 1, text: 'an older prompt' })}\nnot json\n${JSON.stringify({ session_id: 's', ts: 2, text: 'the latest prompt' })}\n`);
    server.queueResponses(turn.message('Got both lines.'));
    tui = startTui(['-s', 'read-only', '-a', 'never'], { sb, baseUrl: server.baseUrl });
    await ready(tui);
    tui.write('\x1b[A');
    await tui.waitFor('› the latest prompt');
    tui.write('\x1b[A');
    await tui.waitFor('› an older prompt');
    tui.write('\x1b[B\x1b[B');
    await ready(tui);
    tui.write('first line\nsecond line');
    await tui.waitFor('  second line');
    tui.write('\x1b[D\x1b[D\x1b[DX'); // editing keys: cursor left three, insert
    await tui.waitFor('  second lXine');
    tui.write('\r');
    await tui.waitFor('Got both lines.');
    expect(tui.screen().join('\n')).toMatch(/› first line\n\s+second lXine/);
    expect(server.responsesRequests()[0]!.body).toContain('first line\\nsecond lXine');
    expect(await quit(tui)).toBe(0);
    // The message sent was appended to history.jsonl for the next session's Up.
    const lines = readFileSync(join(sb.home, 'history.jsonl'), 'utf8').trimEnd().split('\n');
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ text: 'first line\nsecond lXine' });
  });

  it('? shows the shortcuts on an empty composer; the next key closes them', async () => {
    tui = startTui(['-s', 'read-only', '-a', 'never'], { sb, baseUrl: server.baseUrl });
    await ready(tui);
    expect(tui.screen().join('\n')).toContain('? for shortcuts');
    tui.write('?');
    await tui.waitFor('interrupt the running turn');
    expect(tui.screen().join('\n')).toMatch(/y \/ a \/ n \/ esc\s+approval: once \/ this session \/ deny \/ abort/);
    tui.write('h');
    await tui.waitFor((s) => !s.includes('interrupt the running turn') && s.includes('› h'));
    // With text in the composer, ? is just a character.
    tui.write('?');
    await tui.waitFor('› h?');
    expect(await quit(tui)).toBe(0);
  });

  it('NO_COLOR turns colour off (the failed command is still marked by text)', async () => {
    server.queueResponses(turn.shell(['bash', '-lc', 'exit 3']), turn.message('Failed, as planned.'));
    tui = startTui(['-s', 'danger-full-access', '-a', 'never'], { sb, baseUrl: server.baseUrl, env: { NO_COLOR: '1' } });
    await ready(tui);
    tui.write('Fail\r');
    await tui.waitFor('Failed, as planned.');
    expect(tui.screen().join('\n')).toContain('exit 3');
    expect(await quit(tui)).toBe(0);
    expect(tui.raw()).not.toMatch(/\x1b\[[0-9;]*3[1-7]m/);
  });

  it('full-screen mode (tui.alternate_screen) uses the alternate screen and restores it on exit', async () => {
    server.queueResponses(turn.message('In the alternate screen.'));
    tui = startTui(['-s', 'read-only', '-a', 'never', '-c', 'tui.alternate_screen=true'], { sb, baseUrl: server.baseUrl, rows: 20 });
    await ready(tui);
    expect(tui.raw()).toContain('\x1b[?1049h');
    tui.write('Hello\r');
    await tui.waitFor('In the alternate screen.');
    // The composer sits on the bottom rows of the screen.
    const rows = tui.screen();
    expect(rows[18]).toContain('› Ask Codex to do anything');
    expect(rows[19]).toContain('gpt-5-codex');
    expect(await quit(tui)).toBe(0);
    expect(tui.raw()).toContain('\x1b[?1049l');
    // Back on the normal screen: the provisional first frame was erased before the switch,
    // so only the exit lines are left.
    const normal = tui.screen().join('\n');
    expect(normal).toMatch(/To continue this session, run codex resume/);
    expect(normal).not.toContain('Codex-TS');
    expect(normal).not.toContain('loading');
    expect(tui.raw()).not.toContain('\x1b[2J\x1b[?2026l');
  });
});
