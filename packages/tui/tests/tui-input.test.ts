// Input and onboarding through the real bin in a PTY against the scripted model: Ctrl+V
// pastes the clipboard's image (fake `xclip` / `wl-paste` on PATH returning a real PNG), the
// onboarding screens take fast typing and pastes as input, the device-code sign-in against a
// scripted issuer, and trust from a linked git worktree recording the main checkout.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startFakeIssuer, turn, type ScriptedModelServer } from '@codex-ts/test-support';
import { quit, READY, startTui, type Sandbox, type TuiRun, usePtySuite } from './pty-harness.js';

let sb: Sandbox;
let server: ScriptedModelServer;
let tui: TuiRun | undefined;

usePtySuite({
  started: (s, srv) => ((sb = s), (server = srv)),
  running: () => tui,
  stopped: () => (tui = undefined),
});

// A real 1x1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

type Body = { input: Array<{ role?: string; content?: Array<{ type: string; text?: string; image_url?: string }> }> };
const lastUser = (i: number): Array<{ type: string; text?: string; image_url?: string }> =>
  (JSON.parse(server.requests[i]!.body as string) as Body).input.filter((x) => x.role === 'user').at(-1)!.content!;

/** A directory with fake clipboard tools: each logs its argv and prints `out` (exit `code`). */
function fakeTools(names: string[], out: { file?: string; text?: string; code?: number }): { dir: string; log: string } {
  const dir = join(sb.root, 'fakebin');
  mkdirSync(dir, { recursive: true });
  const log = join(sb.root, 'tool-args.log');
  for (const name of names) {
    const script = [
      `#!${process.execPath}`,
      `const fs = require('node:fs');`,
      `fs.appendFileSync(${JSON.stringify(log)}, ${JSON.stringify(name)} + ' ' + process.argv.slice(2).join(' ') + '\\n');`,
      out.file ? `process.stdout.write(fs.readFileSync(${JSON.stringify(out.file)}));` : '',
      out.text ? `process.stderr.write(${JSON.stringify(out.text)});` : '',
      `process.exitCode = ${out.code ?? 0};`,
    ].join('\n');
    writeFileSync(join(dir, name), script);
    chmodSync(join(dir, name), 0o755);
  }
  return { dir, log };
}

