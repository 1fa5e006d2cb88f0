import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDirs } from '@codex-ts/test-support';
import { ExecError } from './errors.js';
import { loadOutputSchema } from './output-schema.js';
import { sandboxModeFromFlags } from './prepare.js';
import { readPrompt } from './prompt.js';
import { isTrustedDirectory } from './trust.js';

const tmp = tempDirs(afterEach);
let dir: string;
beforeEach(() => {
  dir = tmp('exec-inputs-');
});

const stdin = (text: string, isTTY = false) => Object.assign(Readable.from([Buffer.from(text)]), { isTTY });

describe('readPrompt', () => {
  it('prefers the argument, reads stdin for `-` (quietly) or when absent (with a notice)', async () => {
    const notices: string[] = [];
    const note = (l: string) => notices.push(l);
    expect(await readPrompt('do it', stdin('ignored'), note)).toBe('do it');
    expect(await readPrompt('-', stdin('from pipe\n'), note)).toBe('from pipe\n');
    expect(notices).toEqual([]);
    expect(await readPrompt(undefined, stdin('piped'), note)).toBe('piped');
    expect(notices).toEqual(['Reading prompt from stdin...']);
  });

  it("refuses a terminal with no prompt and an empty pipe, with Codex's messages", async () => {
    await expect(readPrompt(undefined, stdin('', true), () => {})).rejects.toThrow(
      new ExecError('no_prompt', 'No prompt provided. Either specify one as an argument or pipe the prompt into stdin.'),
    );
    await expect(readPrompt(undefined, stdin(' \n'), () => {})).rejects.toThrow('No prompt provided via stdin.');
  });
});

describe('loadOutputSchema', () => {
  it('returns the schema object, resolving the path against cwd', () => {
    writeFileSync(join(dir, 's.json'), '{"type":"object"}');
    expect(loadOutputSchema('s.json', dir)).toEqual({ type: 'object' });
  });

  it('names the file and the problem for unreadable, invalid and non-object files', () => {
    expect(() => loadOutputSchema('missing.json', dir)).toThrow(`Failed to read output schema file ${join(dir, 'missing.json')}: ENOENT`);
    writeFileSync(join(dir, 'bad.json'), '{');
    expect(() => loadOutputSchema('bad.json', dir)).toThrow(`Output schema file ${join(dir, 'bad.json')} is not valid JSON`);
    writeFileSync(join(dir, 'arr.json'), '[1]');
    expect(() => loadOutputSchema('arr.json', dir)).toThrow(`Output schema file ${join(dir, 'arr.json')} must contain a JSON object (a JSON Schema), not an array.`);
  });
});

describe('trust check and sandbox flags', () => {
  it('passes inside a git work tree or a trusted project, and nowhere else', () => {
    // A ceiling at `dir`, so a repository the host may have above the temp dir is not seen.
    const env = { GIT_CEILING_DIRECTORIES: dir };
    mkdirSync(join(dir, 'repo', '.git'), { recursive: true });
    mkdirSync(join(dir, 'repo', 'src', 'deep'), { recursive: true });
    mkdirSync(join(dir, 'plain'));
    mkdirSync(join(dir, 'plainer'));
    const toml = { projects: { [join(dir, 'plain')]: { trust_level: 'trusted' } } };
    expect(
      [join(dir, 'repo', 'src', 'deep'), join(dir, 'plain'), join(dir, 'plainer')].map((d) => isTrustedDirectory(d, toml, env)),
    ).toEqual([true, true, false]);
    expect(isTrustedDirectory(join(dir, 'plain'), {}, env)).toBe(false);
  });

  it('--full-auto, then --yolo, then -s', () => {
    expect(sandboxModeFromFlags({ fullAuto: true, sandbox: 'read-only' })).toBe('workspace-write');
    expect(sandboxModeFromFlags({ dangerouslyBypassApprovalsAndSandbox: true })).toBe('danger-full-access');
    expect(sandboxModeFromFlags({ sandbox: 'read-only' })).toBe('read-only');
    expect(sandboxModeFromFlags({})).toBeUndefined();
  });
});
