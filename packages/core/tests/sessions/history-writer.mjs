// Appends `count` history entries from one process: argv = codexHome tag count [maxBytes].
import { appendHistoryEntry } from '@codex-ts/core';

const [codexHome, tag, count, maxBytes] = process.argv.slice(2);
const settings = { codexHome, persistence: 'save-all', ...(maxBytes ? { maxBytes: Number(maxBytes) } : {}) };
for (let i = 0; i < Number(count); i++) {
  // Lines of varied length (some far beyond PIPE_BUF) so torn writes would show.
  await appendHistoryEntry(settings, { session_id: tag, text: `${tag}-${i}-${'x'.repeat((i * 997) % 9000)}` });
}
