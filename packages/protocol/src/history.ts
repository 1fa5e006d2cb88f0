// $CODEX_HOME/history.jsonl (core/src/message_history.rs): one line per
// message the user typed, appended under an advisory lock.
import { z } from 'zod';

/** `{"session_id":"<uuid>","ts":<unix seconds>,"text":"…"}`. */
export const HistoryLineSchema = z.looseObject({
  session_id: z.string(),
  ts: z.number().int().nonnegative(),
  text: z.string(),
});
/** One history.jsonl line. */
export type HistoryLine = z.infer<typeof HistoryLineSchema>;

/** `[history] persistence`. */
export const HistoryPersistenceSchema = z.enum(['save-all', 'none']);
/** History persistence mode. */
export type HistoryPersistence = z.infer<typeof HistoryPersistenceSchema>;
