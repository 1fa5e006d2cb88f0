// The terminal is an attack surface: hostile bytes from the model (answers, reasoning, tool
// calls) and from commands (their output) go through the real TUI in a PTY, and the terminal
// must come out unchanged: no title, no clipboard write, no alternate screen, no cursor jumps
// out of the live area, and the approval modal shows the whole real command.
import { describe, expect, it } from 'vitest';
import { assistantMessage, reasoning, turn, type ScriptedModelServer } from '@codex-ts/test-support';
import { quit, READY, startTui, type Sandbox, type TuiRun, usePtySuite } from './pty-harness.js';

let sb: Sandbox;
let server: ScriptedModelServer;
let tui: TuiRun | undefined;

usePtySuite({
  started: (s, srv) => ((sb = s), (server = srv)),
  running: () => tui,
  stopped: () => (tui = undefined),
});

/** Sequences that change the terminal, each with a parameter our own renderer never writes. */
const HOSTILE = [
  ['title (OSC 0)', '\x1b]0;pwned-title\x07'],
  ['title (OSC 2, ST)', '\x1b]2;pwned-title\x1b\\'],
  ['clipboard (OSC 52)', '\x1b]52;c;ZWNobyBwd25lZAo=\x07'],
  ['notification (OSC 9)', '\x1b]9;pwned-note\x07'],
  ['hyperlink (OSC 8)', '\x1b]8;;https://evil.example/\x1b\\'],
  ['alternate screen', '\x1b[?1049h'],
  ['clear screen', '\x1b[2J'],
  ['cursor up', '\x1b[77A'],
  ['cursor position', '\x1b[66;66H'],
  ['DCS', '\x1bP1$r0m\x1b\\'],
  ['APC', '\x1b_Gpwned\x1b\\'],
  ['full reset', '\x1bc'],
  ['C1 CSI', '\x9b55;55H'],
  ['C1 OSC', '\x9d0;pwned-c1\x9c'],
] as const;

const PAYLOAD = `${HOSTILE.map(([, seq], i) => `m${i}${seq}`).join(' ')} END`;

/** None of the hostile sequences (or their tell-tale parameters) reached the terminal. */
function expectUntouched(t: TuiRun): void {
  const raw = t.raw();
  const leaked = HOSTILE.filter(([, seq]) => raw.includes(seq)).map(([name]) => name);
  expect(leaked).toEqual([]);
  for (const bad of ['\x1b]0;', '\x1b]2;', '\x1b]52;', '\x1b]9;pwned', 'evil.example/\x1b', '\x1bP', '\x1b_', '\x1bc', '\x9b', '\x9d', '\x1b[2J', '\x1b[77A', '\x1b[66;66H']) {
    expect(raw.includes(bad), `raw output holds ${JSON.stringify(bad)}`).toBe(false);
  }
  expect(t.title()).toBe('');
  expect(t.altScreen()).toBe(false);
}

const screenText = (t: TuiRun): string => t.all().join('\n');

