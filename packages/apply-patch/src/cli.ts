// The `apply_patch` binary: the patch as the only argument or on stdin, applied in the current
// directory. Prints Codex's texts; exit 0 on success, 1 when the patch fails, 2 on usage errors.
// Start-up matters more than anything else here (the work itself takes a few ms), so stdin and
// stdout go through plain fd reads and writes: touching process.stdin/stdout would build streams.
import { readFileSync, writeSync } from 'node:fs';
import { applyPatch } from './apply.js';
import { ApplyPatchError } from './errors.js';
import { errnoCode } from './internal/io-error.js';

const USAGE = "Usage: apply_patch 'PATCH'\n       echo 'PATCH' | apply_patch";

async function readStdin(): Promise<string> {
  try {
    return readFileSync(0, 'utf8');
  } catch (err: unknown) {
    // A non-blocking stdin (EAGAIN) or an odd fd: fall back to the stream.
    if (errnoCode(err) !== 'EAGAIN' && errnoCode(err) !== 'EISDIR') throw err;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Writes all of `text` to fd 1 or 2 synchronously, falling back to the stream on EAGAIN. */
function emit(fd: 1 | 2, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let off = 0;
  try {
    while (off < bytes.length) off += writeSync(fd, bytes, off);
  } catch (err: unknown) {
    if (errnoCode(err) !== 'EAGAIN') throw err;
    (fd === 1 ? process.stdout : process.stderr).write(bytes.subarray(off));
  }
}

/** Runs the binary with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  // `--preserve-crlf` exists in newer Codex; line endings are always preserved here.
  const args = argv[0] === '--preserve-crlf' ? argv.slice(1) : [...argv];
  if (args.length > 1) {
    emit(2, 'Error: apply_patch accepts exactly one argument.\n');
    return 2;
  }
  let patch: string;
  if (args.length === 1) {
    patch = args[0]!;
  } else {
    try {
      patch = await readStdin();
    } catch (err: unknown) {
      emit(2, `Error: Failed to read PATCH from stdin.\n${err instanceof Error ? err.message : String(err)}\n`);
      return 1;
    }
    if (patch === '') {
      emit(2, `${USAGE}\n`);
      return 2;
    }
  }
  try {
    const result = await applyPatch(patch, { cwd: process.cwd(), diffs: false });
    emit(1, result.stdout);
    return 0;
  } catch (err: unknown) {
    if (err instanceof ApplyPatchError) {
      emit(2, `${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`apply_patch: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
