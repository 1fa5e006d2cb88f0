// Sessions in the TUI through the real bin in a PTY against the scripted model: the resume
// picker (this directory / all, filter, Enter resumes with the old history in the next
// request), `resume --last|ID`, an unknown id, `fork ID`, `/new`; and first-run onboarding
// (the trust screen writes config.toml once; the API-key sign-in writes auth.json).
import { chmodSync, existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RolloutRecorder, loadRollout, findRolloutById } from '@codex-ts/core';
import { startFakeIssuer, turn, type ScriptedModelServer } from '@codex-ts/test-support';
import { makeSandbox, quit, READY, startTui, type Sandbox, type TuiRun, usePtySuite } from './pty-harness.js';

let sb: Sandbox;
let server: ScriptedModelServer;
let tui: TuiRun | undefined;

usePtySuite({
  started: (s, srv) => ((sb = s), (server = srv)),
  running: () => tui,
  stopped: () => (tui = undefined),
});

const ID = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A recorded session: one exchange per prompt, last written `ageS` seconds ago. */
function session(id: string, cwd: string, prompts: string[], opts: { ageS: number; source?: string }): string {
  const rec = RolloutRecorder.create(sb.home, {
    id,
    timestamp: new Date(Date.now() - opts.ageS * 1000).toISOString(),
    cwd,
    originator: 'codex_cli_rs',
    cli_version: '0.1.0',
    source: opts.source ?? 'cli',
  } as never);
  rec.recordItems([{ type: 'message', role: 'user', content: [{ type: 'input_text', text: `<environment_context>\n  <cwd>${cwd}</cwd>\n</environment_context>` }] }]);
  for (const [i, p] of prompts.entries()) {
    rec.recordItems([
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: p }] },
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: `Answer ${i + 1} to ${p}` }] },
    ] as never);
    rec.recordEvent({ type: 'user_message', message: p, kind: 'plain' } as never);
    rec.recordEvent({ type: 'agent_message', message: `Answer ${i + 1} to ${p}` } as never);
  }
  rec.close();
  const t = (Date.now() - opts.ageS * 1000) / 1000;
  utimesSync(rec.path, t, t);
  return rec.path;
}

/** The user texts of the last request's input. */
function lastRequestUserTexts(): string[] {
  const req = server.requests[server.requests.length - 1]!;
  const input = (req.json as { input: Array<{ type: string; role?: string; content?: Array<{ text?: string }> }> }).input;
  return input.filter((i) => i.type === 'message' && i.role === 'user').map((i) => (i.content ?? []).map((c) => c.text ?? '').join('')).filter((t) => !t.startsWith('<'));
}

const exitLineId = (t: TuiRun): string | undefined => /run codex resume ([0-9a-f-]{36})/.exec(t.all().join('\n'))?.[1];

describe('resume picker', () => {
  it('lists this directory, Tab shows all, typing filters, Enter resumes with the old history', async () => {
    session(ID(1), sb.workspace, ['alpha task'], { ageS: 300 });
    session(ID(2), sb.workspace, ['beta task', 'beta follow-up'], { ageS: 60 });
    session(ID(3), join(sb.root, 'elsewhere'), ['gamma elsewhere'], { ageS: 30 });
    session(ID(4), sb.workspace, ['exec run hidden'], { ageS: 10, source: 'exec' });
    server.queueResponses(turn.message('Continued after resume.'));
    tui = startTui(['resume'], { sb, baseUrl: server.baseUrl });
    await tui.waitFor('Resume a previous session');
    await tui.waitFor('beta task');
    let screen = tui.screen().join('\n');
    expect(screen).toContain('alpha task');
    expect(screen).not.toContain('gamma elsewhere');
    expect(screen).not.toContain('exec run hidden');
    // Newest first, with the relative time.
    expect(screen.indexOf('beta task')).toBeLessThan(screen.indexOf('alpha task'));
    expect(screen).toMatch(/› 1m ago .*beta task/);
    expect(screen).toMatch(/5m ago .*alpha task/);

    tui.write('\t');
    await tui.waitFor('gamma elsewhere');
    tui.write('\t');
    await tui.waitFor((s) => !s.includes('gamma elsewhere') && s.includes('alpha task'));

    tui.write('alph');
    await tui.waitFor((s) => s.includes('Search: alph') && !s.includes('beta task'));
    screen = tui.screen().join('\n');
    expect(screen).toContain('alpha task');
    expect(screen).toContain('1 / 1');

    tui.write('\r');
    await tui.waitFor(READY);
    // The old conversation is replayed above the composer.
    await tui.waitFor((s) => s.includes('› alpha task') && s.includes('Answer 1 to alpha task'));
    tui.write('carry on\r');
    await tui.waitFor('Continued after resume.');
    expect(lastRequestUserTexts()).toEqual(['alpha task', 'carry on']);
    expect(await quit(tui)).toBe(0);
    await tui.waitFor('To continue this session', 10_000, 'all');
    expect(exitLineId(tui)).toBe(ID(1));
  });

  it('Esc in the picker starts a new session', async () => {
    session(ID(1), sb.workspace, ['alpha task'], { ageS: 60 });
    server.queueResponses(turn.message('Fresh answer.'));
    tui = startTui(['resume'], { sb, baseUrl: server.baseUrl });
    await tui.waitFor('alpha task');
    tui.write('\x1b');
    await tui.waitFor(READY);
    tui.write('hello\r');
    await tui.waitFor('Fresh answer.');
    expect(lastRequestUserTexts()).toEqual(['hello']);
    expect(await quit(tui)).toBe(0);
    await tui.waitFor('To continue this session', 10_000, 'all');
    expect(exitLineId(tui)).not.toBe(ID(1));
  });
});

