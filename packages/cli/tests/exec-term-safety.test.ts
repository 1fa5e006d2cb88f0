// `codex exec` on a terminal: hostile bytes from the model (answer, reasoning, command line)
// and from a command's output must not reach the terminal as escape sequences, on stderr (the
// human transcript) or stdout (the final answer). Piped, the answer stays byte for byte, and
// --json lines carry no raw control (C1 included) while parsing to the same text.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import pty from '@lydell/node-pty';
import { describe, expect, it } from 'vitest';
import { assistantMessage, reasoning, turn, type ScriptedModelServer } from '@codex-ts/test-support';
import { useCliWorkspace } from './workspace.js';

const bin = resolve(import.meta.dirname, '..', 'bin', 'codex');

let home: string;
let ws: string;
let server: ScriptedModelServer;

useCliWorkspace('codex-exec-term-', (w) => ({ home, ws, server } = w));

/** Sequences that change the terminal (title, clipboard, alternate screen, clear, cursor, reset, C1 CSI). */
const HOSTILE = ['\x1b]0;pwned-title\x07', '\x1b]52;c;ZWNobyBwd25lZAo=\x07', '\x1b[?1049h', '\x1b[2J', '\x1b[77A', '\x1bc', '\x1bP1$r0m\x1b\\', '\x9b55;55H'];
const PAYLOAD = `${HOSTILE.map((seq, i) => `p${i}${seq}`).join(' ')} END`;
const TELLS = ['\x1b]0;', '\x1b]52;', '\x1b[?1049h', '\x1b[2J', '\x1b[77A', '\x1bc', '\x1bP', '\x9b'];

function env(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(OPENAI_|CODEX_|NO_COLOR)/.test(k)) out[k] = v;
  return Object.assign(out, { CODEX_HOME: home, OPENAI_BASE_URL: server.baseUrl, OPENAI_API_KEY: 'test-key', TERM: 'xterm-256color' });
}

/** `codex ARGS` with pipes (the scripted server lives in this process, so never spawnSync). */
function runPiped(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((res) => {
    const p = spawn(process.execPath, [bin, ...args], { cwd: ws, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    p.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    p.on('close', (status) => res({ status, stdout, stderr }));
  });
}

function queueHostileTurn(): void {
  const script = `printf 'o-start \\033]0;pwned-title\\007 \\033[?1049h \\033[2J \\033c o-end\\n'`;
  server.queueResponses(
    turn.shell(['bash', '-lc', `${script} # \x1b]0;pwned-title\x07`]),
    turn.of([reasoning({ summary: `r-start ${PAYLOAD}` }), assistantMessage(`a-start ${PAYLOAD}`)]),
  );
}

describe('codex exec: terminal safety', () => {
  it('on a terminal, neither the transcript nor the final answer carries an escape sequence', async () => {
    queueHostileTurn();
    const proc = pty.spawn(process.execPath, [bin, 'exec', '--skip-git-repo-check', '-s', 'read-only', '--color', 'always', 'go'], { name: 'xterm-256color', cols: 120, rows: 40, cwd: ws, env: env() });
    let out = '';
    proc.onData((d) => (out += d));
    const code = await new Promise<number>((res) => proc.onExit((e) => res(e.exitCode)));
    expect(code, out).toBe(0);
    expect(TELLS.filter((t) => out.includes(t)).map((t) => JSON.stringify(t))).toEqual([]);
    // Our own colours are still there, and so is all the text around the sequences.
    expect(out).toContain('\x1b[');
    const plain = out.replace(/\x1b\[[0-9;]*m/g, '');
    expect(plain).toContain('o-start     o-end');
    expect(plain).toContain('a-start p0 p1 p2 p3 p4 p5 p6 p7 END');
    // The command line is shown with its ESC and BEL visible.
    expect(plain).toContain('# ␛]0;pwned-title␇');
  });

  it('piped, the answer is byte for byte and --json lines hold no raw control', async () => {
    queueHostileTurn();
    const human = await runPiped(['exec', '--skip-git-repo-check', '-s', 'read-only', 'go']);
    expect(human.status, human.stderr).toBe(0);
    expect(human.stdout).toBe(`a-start ${PAYLOAD}\n`);
    expect(TELLS.filter((t) => human.stderr.includes(t))).toEqual([]);

    queueHostileTurn();
    const json = await runPiped(['exec', '--skip-git-repo-check', '-s', 'read-only', '--json', 'go']);
    expect(json.status, json.stderr).toBe(0);
    expect(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/.test(json.stdout)).toBe(false);
    const items = json.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; item?: { type: string; text?: string } });
    const answer = items.find((e) => e.type === 'item.completed' && e.item?.type === 'agent_message');
    expect(answer?.item?.text).toBe(`a-start ${PAYLOAD}`);
  });
});
