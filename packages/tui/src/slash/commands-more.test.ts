// The commands added for 0.169 parity: /review presets, custom prompts, /copy, /export,
// /pwd, /warnings, /permissions and `!cmd`, each against a fake app (real git and files).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Op } from '@codex-ts/protocol';
import { AgentCell } from '../cells/agent-cell.js';
import { NoticeCell, UserCell, type Cell } from '../cells/cell.js';
import type { Overlay } from '../app/overlay.js';
import { Transcript } from '../pager/transcript.js';
import type { Key } from '../term/keys.js';
import { plain } from '../term/style.js';
import { filterCommands } from './commands.js';
import { SlashCommands, type SlashHost } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'tui-slash-more-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function host(over: { cwd?: string; running?: boolean; codexHome?: string; clipboard?: SlashHost['deps']['clipboard'] } = {}) {
  const ops: Op[] = [];
  const shown: string[] = [];
  const sent: string[] = [];
  const overlays: Overlay[] = [];
  const keys: Key[] = [];
  const transcript = new Transcript();
  let composer = '';
  const cwd = over.cwd ?? dir;
  const h: SlashHost = {
    deps: {
      turn: { cwd, approval_policy: 'on-request', sandbox_policy: { mode: 'workspace-write' }, model: 'gpt-5-codex', summary: 'auto' },
      status: { model: 'gpt-5-codex', cwd, sandbox: 'workspace-write', approval: 'on-request', sessionId: 'sess-1' },
      slash: { codexHome: over.codexHome ?? join(dir, 'home'), env: process.env },
      engine: { submit: async (op: Op) => (ops.push(op), '1') },
      ...(over.clipboard ? { clipboard: over.clipboard } : {}),
    },
    isRunning: over.running ?? false,
    chat: { transcript },
    controls: { onKey: (k: Key) => (keys.push(k), true) },
    composer: { set: (t: string) => (composer = t) },
    show: (c: Cell) => shown.push(c.render(100).map(plain).join('\n')),
    openOverlay: (o: Overlay) => overlays.push(o),
    requestQuit: () => undefined,
    submitText: (t: string) => sent.push(t),
    syncPopups: () => undefined,
    schedule: () => undefined,
  };
  const top = (): Overlay => overlays.at(-1)!;
  const screen = (): string => top().render(100, 30).lines.map((l) => plain(l).trimEnd()).join('\n');
  const press = (...ks: Array<string | Key>): void => {
    for (const k of ks) {
      const key: Key = typeof k === 'string' ? (k.length === 1 ? { name: 'text', text: k } : { name: k }) : k;
      const o = top();
      if (o.handle(key) === 'close') overlays.splice(overlays.lastIndexOf(o), 1);
    }
  };
  return { h, ops, shown, sent, overlays, keys, transcript, top, screen, press, composer: () => composer, cmds: new SlashCommands(h) };
}

async function until(test: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !test(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(test()).toBe(true);
}
const git = (cwd: string, ...args: string[]): string => spawnSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...args], { cwd, encoding: 'utf8' }).stdout.trim();

