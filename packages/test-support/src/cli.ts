/**
 * `codex-test-model --script FILE [--port N] [--host H] [--loop] [--event-delay-ms N]`:
 * serves a script file with the scripted model server. stdout carries exactly one line,
 * the base URL (`http://127.0.0.1:PORT/v1`); every log line goes to stderr.
 */
import { ScriptError, TestSupportError } from './errors.js';
import { loadScriptFile } from './script.js';
import { startModelServer } from './server.js';

const USAGE = `Usage: codex-test-model --script FILE [--port N] [--host 127.0.0.1] [--loop] [--event-delay-ms N]

Serves a scripted OpenAI Responses / Chat Completions / Ollama endpoint.
Prints the base URL on stdout, e.g. http://127.0.0.1:43123/v1, then:
  OPENAI_BASE_URL=<url> codex exec "..."   (any API key value works)

  --script FILE         JSON array / JSONL / {turns: [...]} script (see the package README)
  --port N              port to listen on (default: a free one)
  --host H              interface (default 127.0.0.1)
  --loop                restart the script from its first turn when it runs out
  --event-delay-ms N    wait N ms before each streamed event
  --help                show this help`;

interface CliArgs {
  script: string;
  port: number;
  host: string;
  loop: boolean;
  eventDelayMs?: number;
}

/** Bad command-line arguments: reported with the usage text, exit 2. */
class UsageError extends TestSupportError {
  constructor(message: string) {
    super('usage', message);
  }
}

function parseArgs(argv: string[]): CliArgs | 'help' {
  const args: Partial<CliArgs> = { port: 0, host: '127.0.0.1', loop: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    const number = (): number => {
      const v = value();
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) throw new UsageError(`${flag} expects a non-negative integer, got ${JSON.stringify(v)}`);
      return n;
    };
    switch (flag) {
      case '--help':
      case '-h':
        return 'help';
      case '--script':
        args.script = value();
        break;
      case '--port':
        args.port = number();
        break;
      case '--host':
        args.host = value();
        break;
      case '--loop':
        args.loop = true;
        break;
      case '--event-delay-ms':
        args.eventDelayMs = number();
        break;
      default:
        throw new UsageError(`unknown argument ${JSON.stringify(arg)}`);
    }
  }
  if (!args.script) throw new UsageError('--script FILE is required');
  return args as CliArgs;
}

/** Runs the CLI; resolves with the exit code once the server has stopped (or failed to start). */
export async function main(argv: string[]): Promise<number> {
  const log = (line: string): void => void process.stderr.write(`codex-test-model: ${line}\n`);
  let args: CliArgs | 'help';
  try {
    args = parseArgs(argv);
  } catch (err: unknown) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`codex-test-model: ${err.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let script;
  try {
    script = await loadScriptFile(args.script);
  } catch (err: unknown) {
    log(err instanceof ScriptError ? err.message : `cannot read ${args.script}: ${(err as Error).message}`);
    return 1;
  }
  const server = await startModelServer({
    host: args.host,
    port: args.port,
    models: script.models,
    eventDelayMs: args.eventDelayMs ?? script.eventDelayMs,
    log,
  });
  if (args.loop || script.loop) server.loop(script.turns);
  else server.queue(...script.turns);
  process.stdout.write(`${server.baseUrl}\n`);
  log(`serving ${script.turns.length} turn(s) from ${args.script}${args.loop || script.loop ? ' in a loop' : ''}`);
  await new Promise<void>((resolve) => {
    const stop = (signal: string): void => {
      log(`${signal}: shutting down`);
      void server.close().then(resolve);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`codex-test-model: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