describe('Ctrl+V pastes an image from the clipboard', () => {
  it('X11: xclip’s PNG becomes [Image #1], is sent as an input_image, and its temp file is removed on exit', async () => {
    const png = join(sb.root, 'clip.png');
    writeFileSync(png, PNG);
    const tools = fakeTools(['xclip'], { file: png });
    const tmp = join(sb.root, 'tmp');
    mkdirSync(tmp);
    server.queueResponses(turn.message('A tiny image.'));
    tui = startTui([], { sb, baseUrl: server.baseUrl, env: { PATH: `${tools.dir}:${process.env.PATH}`, DISPLAY: ':99', WAYLAND_DISPLAY: '', TMPDIR: tmp } });
    await tui.waitFor(READY);
    tui.write('What is in ');
    await tui.waitFor('What is in');
    tui.write('\x16');
    await tui.waitFor('[Image #1]');
    expect(readFileSync(tools.log, 'utf8')).toBe('xclip -selection clipboard -t image/png -o\n');
    // The temp PNG exists while the session runs.
    const dirs = readdirSync(tmp).filter((d) => d.startsWith('codex-clipboard-'));
    expect(dirs).toHaveLength(1);
    const files = readdirSync(join(tmp, dirs[0]!));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^codex-clipboard-[0-9a-f]{12}\.png$/);
    tui.write('this?\r');
    await tui.waitFor('A tiny image.');
    const content = lastUser(0);
    expect(content.map((c) => c.type)).toEqual(['input_image', 'input_text']);
    expect(content[0]!.image_url).toBe(`data:image/png;base64,${PNG.toString('base64')}`);
    expect(content[1]!.text).toBe('What is in [Image #1] this?');
    expect(await quit(tui)).toBe(0);
    expect(readdirSync(tmp).filter((d) => d.startsWith('codex-clipboard-'))).toEqual([]);
  });

  it('Wayland: wl-paste is asked for image/png; no image, no display and no tool each say why', async () => {
    const tools = fakeTools(['wl-paste'], { text: 'No suitable type of content copied\n', code: 1 });
    tui = startTui([], { sb, baseUrl: server.baseUrl, cols: 160, env: { PATH: `${tools.dir}:${process.env.PATH}`, WAYLAND_DISPLAY: 'wayland-9', DISPLAY: '' } });
    await tui.waitFor(READY);
    tui.write('\x16');
    await tui.waitFor('Failed to paste image: no image on clipboard: wl-paste exited with code 1: No suitable type of content copied');
    expect(readFileSync(tools.log, 'utf8')).toBe('wl-paste --no-newline --type image/png\n');
    expect(tui.screen().join('\n')).not.toContain('[Image #');
    expect(await quit(tui)).toBe(0);

    // Text on the clipboard, not a PNG.
    const txt = join(sb.root, 'clip.txt');
    writeFileSync(txt, 'just some words');
    const textTool = fakeTools(['xclip'], { file: txt });
    tui = startTui([], { sb, baseUrl: server.baseUrl, env: { PATH: `${textTool.dir}:${process.env.PATH}`, DISPLAY: ':99', WAYLAND_DISPLAY: '' } });
    await tui.waitFor(READY);
    tui.write('\x16');
    await tui.waitFor('no image on clipboard: xclip returned data that is not a PNG image');
    expect(await quit(tui)).toBe(0);

    tui = startTui([], { sb, baseUrl: server.baseUrl, env: { DISPLAY: '', WAYLAND_DISPLAY: '' } });
    await tui.waitFor(READY);
    tui.write('\x16');
    await tui.waitFor('clipboard unavailable: no display to read the clipboard from');
    expect(await quit(tui)).toBe(0);

    tui = startTui([], { sb, baseUrl: server.baseUrl, env: { PATH: '/usr/bin:/bin', DISPLAY: ':99', WAYLAND_DISPLAY: '' } });
    await tui.waitFor(READY);
    tui.write('\x16');
    await tui.waitFor(existsSync('/usr/bin/xclip') || existsSync('/bin/xclip') ? 'Failed to paste image' : 'no clipboard image tool found: xclip');
    expect(await quit(tui)).toBe(0);
  });
});

describe('onboarding takes fast typing and pastes as input', () => {
  it('trust: "1⏎hello⏎" in one burst trusts, then the rest is the first message', async () => {
    writeFileSync(join(sb.home, 'config.toml'), '');
    server.queueResponses(turn.message('Burst answered.'));
    tui = startTui([], { sb, baseUrl: server.baseUrl });
    await tui.waitFor('Do you trust its contents?');
    tui.write('1\rhello from the burst\r');
    await tui.waitFor('Burst answered.');
    expect(readFileSync(join(sb.home, 'config.toml'), 'utf8')).toBe(`[projects."${sb.workspace}"]\ntrust_level = "trusted"\n`);
    expect(lastUser(0).at(-1)!.text).toBe('hello from the burst');
    // Sent with the settings the answer chose (the trusted defaults), not the ones from before it.
    expect(server.requests[0]!.body).toContain('<sandbox_mode>workspace-write</sandbox_mode>');
    // The session's header comes first, then the message (as if typed after the screen closed).
    const chat = tui.all().join('\n');
    expect(chat.indexOf('>_ Codex-TS')).toBeGreaterThanOrEqual(0);
    expect(chat.indexOf('>_ Codex-TS')).toBeLessThan(chat.indexOf('› hello from the burst'));
    expect(tui.screen().join('\n')).toContain('workspace-write');
    expect(await quit(tui)).toBe(0);
  });

  it('sign-in: "3", a typed key and Enter in one burst save the key; a bracketed paste lands in the field', async () => {
    tui = startTui([], { sb, baseUrl: server.baseUrl, env: { OPENAI_API_KEY: '' } });
    await tui.waitFor('Sign in with Device Code');
    tui.write('3sk-burst-key\r');
    await tui.waitFor(READY);
    expect(JSON.parse(readFileSync(join(sb.home, 'auth.json'), 'utf8'))).toEqual({ auth_mode: 'apikey', OPENAI_API_KEY: 'sk-burst-key' });
    expect(await quit(tui)).toBe(0);

    execFileSync('rm', ['-f', join(sb.home, 'auth.json')]);
    tui = startTui([], { sb, baseUrl: server.baseUrl, env: { OPENAI_API_KEY: '' } });
    await tui.waitFor('Sign in with Device Code');
    tui.write('3\x1b[200~sk-pasted-key\x1b[201~');
    await tui.waitFor('sk-pasted-key');
    tui.write('\r');
    await tui.waitFor(READY);
    expect(JSON.parse(readFileSync(join(sb.home, 'auth.json'), 'utf8'))).toEqual({ auth_mode: 'apikey', OPENAI_API_KEY: 'sk-pasted-key' });
    expect(await quit(tui)).toBe(0);
  });
});