describe('/review presets', () => {
  it('offers the four presets; branch and commit pickers search; custom asks for text; each sends its target', async () => {
    const repo = join(dir, 'repo');
    mkdirSync(repo);
    git(repo, 'init', '-q', '-b', 'main');
    writeFileSync(join(repo, 'a.txt'), 'a\n');
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'first commit');
    git(repo, 'checkout', '-qb', 'feature');
    git(repo, 'branch', 'zeta');
    writeFileSync(join(repo, 'b.txt'), 'b\n');
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'add b');
    const head = git(repo, 'rev-parse', 'HEAD');
    const t = host({ cwd: repo });

    t.cmds.run('review');
    await until(() => t.overlays.length === 1);
    expect(t.screen()).toMatch(/Select a review preset\n\n› 1\. Review against a base branch +\(PR Style\)\n {2}2\. Review uncommitted changes\n {2}3\. Review a commit\n {2}4\. Custom review instructions/);
    t.press('2');
    expect(t.ops.at(-1)).toEqual({ type: 'review', review_request: { target: { type: 'uncommittedChanges' } } });

    t.cmds.run('review');
    await until(() => t.overlays.length === 1);
    t.press('1');
    await until(() => t.overlays.length === 1 && t.screen().includes('Select a base branch'));
    expect(t.screen()).toContain('Current branch: feature');
    expect(t.screen()).toMatch(/Type to search branches\n› main\n {2}zeta\n {2}feature/);
    t.press('z', 'enter');
    expect(t.ops.at(-1)).toEqual({ type: 'review', review_request: { target: { type: 'baseBranch', branch: 'zeta' } } });

    t.cmds.run('review');
    await until(() => t.overlays.length === 1);
    t.press('3');
    await until(() => t.overlays.length === 1 && t.screen().includes('Select a commit to review'));
    expect(t.screen()).toMatch(/› add b +[0-9a-f]{7}\n {2}first commit/);
    // Esc goes back to the presets.
    t.press('escape');
    expect(t.screen()).toContain('Select a review preset');
    t.press('3');
    await until(() => t.overlays.length === 1 && t.screen().includes('Select a commit to review'));
    t.press('enter');
    expect(t.ops.at(-1)).toEqual({ type: 'review', review_request: { target: { type: 'commit', sha: head, title: 'add b' } } });

    t.cmds.run('review');
    await until(() => t.overlays.length === 1);
    t.press('4');
    expect(t.screen()).toContain('Type instructions and press Enter');
    t.press('enter');
    expect(t.overlays).toHaveLength(1); // blank: nothing sent
    t.press({ name: 'paste', text: 'focus on auth' }, 'enter');
    expect(t.ops.at(-1)).toEqual({ type: 'review', review_request: { target: { type: 'custom', instructions: 'focus on auth' } } });
    expect(t.overlays).toHaveLength(0);
  });

  it('outside a git repository the branch preset says so and sends nothing; refused while a task runs', async () => {
    const plainDir = join(dir, 'plain');
    mkdirSync(plainDir);
    const t = host({ cwd: plainDir, codexHome: join(dir, 'nohome') });
    t.cmds.run('review');
    await until(() => t.overlays.length === 1);
    t.press('1');
    await until(() => t.shown.length > 0);
    expect(t.shown.at(-1)).toBe('■ /review: not inside a git repository');
    expect(t.ops).toEqual([]);
    const busy = host({ running: true });
    busy.cmds.run('review');
    expect(busy.shown.at(-1)).toContain("'/review' is disabled while a task is in progress.");
    expect(busy.overlays).toEqual([]);
  });
});

describe('custom prompts', () => {
  const home = join(dir, 'prompt-home');
  mkdirSync(join(home, 'prompts'), { recursive: true });
  writeFileSync(join(home, 'prompts', 'explain.md'), '---\ndescription: Explain a file\nargument-hint: FILE=<path> [NOTE=<text>]\n---\nExplain $FILE. Note: $NOTE. Cost: $$5\n');
  writeFileSync(join(home, 'prompts', 'pos.md'), 'Compare $1 with $2; all: $ARGUMENTS\n');
  writeFileSync(join(home, 'prompts', 'hello.md'), 'Say hello.\n');
  writeFileSync(join(home, 'prompts', 'notes.txt'), 'not a prompt');

  it('lists /prompts:<name> with the description and hint after the built-in commands', () => {
    const t = host({ codexHome: home });
    expect(t.cmds).toBeDefined();
    const rows = filterCommands('');
    const names = rows.map((r) => r.command.name);
    expect(names.slice(-3)).toEqual(['prompts:explain', 'prompts:hello', 'prompts:pos']);
    expect(rows.find((r) => r.command.name === 'prompts:explain')?.command.description).toBe('Explain a file  FILE=<path> [NOTE=<text>]');
    expect(filterCommands('prompts:p')[0]?.command.name).toBe('prompts:pos');
  });

  it('expands named and positional arguments; asks for missing ones; sends a prompt without arguments at once', () => {
    const t = host({ codexHome: home });
    t.cmds.run('prompts:explain');
    expect(t.composer()).toBe('/prompts:explain ');
    expect(t.sent).toEqual([]);
    t.cmds.tryRun('/prompts:explain FILE=src/a.ts NOTE="be brief"');
    expect(t.sent.at(-1)).toBe('Explain src/a.ts. Note: be brief. Cost: $5\n');
    t.cmds.tryRun('/prompts:explain NOTE=x');
    expect(t.shown.at(-1)).toBe('■ Missing required args for /prompts:explain: FILE');
    t.cmds.tryRun('/prompts:explain src/a.ts');
    expect(t.shown.at(-1)).toContain("expected key=value but found 'src/a.ts'");
    expect(t.composer()).toBe('/prompts:explain src/a.ts');
    t.cmds.tryRun("/prompts:pos 'a b' c");
    expect(t.sent.at(-1)).toBe('Compare a b with c; all: a b c\n');
    t.cmds.run('prompts:hello');
    expect(t.sent.at(-1)).toBe('Say hello.\n');
    t.cmds.tryRun('/prompts:nope');
    expect(t.shown.at(-1)).toBe(`■ Unrecognized command '/prompts:nope'. Type "/" for a list of supported commands.`);
    expect(t.sent).toHaveLength(3);
  });
});

