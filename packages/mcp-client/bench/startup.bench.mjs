// `codex exec` start-up with MCP servers: time from spawning `codex exec --json` to the first
// model request reaching the scripted model server, with no servers configured and with three
// (the fast test server, @modelcontextprotocol/server-everything, and a server that answers
// `initialize` after 5 s). Target: <= 1.1x the time with none (Codex 0.169: 1.45 s vs 0.23 s,
// 6.3x, because it waits ~1.1 s for servers). Also reports whole-run wall time (the run ends
// right after the answer; slow servers are killed, never waited for). Runs alternate between
// the cases (ABBA order, so neither always follows the other); CODEX_BENCH_MCP_RUNS (default 10)
// sets the count.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const RUNS = Number(process.env.CODEX_BENCH_MCP_RUNS ?? 10);
const TARGET = 1.1;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function serversToml(root) {
  const faulty = join(root, 'packages', 'test-support', 'bin', 'faulty-mcp-server.mjs');
  const everything = join(root, 'packages', 'mcp-client', 'node_modules', '@modelcontextprotocol', 'server-everything', 'dist', 'index.js');
  const node = JSON.stringify(process.execPath);
  return [
    `[mcp_servers.fast]\ncommand = ${node}\nargs = ${JSON.stringify([faulty, '--name', 'fast'])}\n`,
    `[mcp_servers.everything]\ncommand = ${node}\nargs = ${JSON.stringify([everything, 'stdio'])}\n`,
    `[mcp_servers.slow]\ncommand = ${node}\nargs = ${JSON.stringify([faulty, '--name', 'slow', '--init-delay-ms', '5000'])}\n`,
  ].join('\n');
}

async function runOnce(root, model, withServers) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-mcp-'));
  const home = join(dir, 'home');
  const ws = join(dir, 'ws');
  mkdirSync(home);
  mkdirSync(ws);
  writeFileSync(join(home, 'config.toml'), withServers ? serversToml(root) : '');
  model.reset();
  model.queueResponses({ events: [{ type: 'response.created', response: { id: 'r' } }, { type: 'response.output_item.done', item: { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'hi' }] } }, { type: 'response.completed', response: { id: 'r', usage: { input_tokens: 1, output_tokens: 1, total_tokens: 2 } } }] });
  const env = { ...process.env, CODEX_HOME: home, OPENAI_BASE_URL: model.baseUrl, OPENAI_API_KEY: 'bench', CODEX_LOG: 'off' };
  const t0 = Date.now();
  const child = spawn(process.execPath, [join(root, 'packages', 'cli', 'bin', 'codex'), 'exec', '--json', '--skip-git-repo-check', 'say hi'], { cwd: ws, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise((r) => child.on('close', r));
  const total = Date.now() - t0;
  const reqs = model.responsesRequests();
  rmSync(dir, { recursive: true, force: true });
  if (code !== 0 || reqs.length === 0) throw new Error(`codex exec failed (${code}): ${stderr.slice(0, 400)}`);
  return { first: reqs[0].receivedAt - t0, total };
}

export default async function bench(ctx) {
  const { startModelServer } = await import(pathToFileURL(join(ctx.root, 'packages', 'test-support', 'dist', 'index.js')).href);
  const model = await startModelServer();
  const none = [];
  const three = [];
  try {
    await runOnce(ctx.root, model, false);
    await runOnce(ctx.root, model, true);
    for (let i = 0; i < RUNS; i++) {
      if (i % 2 === 0) {
        none.push(await runOnce(ctx.root, model, false));
        three.push(await runOnce(ctx.root, model, true));
      } else {
        three.push(await runOnce(ctx.root, model, true));
        none.push(await runOnce(ctx.root, model, false));
      }
      ctx.log(`run ${i + 1}/${RUNS}: none ${none.at(-1).first} ms, 3 servers ${three.at(-1).first} ms`);
    }
  } finally {
    await model.close();
  }
  const n = median(none.map((r) => r.first));
  const t = median(three.map((r) => r.first));
  const ratio = t / n;
  return [
    { bench: 'mcp-startup', case: 'exec → first model request, no MCP servers', wallMs: n, runs: RUNS },
    { bench: 'mcp-startup', case: 'exec → first model request, 3 servers (fast, everything, 5 s slow)', wallMs: t, ratio, target: `<= ${TARGET}x`, pass: ratio <= TARGET, note: 'Codex 0.169: 1.45 s vs 0.23 s (6.3x)' },
    { bench: 'mcp-startup', case: 'whole exec run, no MCP servers', wallMs: median(none.map((r) => r.total)) },
    { bench: 'mcp-startup', case: 'whole exec run, 3 servers', wallMs: median(three.map((r) => r.total)), ratio: median(three.map((r) => r.total)) / median(none.map((r) => r.total)) },
  ];
}