describe('device-code sign-in on the onboarding screen', () => {
  it('shows the address and the code, polls until approved, saves the tokens', async () => {
    const issuer = await startFakeIssuer({ deviceIntervalSec: 1, devicePendingPolls: 2 });
    try {
      tui = startTui([], { sb, baseUrl: server.baseUrl, env: { OPENAI_API_KEY: '', CODEX_LOGIN_ISSUER: issuer.url } });
      await tui.waitFor('Sign in with Device Code');
      expect(tui.screen().join('\n')).toContain('Sign in from another device with a one-time code');
      tui.write('2');
      await tui.waitFor(/[0-9A-F]{4}-[0-9A-F]{4}/);
      const screen = tui.screen().join('\n');
      expect(screen).toContain(`${issuer.url}/codex/device`);
      const shown = /([0-9A-F]{4}-[0-9A-F]{4})/.exec(screen)![1];
      await tui.waitFor(READY);
      const polls = issuer.requests.filter((r) => r.path === '/api/accounts/deviceauth/token');
      expect(polls.length).toBe(3);
      expect(new Set(polls.map((p) => p.fields['user_code']))).toEqual(new Set([shown]));
      const saved = JSON.parse(readFileSync(join(sb.home, 'auth.json'), 'utf8')) as { tokens?: { access_token?: string; refresh_token?: string } };
      expect(saved.tokens?.access_token).toMatch(/\./);
      expect(saved.tokens?.refresh_token).toBeTruthy();
      expect(await quit(tui)).toBe(0);
    } finally {
      await issuer.close();
    }
  });

  it('Esc stops the polling and goes back; nothing is saved', async () => {
    const issuer = await startFakeIssuer({ deviceIntervalSec: 1, devicePendingPolls: 1_000_000 });
    try {
      tui = startTui([], { sb, baseUrl: server.baseUrl, env: { OPENAI_API_KEY: '', CODEX_LOGIN_ISSUER: issuer.url } });
      await tui.waitFor('Sign in with Device Code');
      tui.write('2');
      await tui.waitFor('Waiting for the code to be approved');
      await tui.waitFor(() => issuer.requests.some((r) => r.path === '/api/accounts/deviceauth/token'));
      tui.write('\x1b');
      await tui.waitFor('Press enter to continue');
      const polls = issuer.requests.filter((r) => r.path === '/api/accounts/deviceauth/token').length;
      // Longer than the poll interval: a poll loop still running would have asked again.
      await new Promise((r) => setTimeout(r, 2_500));
      expect(issuer.requests.filter((r) => r.path === '/api/accounts/deviceauth/token').length).toBe(polls);
      tui.write('\x03');
      expect(await tui.exited).toBe(0);
      expect(existsSync(join(sb.home, 'auth.json'))).toBe(false);
    } finally {
      await issuer.close();
    }
  });
});

