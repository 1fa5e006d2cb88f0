// The `codex-file-search` binary: argument parsing and output in the shape of Codex's
// file-search CLI (one path or one JSON object per line, a truncation notice, `ls -al` when
// no pattern is given). Exit codes: 0 ok, 1 runtime failure, 2 usage error.

import { resolve } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { FileSearchError } from './errors.js';
import { adoptWorker, releaseWorker } from './internal/parallel.js';
import { DEFAULT_LIMIT, fileSearch, type FileMatch } from './search.js';

/** Parsed command line. */
export interface CliArgs {
  json: boolean;
  limit: number;
  cwd: string | undefined;
  computeIndices: boolean;
  threads: number;
  exclude: string[];
  noIgnore: boolean;
  pattern: string | undefined;
  help: boolean;
  version: boolean;
}

const VERSION = '0.1.0';

const HELP = `Fuzzy matches filenames under a directory.

Usage: codex-file-search [OPTIONS] [PATTERN]

Arguments:
  [PATTERN]  Search pattern

Options:
      --json               Whether to output results in JSON format
  -l, --limit <LIMIT>      Maximum number of results to return [default: ${DEFAULT_LIMIT}]
  -C, --cwd <CWD>          Directory to search
      --compute-indices    Include matching file indices in the output
      --threads <THREADS>  Number of worker threads to use [default: 2]
  -e, --exclude <EXCLUDE>  Exclude patterns
      --no-ignore          Do not honour .gitignore/.ignore/excludes (extension)
  -h, --help               Print help
  -V, --version            Print version
`;

function positiveInt(flag: string, value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new FileSearchError('invalid_argument', `invalid value '${value}' for '${flag}': expected a number greater than 0`);
  }
  return Number(value);
}

/** Parse argv (without node and script); throws FileSearchError(`invalid_argument`). */
export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = {
    json: false, limit: DEFAULT_LIMIT, cwd: undefined, computeIndices: false, threads: 2,
    exclude: [], noIgnore: false, pattern: undefined, help: false, version: false,
  };
  let positionalOnly = false;
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i]!;
    let inline: string | undefined;
    if (!positionalOnly && arg.startsWith('--') && arg.includes('=')) {
      inline = arg.slice(arg.indexOf('=') + 1);
      arg = arg.slice(0, arg.indexOf('='));
    } else if (!positionalOnly && /^-[lCe]./.test(arg)) {
      inline = arg.slice(2);
      arg = arg.slice(0, 2);
    }
    const value = (): string => {
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined) throw new FileSearchError('invalid_argument', `a value is required for '${arg}' but none was supplied`);
      return v;
    };
    if (positionalOnly || !arg.startsWith('-') || arg === '-') {
      if (args.pattern !== undefined) throw new FileSearchError('invalid_argument', `unexpected argument '${arg}' found`);
      args.pattern = arg;
      continue;
    }
    switch (arg) {
      case '--': positionalOnly = true; break;
      case '--json': args.json = true; break;
      case '--compute-indices': args.computeIndices = true; break;
      case '--no-ignore': args.noIgnore = true; break;
      case '-l': case '--limit': args.limit = positiveInt('--limit <LIMIT>', value()); break;
      case '-C': case '--cwd': args.cwd = value(); break;
      case '--threads': args.threads = positiveInt('--threads <THREADS>', value()); break;
      case '-e': case '--exclude': args.exclude.push(value()); break;
      case '-h': case '--help': args.help = true; break;
      case '-V': case '--version': args.version = true; break;
      default: throw new FileSearchError('invalid_argument', `unexpected argument '${arg}' found`);
    }
  }
  return args;
}

/** Render one match as Codex's reporter does. */
export function formatMatch(m: FileMatch, opts: { json: boolean; highlight: boolean }): string {
  if (opts.json) return JSON.stringify(m);
  if (!opts.highlight || !m.indices) return m.path;
  const chars = Array.from(m.path);
  const hit = new Set(m.indices);
  return chars.map((c, i) => (hit.has(i) ? `\x1b[1m${c}\x1b[0m` : c)).join('');
}

/** libuv pool size for `--threads N`: N walker threads plus one, so I/O overlaps the scorer. */
function poolSize(argv: readonly string[]): number {
  try {
    return parseArgs(argv).threads + 1;
  } catch {
    return 3; // main() reports the usage error
  }
}

/** Run the CLI; resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (err: unknown) {
    process.stderr.write(`error: ${(err as Error).message}\n\nUsage: codex-file-search [OPTIONS] [PATTERN]\n\nFor more information, try '--help'.\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (args.version) {
    process.stdout.write(`codex-file-search ${VERSION}\n`);
    return 0;
  }
  const dir = resolve(args.cwd ?? process.cwd());
  if (args.pattern === undefined) {
    process.stderr.write(`No search pattern specified. Showing the contents of the current directory (${dir}):\n`);
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync('ls', ['-al'], { cwd: dir, stdio: 'inherit' });
    return r.status ?? 1;
  }
  try {
    const res = await fileSearch(args.pattern, {
      cwd: dir,
      limit: args.limit,
      computeIndices: args.computeIndices,
      exclude: args.exclude,
      respectGitignore: !args.noIgnore,
      threads: args.threads,
    });
    const highlight = args.computeIndices && process.stdout.isTTY === true;
    let out = '';
    for (const m of res.matches) out += `${formatMatch(m, { json: args.json, highlight })}\n`;
    const truncated = res.totalMatchCount > res.matches.length;
    if (truncated && args.json) out += `${JSON.stringify({ matches_truncated: true })}\n`;
    process.stdout.write(out);
    if (truncated && !args.json) {
      process.stderr.write(
        `Warning: showing ${res.matches.length} out of ${res.totalMatchCount} results. Provide a more specific pattern or increase the --limit.\n`,
      );
    }
    return 0;
  } catch (err: unknown) {
    process.stderr.write(`Error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

/**
 * Entry point used by bin/codex-file-search. `worker`, when given, is a walker worker the
 * binary started on dist/walk-worker.js before loading this module (it boots meanwhile).
 */
export async function run(worker?: Worker): Promise<void> {
  if (worker) adoptWorker(worker);
  // libuv reads the pool size when the pool first starts, which is after this point.
  process.env.UV_THREADPOOL_SIZE ??= String(poolSize(process.argv.slice(2)));
  try {
    process.exitCode = await main(process.argv.slice(2));
  } finally {
    releaseWorker();
  }
}
