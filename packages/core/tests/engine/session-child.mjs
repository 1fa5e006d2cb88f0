// Runs one session in a child process (so a test can kill -9 it): argv = codexHome ws.
// Prints `ROLLOUT <path>` and then `BEGIN` when the command starts.
import { Codex, loadConfig } from '@codex-ts/core';

const [codexHome, ws] = process.argv.slice(2);
const env = { ...process.env, MOCK_API_KEY: 'k' };
const config = loadConfig({ codexHome, env, cli: { cwd: ws } });
const { codex, rolloutPath } = await Codex.spawn(config, { env });
process.stdout.write(`ROLLOUT ${rolloutPath}\n`);
await codex.submit({
  type: 'user_turn', items: [{ type: 'text', text: 'first task' }], cwd: ws, approval_policy: 'never',
  sandbox_policy: { mode: 'danger-full-access' }, model: 'gpt-5-codex', summary: 'auto',
});
for await (const ev of codex.events()) {
  if (ev.msg.type === 'exec_command_begin') process.stdout.write('BEGIN\n');
}
