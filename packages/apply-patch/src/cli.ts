// The `apply_patch` binary: the patch as the only argument or on stdin, applied in the current
// directory. Prints Codex's texts; exit 0 on success, 1 when the patch fails, 2 on usage errors.
import { applyPatch } from './apply.js';
import { ApplyPatchError } from './errors.js';

const USAGE = "Usage: apply_patch 'PATCH'\n       echo 'PATCH' | apply_patch";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Runs the binary with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  // `--preserve-crlf` exists in newer Codex; line endings are always preserved here.
  const args = argv[0] === '--preserve-crlf' ? argv.slice(1) : [...argv];
  if (args.length > 1) {
    process.stderr.write('Error: apply_patch accepts exactly one argument.\n');
    return 2;
  }
  let patch: string;
  if (args.length === 1) {
    patch = args[0]!;
  } else {
    try {
      patch = await readStdin();
    } catch (err: unknown) {
      process.stderr.write(`Error: Failed to read PATCH from stdin.\n${err instanceof Error ? err.message : String(err)}\n`);
      return 1;
    }
    if (patch === '') {
      process.stderr.write(`${USAGE}\n`);
      return 2;
    }
  }
  try {
    const result = await applyPatch(patch, { cwd: process.cwd(), diffs: false });
    process.stdout.write(result.stdout);
    return 0;
  } catch (err: unknown) {
    if (err instanceof ApplyPatchError) {
      process.stderr.write(`${err.message}\n`);
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
