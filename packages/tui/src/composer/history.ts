// Read-only access to $CODEX_HOME/history.jsonl (`{"session_id","ts","text"}` per line),
// newest last. Bad lines are skipped; a missing file is an empty history.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** At most this many bytes are read from the end of the file. */
const MAX_BYTES = 2 * 1024 * 1024;

/** The texts of history.jsonl, oldest first. */
export function readHistory(codexHome: string): string[] {
  let raw: string;
  try {
    const buf = readFileSync(join(codexHome, 'history.jsonl'));
    raw = buf.subarray(Math.max(0, buf.length - MAX_BYTES)).toString('utf8');
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const line of raw.split('\n')) {
    if (!line.trim()) continue;
    try {
      const v = JSON.parse(line) as { text?: unknown };
      if (typeof v.text === 'string' && v.text !== '') out.push(v.text);
    } catch {
      // A torn or foreign line: skip it.
    }
  }
  return out;
}

/** Up/Down navigation over past prompts; the draft being typed is kept aside. */
export class HistoryCursor {
  private index: number;
  private draft = '';

  constructor(private readonly entries: string[]) {
    this.index = entries.length;
  }

  /** Add a prompt sent in this session. */
  push(text: string): void {
    if (this.entries[this.entries.length - 1] !== text) this.entries.push(text);
    this.index = this.entries.length;
  }

  /** The older entry, or undefined at the start. */
  prev(current: string): string | undefined {
    if (this.index === 0) return undefined;
    if (this.index === this.entries.length) this.draft = current;
    this.index -= 1;
    return this.entries[this.index];
  }

  /** The newer entry (the saved draft past the end), or undefined when not browsing. */
  next(): string | undefined {
    if (this.index >= this.entries.length) return undefined;
    this.index += 1;
    return this.index === this.entries.length ? this.draft : this.entries[this.index];
  }

  reset(): void {
    this.index = this.entries.length;
  }

  /** Every entry, oldest first (Ctrl+R searches them). */
  get all(): readonly string[] {
    return this.entries;
  }
}
