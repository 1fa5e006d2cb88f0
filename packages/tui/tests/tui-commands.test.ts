// The commands added for Codex 0.169 parity, through the real bin in a PTY against the
// scripted model server: /review presets (a review turn of its own), `!cmd`, /copy, /export,
// custom prompts, /permissions, /pwd and /clear. No timing assertions.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { turn, type ScriptedModelServer } from '@codex-ts/test-support';
import { quit, READY, startTui, type Sandbox, type TuiRun, usePtySuite } from './pty-harness.js';

let sb: Sandbox;
let server: ScriptedModelServer;
let tui: TuiRun | undefined;

usePtySuite({
  started: (s, srv) => ((sb = s), (server = srv)),
  running: () => tui,
  stopped: () => (tui = undefined),
});

const start = async (args: string[] = ['-s', 'workspace-write', '-a', 'never']): Promise<TuiRun> => {
  const t = startTui(args, { sb, baseUrl: server.baseUrl });
  await t.waitFor(READY);
  return t;
};
/** Type a slash command, wait for its popup row, press Enter. */
async function command(t: TuiRun, name: string): Promise<void> {
  t.write(`/${name}`);
  await t.waitFor(new RegExp(`› /${name} `));
  t.write('\r');
}
const git = (...args: string[]): string => spawnSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...args], { cwd: sb.workspace, encoding: 'utf8' }).stdout.trim();
type Body = { instructions: string; input: Array<{ role?: string; content?: Array<{ text?: string }> }> };
const texts = (n: number): string[] => ((server.responsesRequests()[n]!.json as Body).input ?? []).flatMap((i) => (i.content ?? []).map((c) => c.text ?? ''));

const FINDINGS = {
  findings: [{ title: '[P2] Missing newline', body: 'b.txt has no trailing newline.', confidence_score: 0.6, priority: 2, code_location: { absolute_file_path: '/ws/b.txt', line_range: { start: 1, end: 1 } } }],
  overall_correctness: 'patch is correct',
  overall_explanation: 'Looks fine apart from one nit.',
  overall_confidence_score: 0.8,
};

describe('codex-tui /review', () => {
  it('presets → commit picker → a review of that commit; its findings reach the chat and the next turn', async () => {
    git('add', '.');
    git('commit', '-qm', 'first');
    writeFileSync(join(sb.workspace, 'b.txt'), 'b');
    git('add', '.');
    git('commit', '-qm', 'add b');
    const sha = git('rev-parse', 'HEAD');
    server.queueResponses(turn.message(JSON.stringify(FINDINGS)), turn.message('Will fix the newline.'));
    tui = await start();
    await command(tui, 'review');
    await tui.waitFor('Select a review preset');
    expect(tui.screen().map((l) => l.trimEnd()).join('\n')).toMatch(/› 1\. Review against a base branch +\(PR Style\)\n {2}2\. Review uncommitted changes\n {2}3\. Review a commit\n {2}4\. Custom review instructions/);
    tui.write('3');
    await tui.waitFor('Select a commit to review');
    expect(tui.screen().map((l) => l.trimEnd()).join('\n')).toMatch(/› add b +[0-9a-f]{7}\n {2}first/);
    tui.write('\r');
    await tui.waitFor('<< Code review finished >>');
    await tui.waitFor('[P2] Missing newline — /ws/b.txt:1-1');
    const screen = tui.screen().join('\n');
    expect(screen).toContain('>> Code review started: commit ' + sha.slice(0, 7) + ': add b <<');
    expect(screen).toContain('Looks fine apart from one nit.');
    // The reviewer's JSON is never shown.
    expect(screen).not.toContain('overall_correctness');
    const review = server.responsesRequests()[0]!.json as Body;
    expect(review.instructions.startsWith('# Review guidelines')).toBe(true);
    expect(texts(0).at(-1)).toBe(`Review the code changes introduced by commit ${sha} ("add b"). Report prioritized, actionable findings.`);

    tui.write('fix it');
    await tui.waitFor('› fix it');
    tui.write('\r');
    await tui.waitFor('Will fix the newline.');
    const next = texts(1);
    expect(next.some((t) => t.startsWith('<user_action>') && t.includes('[P2] Missing newline — /ws/b.txt:1-1'))).toBe(true);
    expect(next.at(-1)).toBe('fix it');
    expect(await quit(tui)).toBe(0);
  });
});