describe('/copy, /export, /pwd, /warnings, /permissions, !cmd', () => {
  const agent = (text: string): AgentCell => Object.assign(new AgentCell(), { text });

  it('/copy copies the last finished answer through the clipboard', async () => {
    const copied: string[] = [];
    const t = host({ clipboard: async (text, what) => (copied.push(text), `Copied ${what} (${text.length} chars) via OSC 52`) });
    t.cmds.run('copy');
    await until(() => t.shown.length === 1);
    expect(t.shown[0]).toBe('■ No response to copy yet.');
    t.transcript.push({ cell: agent('first'), source: 'first' });
    t.transcript.push({ cell: new NoticeCell('x', 'info') });
    t.transcript.push({ cell: agent('**second** answer'), source: '**second** answer' });
    t.cmds.run('copy');
    await until(() => t.shown.length === 2);
    expect(copied).toEqual(['**second** answer']);
    expect(t.shown[1]).toBe('• Copied the last response (17 chars) via OSC 52');
  });

  it('/export writes Markdown to a new file, never over an existing one, and leaves no temp file', async () => {
    const out = join(dir, 'export');
    mkdirSync(out);
    const t = host({ cwd: out });
    t.cmds.run('export', 'chat.md');
    await until(() => t.shown.length === 1);
    expect(t.shown[0]).toBe('■ Nothing to export yet: the conversation is empty.');
    t.transcript.push({ cell: new UserCell('List the files'), user: 'List the files', source: 'List the files' });
    t.transcript.push({ cell: new NoticeCell('Ran ls', 'info') });
    t.transcript.push({ cell: agent('There are **two** files.\x1b[31m'), source: 'There are **two** files.\x1b[31m' });
    t.cmds.tryRun('/export chat.md');
    await until(() => t.shown.length === 2);
    expect(t.shown[1]).toBe(`• Saved conversation to ${join(out, 'chat.md')}`);
    expect(readFileSync(join(out, 'chat.md'), 'utf8')).toBe('# Codex conversation\n\n## User\n\nList the files\n\n## Activity\n\n    • Ran ls\n\n## Assistant\n\nThere are **two** files.\n');
    t.cmds.tryRun('/export chat.md');
    await until(() => t.shown.length === 3);
    expect(t.shown[2]).toBe(`■ /export: ${join(out, 'chat.md')} already exists; choose another name`);
    expect(readdirSync(out)).toEqual(['chat.md']);
    t.cmds.tryRun('/export no/such/dir/x.md');
    await until(() => t.shown.length === 4);
    expect(t.shown[3]!.replace(/\n +/g, " ")).toBe(`■ /export: could not write ${join(out, 'no/such/dir/x.md')}: ${join(out, 'no/such/dir')} is not a directory`);
    // No argument: the picker, then a file name prompt with Codex's default name.
    t.cmds.run('export');
    await until(() => t.overlays.length === 1);
    expect(t.screen()).toContain('Export conversation');
    t.press('2');
    expect(t.screen()).toContain('› codex-session-sess-1.md');
    t.press('enter');
    expect(existsSync(join(out, 'codex-session-sess-1.md'))).toBe(true);
  });

  it('/pwd, /warnings (the F2 tray), /permissions and `!cmd`', async () => {
    const t = host();
    t.cmds.run('pwd');
    await until(() => t.shown.length === 1);
    expect(t.shown[0]).toBe(`• Current working directory: ${dir}`);
    t.cmds.run('warnings');
    await until(() => t.keys.length === 1);
    expect(t.keys[0]).toEqual({ name: 'f2' });
    t.cmds.run('permissions');
    expect(t.screen()).toMatch(/Update Model Permissions\n\n› 1\. Ask for approval \(current\)/);
    t.press('2');
    expect(t.ops.at(-1)).toMatchObject({ type: 'override_turn_context', approval_policy: 'never', sandbox_policy: { mode: 'danger-full-access' } });
    t.cmds.tryRun('!echo hi | wc -c');
    expect(t.ops.slice(-2)).toEqual([
      { type: 'add_to_history', text: '!echo hi | wc -c' },
      { type: 'run_user_shell_command', command: 'echo hi | wc -c' },
    ]);
    const n = t.ops.length;
    t.cmds.tryRun('!');
    expect(t.ops.length).toBe(n);
    const busy = host({ running: true });
    expect(busy.cmds.tryRun('!ls')).toBe(true);
    expect(busy.ops).toEqual([]);
    expect(busy.composer()).toBe('!ls');
    expect(busy.shown.at(-1)).toContain("'!' commands are disabled while a task is in progress.");
  });
});