describe('codex resume --last | ID, codex fork ID', () => {
  it('--last resumes the newest session of this directory', async () => {
    session(ID(1), sb.workspace, ['older one'], { ageS: 300 });
    session(ID(2), sb.workspace, ['newest here'], { ageS: 60 });
    session(ID(3), join(sb.root, 'elsewhere'), ['newest elsewhere'], { ageS: 10 });
    server.queueResponses(turn.message('Resumed last.'));
    tui = startTui(['resume', '--last'], { sb, baseUrl: server.baseUrl });
    await tui.waitFor(READY);
    await tui.waitFor('Answer 1 to newest here');
    tui.write('go on\r');
    await tui.waitFor('Resumed last.');
    expect(lastRequestUserTexts()).toEqual(['newest here', 'go on']);
    expect(await quit(tui)).toBe(0);
    await tui.waitFor('To continue this session', 10_000, 'all');
    expect(exitLineId(tui)).toBe(ID(2));
  });

  it('an id resumes that session; an unknown id is an error (exit 1) before any request', async () => {
    session(ID(1), sb.workspace, ['first', 'second'], { ageS: 300 });
    session(ID(2), sb.workspace, ['other'], { ageS: 60 });
    server.queueResponses(turn.message('Resumed by id.'));
    tui = startTui(['resume', ID(1)], { sb, baseUrl: server.baseUrl });
    await tui.waitFor(READY);
    await tui.waitFor('Answer 2 to second');
    tui.write('third\r');
    await tui.waitFor('Resumed by id.');
    expect(lastRequestUserTexts()).toEqual(['first', 'second', 'third']);
    // The same rollout keeps growing.
    expect(loadRollout(findRolloutById(sb.home, ID(1))!).events.filter((e) => e.type === 'user_message')).toHaveLength(3);
    expect(await quit(tui)).toBe(0);

    const unknown = startTui(['resume', ID(99)], { sb, baseUrl: server.baseUrl });
    expect(await unknown.exited).toBe(1);
    await unknown.waitFor(`No saved session found with ID ${ID(99)}`, 10_000, 'all');
    expect(server.requests).toHaveLength(1);
  });

  it('fork ID starts a new session holding a copy of the history', async () => {
    const src = session(ID(1), sb.workspace, ['forked prompt'], { ageS: 300 });
    const before = readFileSync(src, 'utf8');
    server.queueResponses(turn.message('Answer in the fork.'));
    tui = startTui(['fork', ID(1)], { sb, baseUrl: server.baseUrl });
    await tui.waitFor(READY);
    await tui.waitFor('Answer 1 to forked prompt');
    tui.write('in the fork\r');
    await tui.waitFor('Answer in the fork.');
    expect(lastRequestUserTexts()).toEqual(['forked prompt', 'in the fork']);
    expect(await quit(tui)).toBe(0);
    await tui.waitFor('To continue this session', 10_000, 'all');
    const id = exitLineId(tui)!;
    expect(id).not.toBe(ID(1));
    const fork = loadRollout(findRolloutById(sb.home, id)!);
    expect(fork.meta).toMatchObject({ id, forked_from_id: ID(1) });
    // The parent is untouched.
    expect(readFileSync(src, 'utf8')).toBe(before);
  });
});