describe('codex-tui !cmd, /copy, /export', () => {
  it('runs a shell command without a request, copies the last answer, exports the chat; the model sees the command later', async () => {
    server.queueResponses(turn.message('The answer is 42.'), turn.message('Saw your command.'));
    tui = await start();
    tui.write('hi');
    await tui.waitFor('› hi');
    tui.write('\r');
    await tui.waitFor('The answer is 42.');
    await command(tui, 'copy');
    await tui.waitFor('Copied the last response');
    expect(tui.raw()).toContain(`\x1b]52;c;${Buffer.from('The answer is 42.').toString('base64')}\x07`);

    tui.write('!echo pty-shell-$((6*7))');
    await tui.waitFor('› !echo pty-shell');
    tui.write('\r');
    await tui.waitFor('You ran echo pty-shell-$((6*7))');
    await tui.waitFor('pty-shell-42');
    expect(server.responsesRequests()).toHaveLength(1);

    tui.write('/export chat.md');
    await tui.waitFor('› /export chat.md');
    tui.write('\r');
    await tui.waitFor(`Saved conversation to ${join(sb.workspace, 'chat.md')}`);
    const md = readFileSync(join(sb.workspace, 'chat.md'), 'utf8');
    expect(md).toMatch(/^# Codex conversation\n\n## User\n\nhi\n\n## Assistant\n\nThe answer is 42\.\n/);
    expect(md).toContain('    • You ran echo pty-shell-$((6*7))');
    // A second export to the same name is refused; the file stays as it was.
    tui.write('/export chat.md');
    await tui.waitFor('› /export chat.md');
    tui.write('\r');
    await tui.waitFor('already exists; choose another name');
    expect(readFileSync(join(sb.workspace, 'chat.md'), 'utf8')).toBe(md);

    tui.write('and now?');
    await tui.waitFor('› and now?');
    tui.write('\r');
    await tui.waitFor('Saw your command.');
    expect(texts(1).some((t) => t.startsWith('<user_shell_command>\n<command>\necho pty-shell-$((6*7))\n</command>\n<result>\nExit code: 0\n') && t.includes('Output:\npty-shell-42\n'))).toBe(true);
    expect(await quit(tui)).toBe(0);
  });
});

describe('codex-tui custom prompts, /permissions, /pwd, /clear', () => {
  it('sends an expanded /prompts:<name>, changes permissions, and /clear starts fresh on a cleared screen', async () => {
    mkdirSync(join(sb.home, 'prompts'));
    writeFileSync(join(sb.home, 'prompts', 'ask.md'), '---\ndescription: Ask about a topic\nargument-hint: TOPIC=<topic>\n---\nTell me about $TOPIC in one line.\n');
    server.queueResponses(turn.message('Tests are good.'), turn.message('Fresh start.'));
    tui = await start();
    tui.write('/prom');
    await tui.waitFor(/› \/prompts:ask +Ask about a topic {2}TOPIC=<topic>/);
    tui.write('\r');
    await tui.waitFor('› /prompts:ask');
    tui.write('TOPIC=tests');
    await tui.waitFor('› /prompts:ask TOPIC=tests');
    tui.write('\r');
    await tui.waitFor('Tests are good.');
    expect(texts(0).at(-1)).toBe('Tell me about tests in one line.\n');

    await command(tui, 'permissions');
    await tui.waitFor('Update Model Permissions');
    tui.write('3');
    await tui.waitFor('read-only · on-request');
    await command(tui, 'pwd');
    await tui.waitFor(`Current working directory: ${sb.workspace}`);

    await command(tui, 'clear');
    await tui.waitFor((s) => !s.includes('Tests are good.') && s.includes('Ask Codex to do anything'));
    // Gone from the scrollback too.
    expect(tui.all().join('\n')).not.toContain('Tests are good.');
    tui.write('again');
    await tui.waitFor('› again');
    tui.write('\r');
    await tui.waitFor('Fresh start.');
    // A new session: the earlier conversation is not sent.
    expect(texts(1).join('\n')).not.toContain('Tell me about tests');
    expect(texts(1).at(-1)).toBe('again');
    expect(await quit(tui)).toBe(0);
  });
});

describe('codex-tui ctrl+r and ctrl+g', () => {
  it('ctrl+r finds an older message; ctrl+g hands the terminal to $EDITOR and the edited text is sent', async () => {
    writeFileSync(join(sb.home, 'history.jsonl'), `${['first about parsers', 'second about lexers', 'third thing'].map((text, i) => JSON.stringify({ session_id: 's', ts: i, text })).join('\n')}\n`);
    const editor = join(sb.root, 'ed.sh');
    // The editor proves it got a terminal (its stdin is a tty) and edits the file in place.
    writeFileSync(editor, '#!/bin/sh\n[ -t 0 ] || exit 7\nsed -i "s/parsers/PARSERS (edited)/" "$1"\n', { mode: 0o755 });
    server.queueResponses(turn.message('Edited one received.'));
    tui = startTui(['-s', 'read-only', '-a', 'never'], { sb, baseUrl: server.baseUrl, env: { EDITOR: editor, VISUAL: '' } });
    await tui.waitFor(READY);
    tui.write('\x12');
    await tui.waitFor("(reverse-i-search)`': ");
    await tui.waitFor('› third thing');
    tui.write('pars');
    await tui.waitFor('› first about parsers');
    tui.write('\r');
    await tui.waitFor((s) => s.includes('› first about parsers') && !s.includes('reverse-i-search'));
    const before = tui.raw().length;
    tui.write('\x07');
    await tui.waitFor('› first about PARSERS (edited)');
    // The terminal was handed over (raw mode and bracketed paste left) and taken back.
    const during = tui.raw().slice(before);
    expect(during.indexOf('\x1b[?2004l')).toBeGreaterThanOrEqual(0);
    expect(during.indexOf('\x1b[?2004h')).toBeGreaterThan(during.indexOf('\x1b[?2004l'));
    tui.write('\r');
    await tui.waitFor('Edited one received.');
    expect(texts(0).at(-1)).toBe('first about PARSERS (edited)');
    expect(await quit(tui)).toBe(0);
  });
});
