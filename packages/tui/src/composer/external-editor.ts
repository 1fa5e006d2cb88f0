// Ctrl+G: edit the message in $VISUAL / $EDITOR. The TUI steps aside while the editor owns
// the terminal (the caller's `suspend`), the text goes through a private temp file, and the
// composer gets what was saved (one trailing newline dropped). A failed editor leaves the
// message as it was.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { splitArgs } from '../slash/custom-prompts.js';

export type EditOutcome = { kind: 'edited'; text: string } | { kind: 'error' | 'info'; message: string };

/** The editor command: `$VISUAL`, else `$EDITOR`, split like a shell would (e.g. `code --wait`). */
export function editorCommand(env: NodeJS.ProcessEnv): string[] | undefined {
  const raw = (env.VISUAL?.trim() || env.EDITOR?.trim()) ?? '';
  if (!raw) return undefined;
  try {
    const argv = splitArgs(raw);
    return argv.length ? argv : undefined;
  } catch {
    return undefined;
  }
}

export async function editExternally(text: string, env: NodeJS.ProcessEnv, suspend: <T>(fn: () => Promise<T>) => Promise<T>): Promise<EditOutcome> {
  const argv = editorCommand(env);
  if (!argv) return { kind: 'info', message: 'Set $VISUAL or $EDITOR to edit the message in an external editor.' };
  const dir = mkdtempSync(join(env.TMPDIR || tmpdir(), 'codex-edit-'));
  const file = join(dir, 'message.md');
  try {
    writeFileSync(file, text, { mode: 0o600 });
    const result = await suspend(
      () =>
        new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>((res) => {
          const child = spawn(argv[0]!, [...argv.slice(1), file], { stdio: 'inherit', env });
          child.once('error', (error) => res({ code: null, signal: null, error }));
          child.once('exit', (code, signal) => res({ code, signal }));
        }),
    );
    if (result.error) return { kind: 'error', message: `Could not start the editor ${argv[0]}: ${result.error.message}` };
    if (result.code !== 0) return { kind: 'error', message: `The editor ${argv[0]} exited with ${result.signal ? `signal ${result.signal}` : `code ${result.code}`}; the message is unchanged.` };
    const edited = readFileSync(file, 'utf8').replace(/\r\n/g, '\n').replace(/\n$/, '');
    return { kind: 'edited', text: edited };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
