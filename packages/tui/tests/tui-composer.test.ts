// The composer's popups and slash commands, folded pastes and image attach, through the
// real bin in a PTY against the scripted model server (no timing assertions).
import { mkdirSync, writeFileSync } from 'node:fs';
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

const PASTE = (s: string): string => `\x1b[200~${s}\x1b[201~`;
const start = async (args: string[] = ['-s', 'read-only', '-a', 'never']): Promise<TuiRun> => {
  const t = startTui(args, { sb, baseUrl: server.baseUrl });
  await t.waitFor(READY);
  return t;
};

type Body = { model: string; reasoning?: { effort?: string }; input: Array<{ type: string; role?: string; content?: Array<{ type: string; text?: string; image_url?: string }> }> };
const lastUserContent = (body: Body): Array<{ type: string; text?: string; image_url?: string }> => body.input.filter((i) => i.role === 'user').at(-1)!.content!;

/** A 2x1 PNG. */
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000020000000108020000007b40e8dd0000000f4944415478da63f8cfc0f01f0005fd02fe6d4b3b1b0000000049454e44ae426082', 'hex');

describe('codex-tui @ file popup', () => {
  it('finds workspace files while typing; Tab inserts the path that is then sent', async () => {
    mkdirSync(join(sb.workspace, 'src', 'lib'), { recursive: true });
    for (const f of ['src/lib/parser.ts', 'src/lib/lexer.ts', 'src/main.ts']) writeFileSync(join(sb.workspace, f), 'export {};\n');
    server.queueResponses(turn.message('Looked.'));
    tui = await start();
    tui.write('Explain @pars');
    await tui.waitFor('› src/lib/parser.ts');
    expect(tui.screen().join('\n')).toContain('tab/enter insert · esc close');
    expect(tui.screen().join('\n')).not.toContain('lexer.ts');
    tui.write('\t');
    await tui.waitFor((s) => s.includes('› Explain src/lib/parser.ts') && !s.includes('tab/enter insert'));
    // Esc closes a popup without touching the text; the word typed stays.
    tui.write('and @lex');
    await tui.waitFor('src/lib/lexer.ts');
    tui.write('\x1b');
    await tui.waitFor((s) => !s.includes('tab/enter insert'));
    expect(tui.screen().join('\n')).toContain('› Explain src/lib/parser.ts and @lex');
    tui.write('\r');
    await tui.waitFor('Looked.');
    const body = server.responsesRequests().at(-1)!.json as Body;
    expect(lastUserContent(body).map((c) => c.text).join('')).toBe('Explain src/lib/parser.ts and @lex');
    expect(await quit(tui)).toBe(0);
  });
});

describe('codex-tui slash commands', () => {
  it('/ lists and filters the commands; /model picks a model and effort that the next turn uses', async () => {
    server.queueResponses(turn.message('On the new model.'));
    tui = await start();
    tui.write('/');
    await tui.waitFor('/permissions');
    let screen = tui.screen().join('\n');
    expect(screen).toMatch(/› \/model +choose what model and reasoning effort to use/);
    expect(screen).toMatch(/\/compact +summarize conversation/);
    tui.write('mo');
    await tui.waitFor((s) => !s.includes('/compact'));
    tui.write('\r');
    await tui.waitFor('Select Model');
    expect(tui.screen().join('\n')).toContain('gpt-5-codex (current)');
    tui.write('3');
    await tui.waitFor('Select Reasoning Level for gpt-5');
    tui.write('4');
    await tui.waitFor('Model changed to gpt-5 high');
    screen = tui.screen().join('\n');
    expect(screen).toMatch(/gpt-5 high · /);
    tui.write('Next question\r');
    await tui.waitFor('On the new model.');
    const body = server.responsesRequests().at(-1)!.json as Body;
    expect(body.model).toBe('gpt-5');
    expect(body.reasoning?.effort).toBe('high');
    expect(await quit(tui)).toBe(0);
  });

  it('/status shows the session, model, directory, permissions, account and tokens; /approvals changes the next turn; /diff shows tracked and untracked changes', async () => {
    server.queueResponses(turn.message('Counted.', { usage: { input_tokens: 1200, output_tokens: 34 } }), turn.message('Counted again.'));
    tui = await start(['-s', 'workspace-write', '-a', 'on-request']);
    tui.write('Hello\r');
    await tui.waitFor('Counted.');
    tui.write('/status\r');
    await tui.waitFor('Context window:');
    const screen = tui.screen().join('\n');
    expect(screen).toMatch(/Model: +gpt-5-codex/);
    expect(screen).toMatch(/Model provider: +openai/);
    expect(screen).toContain(`Directory:        ${sb.workspace}`);
    expect(screen).toMatch(/Approval: +on-request/);
    expect(screen).toMatch(/Sandbox: +workspace-write/);
    expect(screen).toMatch(/Account: +API key from OPENAI_API_KEY/);
    expect(screen).toMatch(/Session: +[0-9a-f-]{36}/);
    expect(screen).toMatch(/Token usage: +1\.2K total +\(1\.2K input \+ 34 output\)/);

    // /approvals: Full Access applies to the next turn (its environment context says so).
    tui.write('/approvals\r');
    await tui.waitFor('Select Approval Mode');
    tui.write('3');
    await tui.waitFor('Approval mode: Full Access');
    expect(tui.screen().join('\n')).toMatch(/gpt-5-codex · .* · danger-full-access · never/);
    tui.write('Again\r');
    await tui.waitFor('Counted again.');
    const reqs = server.responsesRequests();
    expect(reqs.at(-2)!.body).not.toContain('<sandbox_mode>danger-full-access</sandbox_mode>');
    expect(reqs.at(-1)!.body).toContain('<sandbox_mode>danger-full-access</sandbox_mode>');
    expect(reqs.at(-1)!.body).toContain('<approval_policy>never</approval_policy>');

    writeFileSync(join(sb.workspace, 'README.md'), '# demo\nchanged line\n');
    writeFileSync(join(sb.workspace, 'fresh.txt'), 'brand new\n');
    tui.write('/diff\r');
    await tui.waitFor('+brand new');
    const diff = tui.screen().join('\n');
    // README.md is untracked in this fresh repository: both files show as additions.
    expect(diff).toContain('+changed line');
    expect(diff).toContain('+++ b/fresh.txt');
    expect(await quit(tui)).toBe(0);
  });

  it('/compact runs the model server\'s compaction; unknown commands say so; /new from the popup starts a fresh session', async () => {
    server.queueResponses(turn.message('First.'));
    server.queueCompact({ output: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'goal' }] }, { type: 'compaction', encrypted_content: 'SUMMARY' }] as never });
    tui = await start();
    tui.write('goal\r');
    await tui.waitFor('First.');
    tui.write('/compact\r');
    await tui.waitFor('Context compacted');
    expect(server.requestsOf('responses-compact').length).toBe(1);
    tui.write('/nope\r');
    await tui.waitFor("Unrecognized command '/nope'");
    tui.write('/new\r');
    // The session host prints a second header for the new session.
    await tui.waitFor((s) => (s.match(/>_ Codex-TS/g) ?? []).length >= 2, 30_000);
    tui.write('/mcp\r');
    await tui.waitFor('No MCP servers configured.');
    tui.write('/quit\r');
    expect(await tui.exited).toBe(0);
  });
});