describe('codex-tui terminal safety', () => {
  it('neutralises escape sequences in the model answer, its reasoning and its links', async () => {
    server.queueResponses(
      turn.of([
        reasoning({ summary: `**Thinking** r-start ${PAYLOAD}` }),
        assistantMessage(`a-start ${PAYLOAD}\n\nSee [the docs](https://docs.example/\x1b]0;pwned-link\x07x), [local](file:///tmp/\x07x) and [https://good.example](https://evil.example/x).`),
      ]),
    );
    tui = startTui(['-s', 'read-only', '-a', 'never', '-c', 'show_raw_agent_reasoning=true'], { sb, baseUrl: server.baseUrl });
    await tui.waitFor(READY);
    tui.write('Say hello\r');
    await tui.waitFor('a-start');
    await tui.waitFor((s) => !s.includes('Working'));
    expectUntouched(tui);
    const all = screenText(tui);
    // The text around each sequence is all there, in order; leftovers are drawn visibly.
    expect(all).toMatch(/a-start m0 m1 m2 m3 m4 m5 m6 m7 m8 m9 m10 m11 m12 m13 END/);
    // A link's target is always shown: its text cannot pass one URL off as another.
    expect(all).toMatch(/https:\/\/good\.example\s+\(https:\/\/evil\.example\/x\)/);
    // What was asked is still in the scrollback (nothing cleared it or overwrote it).
    expect(all.match(/› Say hello/g)).toHaveLength(1);
    expect(await quit(tui)).toBe(0);
  });

  it('neutralises escape sequences in command output and keeps the transcript intact', async () => {
    // printf interprets the escapes, so the bytes come from the command, not the model.
    const script = `printf 'out-start \\033]0;pwned-title\\007 \\033]52;c;ZWNobyBwd25lZAo=\\007 \\033[?1049h \\033[2J \\033[77A \\033c \\302\\23355;55H out-end\\n'; printf '10%%\\r100%%\\n'`;
    server.queueResponses(turn.shell(['bash', '-lc', script]), turn.message('Printed it.'));
    tui = startTui(['-s', 'read-only', '-a', 'never'], { sb, baseUrl: server.baseUrl });
    await tui.waitFor(READY);
    tui.write('Print\r');
    await tui.waitFor('Printed it.');
    expectUntouched(tui);
    const all = screenText(tui);
    expect(all).toMatch(/out-start\s+out-end/);
    // A progress bar's carriage returns render as the terminal would have shown them.
    expect(all).toMatch(/^\s+100%$/m);
    expect(all.match(/› Print/g)).toHaveLength(1);
    expect(await quit(tui)).toBe(0);
  });

  it('shows the real command for approval: sequences, \\r tricks, bidi and zero-width characters are visible', async () => {
    const cmd = `echo safe\x1b]0;pwned-title\x07 # \u202e; rm -rf ~ \u2066\rls -l\u200b`;
    server.queueResponses(turn.shell(['bash', '-lc', cmd]), turn.message('Stopped.'));
    tui = startTui(['-s', 'read-only', '-a', 'untrusted'], { sb, baseUrl: server.baseUrl });
    await tui.waitFor(READY);
    tui.write('Run it\r');
    await tui.waitFor('Would you like to run the following command?');
    const screen = tui.screen().join('\n');
    expect(screen).toContain('$ echo safe␛]0;pwned-title␇ # <U+202E>; rm -rf ~ <U+2066>␍ls -l<U+200B>');
    // The "don't ask again" choice names the same command, just as visibly.
    expect(screen).toMatch(/don't ask again for `echo safe␛]0;pwned-title␇/);
    // The notification carries no control either.
    expect(tui.raw()).not.toMatch(/\x1b\]9;[^\x07]*\x1b/);
    tui.write('\x1b');
    await tui.waitFor((s) => !s.includes('Would you like to run'));
    expectUntouched(tui);
    expect(await quit(tui)).toBe(0);
  });

  it('keeps a multi-line or padded command readable to its end in the approval modal', async () => {
    const padded = `ls${'\u00a0'.repeat(4000)}; touch pwned-marker`;
    const multi = 'touch one\ntouch two\ntouch three';
    server.queueResponses(turn.shell(['bash', '-lc', padded]), turn.message('First.'), turn.shell(['bash', '-lc', multi]), turn.message('Second.'));
    tui = startTui(['-s', 'read-only', '-a', 'untrusted'], { sb, baseUrl: server.baseUrl, rows: 24 });
    await tui.waitFor(READY);
    tui.write('Padded\r');
    await tui.waitFor('Would you like to run the following command?');
    // The padding is counted, and the part after it is on screen.
    expect(tui.screen().join('\n')).toMatch(/\$ ls ␠×4000 ; touch pwned-marker/);
    tui.write('n');
    await tui.waitFor("You did not approve codex to run ls ␠×4000 ; touch pwned-marker");
    await tui.waitFor('First.');
    tui.write('Lines\r');
    await tui.waitFor('Would you like to run the following command?');
    // Each line of the script on its own row of the modal, none overwriting another.
    expect(tui.screen().join('\n')).toMatch(/\$ touch one\n▌\s+touch two\n▌\s+touch three/);
    tui.write('n');
    await tui.waitFor('Second.');
    const all = screenText(tui);
    expect(all.match(/› Padded/g)).toHaveLength(1);
    expect(all.match(/› Lines/g)).toHaveLength(1);
    expect(await quit(tui)).toBe(0);
  });
});
