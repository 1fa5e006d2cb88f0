// Runs one gpt-5.5 session in a child process whose exec_command leaves a process running
// past the turn: argv = codexHome ws. Prints READY after task_complete, then exits on its own
// (process.exit, no shutdown op) when it reads "exit" on stdin; a test may SIGKILL it instead.
import { Codex, loadConfig } from '@codex-ts/core';

const [codexHome, ws] = process.argv.slice(2);
const env = { ...process.env, MOCK_API_KEY: 'k' };
const config = loadConfig({ codexHome, env, cli: { cwd: ws } });
const { codex } = await Codex.spawn(config, { env });
process.stdin.on('data', (d) => {
  if (d.toString().includes('exit')) process.exit(0);
});
await codex.submit({
  type: 'user_turn', items: [{ type: 'text', text: 'leave it running' }], cwd: ws, approval_policy: 'never',
  sandbox_policy: { mode: 'workspace-write', writable_roots: [], network_access: false, exclude_tmpdir_env_var: false, exclude_slash_tmp: false },
  model: 'gpt-5.5', summary: 'auto',
});
for await (const ev of codex.events()) {
  if (ev.msg.type === 'task_complete') process.stdout.write('READY\n');
}