describe('rollouts of the real Codex 0.169', () => {
  it('resume ID shows a captured 0.169 session (no user_message events: rebuilt from its items)', async () => {
    const captures = join(import.meta.dirname, '../../protocol/tests/fixtures/captured-0.169');
    const name = 'rollout-2026-12-06T08-42-44-01a24a85-0ff6-7453-b02f-5284000060e8.jsonl';
    const dir = join(sb.home, 'sessions', '2026', '12', '06');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, name), readFileSync(join(captures, name), 'utf8').replaceAll('/tmp/sessions-peer/run/ws', sb.workspace));
    server.queueResponses(turn.message('Answer after resuming the 0.169 session.'));
    tui = startTui(['resume', '01a24a85-0ff6-7453-b02f-5284000060e8'], { sb, baseUrl: server.baseUrl });
    await tui.waitFor(READY);
    await tui.waitFor((s) => s.includes('› List the files') && s.includes('First answer from the scripted model.'));
    tui.write('one more\r');
    await tui.waitFor('Answer after resuming the 0.169 session.');
    expect(lastRequestUserTexts().at(-1)).toBe('one more');
    expect(lastRequestUserTexts()[0]).toBe('List the files');
    expect(await quit(tui)).toBe(0);
  });
});

describe('/new inside the TUI', () => {
  it('shuts the session down and starts a fresh one in the same terminal', async () => {
    server.queueResponses(turn.message('First session answer.'), turn.message('Second session answer.'));
    tui = startTui([], { sb, baseUrl: server.baseUrl });
    await tui.waitFor(READY);
    tui.write('remember this\r');
    await tui.waitFor('First session answer.');
    tui.write('/new\r');
    // A second header is printed for the new session.
    await tui.waitFor((s) => (s.match(/>_ Codex-TS/g) ?? []).length >= 2, 30_000);
    await tui.waitFor(READY);
    tui.write('fresh start\r');
    await tui.waitFor('Second session answer.');
    expect(lastRequestUserTexts()).toEqual(['fresh start']);
    expect(await quit(tui)).toBe(0);
    await tui.waitFor('To continue this session', 10_000, 'all');
    const ids = new Set(server.requests.map((r) => r.headers['session_id'] ?? r.headers['conversation_id']));
    expect(ids.size).toBe(2);
    expect(ids.has(exitLineId(tui))).toBe(true);
  });
});

describe('/resume inside the TUI', () => {
  it('opens the picker over the session and switches to the chosen one', async () => {
    session(ID(7), sb.workspace, ['earlier work'], { ageS: 120 });
    server.queueResponses(turn.message('Answer in the first session.'), turn.message('Answer after switching.'));
    tui = startTui([], { sb, baseUrl: server.baseUrl });
    await tui.waitFor(READY);
    tui.write('first\r');
    await tui.waitFor('Answer in the first session.');
    tui.write('/resume\r');
    await tui.waitFor('Resume a previous session');
    // The running session itself is not offered.
    await tui.waitFor((s) => s.includes('earlier work') && s.includes('1 / 1'));
    tui.write('\r');
    await tui.waitFor('Answer 1 to earlier work');
    await tui.waitFor(READY);
    tui.write('continue it\r');
    await tui.waitFor('Answer after switching.');
    expect(lastRequestUserTexts()).toEqual(['earlier work', 'continue it']);
    expect(await quit(tui)).toBe(0);
    await tui.waitFor('To continue this session', 10_000, 'all');
    expect(exitLineId(tui)).toBe(ID(7));
  });
});

