// The session's side of history.jsonl: `add_to_history` appends (in the background, failures
// reported once), `get_history_entry_request` looks an entry up, and session_configured
// carries the file's identity and size.
import type { EventMsg } from '@codex-ts/protocol';
import type { Config } from '../config/load.js';
import { appendHistoryEntry, historyMetadata, historySettingsFromConfig, lookupHistoryEntry, type HistorySettings } from '../history/message-history.js';
import type { StoreFailureReporter } from './store-failures.js';

/** history.jsonl for one session. */
export class HistoryService {
  private readonly settings: HistorySettings;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    config: Config,
    private readonly sessionId: string,
    private readonly store: StoreFailureReporter,
  ) {
    this.settings = historySettingsFromConfig(config);
  }

  /** `history_log_id` and `history_entry_count` for session_configured. */
  metadata(): { log_id: number; entry_count: number } {
    return historyMetadata(this.settings.codexHome);
  }

  /** Append `text` (in order with earlier appends); never throws. */
  add(text: string): void {
    this.chain = this.chain
      .then(() => appendHistoryEntry(this.settings, { session_id: this.sessionId, text }))
      .catch((err: unknown) => this.store.historyFailed((err as Error).message, err));
  }

  /** Wait for queued appends (shutdown, tests). */
  async settled(): Promise<void> {
    await this.chain;
  }

  /** The `get_history_entry_response` event for a lookup. */
  lookup(offset: number, logId: number): EventMsg {
    const entry = lookupHistoryEntry(this.settings.codexHome, logId, offset);
    return { type: 'get_history_entry_response', offset, log_id: logId, ...(entry ? { entry: { conversation_id: entry.session_id, ts: entry.ts, text: entry.text } } : {}) } as EventMsg;
  }
}