describe('trust from a linked git worktree', () => {
  it('records the main checkout, and the worktree is trusted on the next run', async () => {
    const git = (cwd: string, ...args: string[]): string => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd, encoding: 'utf8' });
    git(sb.workspace, 'add', '.');
    git(sb.workspace, 'commit', '-qm', 'init');
    const wt = join(sb.root, 'feature-wt');
    git(sb.workspace, 'worktree', 'add', '-q', wt, '-b', 'feature');
    writeFileSync(join(sb.home, 'config.toml'), '');
    const wtBox: Sandbox = { ...sb, workspace: wt };
    tui = startTui([], { sb: wtBox, baseUrl: server.baseUrl });
    await tui.waitFor('Do you trust its contents?');
    expect(tui.screen().join('\n')).toContain(`You are in ${sb.workspace}`);
    tui.write('1');
    await tui.waitFor(READY);
    expect(readFileSync(join(sb.home, 'config.toml'), 'utf8')).toBe(`[projects."${sb.workspace}"]\ntrust_level = "trusted"\n`);
    expect(tui.screen().join('\n')).toContain('workspace-write');
    expect(await quit(tui)).toBe(0);

    tui = startTui([], { sb: wtBox, baseUrl: server.baseUrl });
    await tui.waitFor(READY);
    expect(tui.all().join('\n')).not.toContain('Do you trust');
    expect(tui.screen().join('\n')).toContain('workspace-write');
    expect(await quit(tui)).toBe(0);
  });
});

describe('mouse in the transcript pager', () => {
  const MOUSE_ON = '\x1b[?1000h\x1b[?1002h\x1b[?1006h';
  const MOUSE_OFF = '\x1b[?1006l\x1b[?1002l\x1b[?1000l';
  const osc52 = (text: string): string => `\x1b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\x07`;

  it.each([
    ['inline', []],
    ['full screen', ['-c', 'tui.alternate_screen=true']],
  ])('%s: reporting is on only while the pager is open; a drag selects rows and copies them, the wheel scrolls', async (_mode, extra) => {
    server.queueResponses(turn.message('Alpha answer line.'), turn.message('Beta answer line.'));
    tui = startTui(['-s', 'read-only', '-a', 'never', ...extra], { sb, baseUrl: server.baseUrl, rows: 16 });
    await tui.waitFor(READY);
    tui.write('first message\r');
    await tui.waitFor('Alpha answer line.');
    tui.write('second message\r');
    await tui.waitFor('Beta answer line.');
    await tui.waitFor((s) => !s.includes('Working'));
    expect(tui.raw()).not.toContain('\x1b[?1000h');
    tui.write('\x14');
    await tui.waitFor('T R A N S C R I P T');
    expect(tui.raw()).toContain(MOUSE_ON);
    tui.write('\x1b[H');
    await tui.waitFor((s) => / 0% ─/.test(s) && s.includes('› first message'));
    const rowOf = (text: string): number => tui!.screen().findIndex((r) => r.includes(text)) + 1;
    const from = rowOf('› first message');
    const to = rowOf('Alpha answer line.');
    expect(to).toBeGreaterThan(from);
    tui.write(`\x1b[<0;6;${from}M`);
    tui.write(`\x1b[<32;8;${to}M`);
    tui.write(`\x1b[<0;8;${to}m`);
    await tui.waitFor(/Copied the selection \(3 lines, \d+ chars\)/);
    expect(tui.raw()).toContain(osc52('› first message\n\n• Alpha answer line.'));
    expect(tui.screen()[from - 1]).toMatch(/^▌ › first message/);
    // The wheel scrolls three rows.
    tui.write(`\x1b[<65;6;${from}M`);
    await tui.waitFor((s) => !s.split('\n')[from - 1]!.includes('first message'));
    tui.write('q');
    await tui.waitFor(READY);
    const raw = tui.raw();
    expect(raw.lastIndexOf(MOUSE_OFF)).toBeGreaterThan(raw.lastIndexOf(MOUSE_ON));
    expect(await quit(tui)).toBe(0);
  });
});