describe('codex-tui pastes and images', () => {
  it('folds a large paste into a placeholder and sends the full text; an unbracketed multi-line paste is not sent early', async () => {
    server.queueResponses(turn.message('Read it all.'), turn.message('Got the lines.'));
    tui = await start();
    const big = Array.from({ length: 60 }, (_, i) => `line ${i} ${'x'.repeat(30)}`).join('\n');
    tui.write('Summarize: ');
    tui.write(PASTE(big));
    await tui.waitFor(`[Pasted Content ${big.length} chars]`);
    expect(tui.screen().join('\n')).not.toContain('line 59');
    tui.write('\r');
    await tui.waitFor('Read it all.');
    const body = server.responsesRequests().at(-1)!.json as Body;
    expect(lastUserContent(body).map((c) => c.text).join('')).toBe(`Summarize: ${big}`);
    // A paste the terminal did not bracket (one read: text, Enter, text) is not sent early.
    tui.write('first pasted line\rsecond pasted line');
    await tui.waitFor(/› first pasted line\n\s+second pasted line/);
    expect(server.responsesRequests().length).toBe(1);
    tui.write('\r');
    await tui.waitFor('Got the lines.');
    expect(lastUserContent(server.responsesRequests().at(-1)!.json as Body).map((c) => c.text).join('')).toBe('first pasted line\nsecond pasted line');
    expect(await quit(tui)).toBe(0);
  });

  it('attaches a pasted image path and sends it as an image item; -i attaches to the first prompt', async () => {
    writeFileSync(join(sb.workspace, 'shot.png'), PNG);
    server.queueResponses(turn.message('A red pixel.'), turn.message('Two pixels.'));
    tui = await start();
    tui.write('What is in ');
    tui.write(PASTE(join(sb.workspace, 'shot.png')));
    await tui.waitFor('› What is in [Image #1]');
    tui.write('?\r');
    await tui.waitFor('A red pixel.');
    let content = lastUserContent(server.responsesRequests().at(-1)!.json as Body);
    expect(content.filter((c) => c.type === 'input_image').map((c) => c.image_url)).toEqual([`data:image/png;base64,${PNG.toString('base64')}`]);
    expect(content.find((c) => c.type === 'input_text')?.text).toBe('What is in [Image #1] ?');
    expect(await quit(tui)).toBe(0);

    tui = await start(['-s', 'read-only', '-a', 'never', '-i', 'shot.png', 'Describe the image']);
    await tui.waitFor('Two pixels.');
    content = lastUserContent(server.responsesRequests().at(-1)!.json as Body);
    expect(content.map((c) => c.type)).toEqual(['input_image', 'input_text']);
    expect(content[1]!.text).toBe('Describe the image');
    expect(await quit(tui)).toBe(0);
  });
});