describe('first-run onboarding', () => {
  it('trust screen: yes writes config.toml (comments kept) and is not shown on the next run', async () => {
    const file = join(sb.home, 'config.toml');
    writeFileSync(file, '# my settings\nmodel = "gpt-5-codex" # keep me\n');
    tui = startTui([], { sb, baseUrl: server.baseUrl });
    await tui.waitFor('Do you trust its contents?');
    expect(tui.screen().join('\n')).toContain(`You are in ${sb.workspace}`);
    tui.write('1');
    await tui.waitFor(READY);
    expect(tui.screen().join('\n')).toContain('workspace-write');
    expect(readFileSync(file, 'utf8')).toBe(`# my settings\nmodel = "gpt-5-codex" # keep me\n\n[projects."${sb.workspace}"]\ntrust_level = "trusted"\n`);
    expect(await quit(tui)).toBe(0);

    tui = startTui([], { sb, baseUrl: server.baseUrl });
    await tui.waitFor(READY);
    expect(tui.all().join('\n')).not.toContain('Do you trust');
    expect(await quit(tui)).toBe(0);
  });

  it('trust screen: no keeps this run read-only and records nothing', async () => {
    const file = join(sb.home, 'config.toml');
    writeFileSync(file, '');
    tui = startTui([], { sb, baseUrl: server.baseUrl });
    await tui.waitFor('Do you trust its contents?');
    tui.write('2');
    await tui.waitFor(READY);
    expect(tui.screen().join('\n')).toContain('read-only');
    expect(readFileSync(file, 'utf8')).toBe('');
    expect(await quit(tui)).toBe(0);
  });

  it('sign-in step: an API key typed in is saved to auth.json and used', async () => {
    server.queueResponses(turn.message('Signed in answer.'));
    tui = startTui([], { sb, baseUrl: server.baseUrl, env: { OPENAI_API_KEY: '' } });
    await tui.waitFor('Sign in with ChatGPT');
    expect(tui.screen().join('\n')).toContain('Use an OpenAI API key');
    tui.write('3');
    await tui.waitFor('Paste or type your OpenAI API key');
    tui.write('\x1b[200~sk-from-onboarding\x1b[201~');
    await tui.waitFor('sk-from-onboarding');
    tui.write('\r');
    await tui.waitFor(READY);
    const auth = join(sb.home, 'auth.json');
    expect(JSON.parse(readFileSync(auth, 'utf8'))).toEqual({ auth_mode: 'apikey', OPENAI_API_KEY: 'sk-from-onboarding' });
    tui.write('hi\r');
    await tui.waitFor('Signed in answer.');
    expect(server.requests[0]!.headers['authorization']).toBe('Bearer sk-from-onboarding');
    expect(await quit(tui)).toBe(0);

    // Credentials exist now: no sign-in screen.
    tui = startTui([], { sb, baseUrl: server.baseUrl, env: { OPENAI_API_KEY: '' } });
    await tui.waitFor(READY);
    expect(tui.all().join('\n')).not.toContain('Sign in with ChatGPT');
    expect(existsSync(auth)).toBe(true);
    expect(await quit(tui)).toBe(0);
  });

  it('sign-in step: ChatGPT through the browser flow saves the tokens', async () => {
    const issuer = await startFakeIssuer();
    try {
      // A "browser" that signs in at once: follows the authorize redirect to the local callback.
      const browser = join(sb.root, 'fake-browser.mjs');
      writeFileSync(
        browser,
        `#!${process.execPath}\nconst a = await fetch(process.argv[2], { redirect: 'manual' });\nawait (await fetch(a.headers.get('location'))).text();\n`,
      );
      chmodSync(browser, 0o755);
      tui = startTui([], { sb, baseUrl: server.baseUrl, env: { OPENAI_API_KEY: '', CODEX_LOGIN_ISSUER: issuer.url, CODEX_LOGIN_PORT: '0', BROWSER: browser } });
      await tui.waitFor('Sign in with ChatGPT');
      tui.write('\r');
      await tui.waitFor(READY);
      const saved = JSON.parse(readFileSync(join(sb.home, 'auth.json'), 'utf8')) as { tokens?: { access_token?: string; refresh_token?: string } };
      expect(saved.tokens?.access_token).toMatch(/\./);
      expect(saved.tokens?.refresh_token).toBeTruthy();
      expect(issuer.requests.some((r) => r.path === '/oauth/token' && r.fields['grant_type'] === 'authorization_code')).toBe(true);
      expect(await quit(tui)).toBe(0);
    } finally {
      await issuer.close();
    }
  });
});
