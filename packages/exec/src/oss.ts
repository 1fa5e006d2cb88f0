// `codex exec --oss`: before the engine starts, make sure the local Ollama server answers
// and has the model (core's ensureOssModelReady). Human mode shows the pull on stderr as
// one `pulling <model>: …` line per change of status or whole percent; stdout stays clean.
import { ensureOssModelReady, OllamaError, type EngineConfig, type OssPullEvent } from './engine.js';
import { ExecError } from './errors.js';
import type { TextSink } from './options.js';

/** Renders pull events as short stderr lines, skipping repeats. */
export class PullProgressPrinter {
  private readonly totals = new Map<string, { total: number; completed: number }>();
  private last = '';

  constructor(
    private readonly model: string,
    private readonly write: (line: string) => void,
  ) {}

  /** Feed one pull event; prints a line when what it shows changed. */
  onEvent(event: OssPullEvent): void {
    let text: string;
    if (event.type === 'success') text = 'done';
    else if (event.type === 'status') {
      // A layer's status (`pulling <digest>`) repeats on every byte update: show the percent instead.
      text = event.status.startsWith('pulling ') && event.status !== 'pulling manifest' ? this.percentText() : event.status;
    } else {
      const prev = this.totals.get(event.digest) ?? { total: 0, completed: 0 };
      this.totals.set(event.digest, { total: event.total ?? prev.total, completed: event.completed ?? prev.completed });
      text = this.percentText();
    }
    if (text === this.last) return;
    this.last = text;
    this.write(`pulling ${this.model}: ${text}\n`);
  }

  private percentText(): string {
    let total = 0;
    let completed = 0;
    for (const t of this.totals.values()) {
      total += t.total;
      completed += t.completed;
    }
    return `${total > 0 ? Math.floor((completed * 100) / total) : 0}%`;
  }
}

/** Ensure the `--oss` model is ready; an OllamaError becomes an ExecError (exit 1). */
export async function prepareOss(config: EngineConfig, opts: { stderr: TextSink; showProgress: boolean; signal?: AbortSignal }): Promise<void> {
  const printer = new PullProgressPrinter(config.model, (line) => opts.stderr.write(line));
  try {
    await ensureOssModelReady(config, {
      ...(opts.showProgress ? { onProgress: (e: OssPullEvent) => printer.onEvent(e) } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
  } catch (err: unknown) {
    if (err instanceof OllamaError) throw new ExecError('oss', `Error: ${err.message}`, { cause: err });
    throw err;
  }
}
