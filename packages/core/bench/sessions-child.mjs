// One long in-process session for sessions.bench.mjs: argv = baseUrl home ws turns.
// Runs `turns` user turns (the scripted model answers each with a ~20 KB message, so the
// default 272k-token window of gpt-5-codex fills and compaction kicks in), then prints
// {rss, heapUsed, compactions, historyItems} after a full GC as one JSON line.
import { Codex, loadConfig } from '@codex-ts/core';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [baseUrl, home, ws, turns] = process.argv.slice(2);
writeFileSync(join(home, 'config.toml'), `model = "gpt-5-codex"\nmodel_provider = "mock"\napproval_policy = "never"\nsandbox_mode = "read-only"\n[model_providers.mock]\nname = "Mock"\nbase_url = "${baseUrl}"\nenv_key = "MOCK_API_KEY"\nwire_api = "responses"\n`);
const env = { ...process.env, MOCK_API_KEY: 'k', CODEX_LOG: 'off' };
const config = loadConfig({ codexHome: home, env, cli: { cwd: ws } });
const { codex } = await Codex.spawn(config, { env, originator: 'codex_exec', sessionSource: 'exec' });
const it = codex.events()[Symbol.asyncIterator]();
let compactions = 0;
for (let i = 0; i < Number(turns); i++) {
  await codex.submit({ type: 'user_turn', items: [{ type: 'text', text: i === 0 ? 'GOAL: keep going' : `step ${i}` }], cwd: ws, approval_policy: 'never', sandbox_policy: { mode: 'read-only' }, model: 'gpt-5-codex', summary: 'auto' });
  for (;;) {
    const { value } = await it.next();
    if (value.msg.type === 'background_event' && value.msg.message.startsWith('Context compacted')) compactions += 1;
    if (value.msg.type === 'error') throw new Error(value.msg.message);
    if (value.msg.type === 'task_complete') break;
  }
}
globalThis.gc?.();
await new Promise((r) => setTimeout(r, 50));
globalThis.gc?.();
const mem = process.memoryUsage();
process.stdout.write(`${JSON.stringify({ rss: mem.rss, heapUsed: mem.heapUsed, compactions })}\n`);
await codex.submit({ type: 'shutdown' });
process.exit(0);
