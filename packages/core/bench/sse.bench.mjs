// SSE throughput of the model client: a local server streams 50 MB of text deltas
// (Responses `response.output_text.delta` events, or Chat chunks) and a child process
// runs the real ModelClient over them. The client is bundled from src with esbuild so the
// bench needs no core build. Rows: wall time of the stream, child peak RSS, MB/s.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const TOTAL_BYTES = 50 * 1024 * 1024;
const DELTA = 'The quick brown fox jumps over the lazy dog. ';

function responsesFrame(seq) {
  const ev = { type: 'response.output_text.delta', item_id: 'msg_1', output_index: 0, content_index: 0, delta: DELTA, sequence_number: seq };
  return `event: response.output_text.delta\ndata: ${JSON.stringify(ev)}\n\n`;
}

function chatFrame() {
  const ev = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: DELTA }, finish_reason: null }] };
  return `data: ${JSON.stringify(ev)}\n\n`;
}

/** Builds the whole stream once: ~50 MB of deltas framed for `wire`. */
function buildStream(wire) {
  const parts = [];
  let size = 0;
  let n = 0;
  const push = (s) => {
    parts.push(s);
    size += Buffer.byteLength(s);
  };
  if (wire === 'responses') {
    push(`event: response.created\ndata: ${JSON.stringify({ type: 'response.created', response: { id: 'resp_1' } })}\n\n`);
    while (size < TOTAL_BYTES) push(responsesFrame(n++));
    const item = { type: 'message', id: 'msg_1', role: 'assistant', content: [{ type: 'output_text', text: 'x' }] };
    push(`data: ${JSON.stringify({ type: 'response.output_item.done', item })}\n\n`);
    const usage = { input_tokens: 1, output_tokens: n, total_tokens: n + 1 };
    push(`data: ${JSON.stringify({ type: 'response.completed', response: { id: 'resp_1', usage } })}\n\n`);
  } else {
    while (size < TOTAL_BYTES) push(chatFrame(n++));
    push(`data: ${JSON.stringify({ id: 'chatcmpl-1', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`);
    push('data: [DONE]\n\n');
  }
  return { buf: Buffer.from(parts.join('')), deltas: n };
}

function startServer(streams) {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const body = req.url.endsWith('/chat/completions') ? streams.chat.buf : streams.responses.buf;
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      let off = 0;
      const CHUNK = 64 * 1024;
      const pump = () => {
        while (off < body.length) {
          const end = Math.min(off + CHUNK, body.length);
          const ok = res.write(body.subarray(off, end));
          off = end;
          if (!ok) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const CHILD = `
import { ModelClient } from './client.mjs';
const [baseUrl, wire] = process.argv.slice(2);
const client = new ModelClient({
  provider: { name: 'bench', base_url: baseUrl, wire_api: wire, requires_openai_auth: false },
  env: {},
  settings: { requestMaxRetries: 0, streamMaxRetries: 0 },
});
const prompt = { model: 'm', instructions: '', input: [], tools: [], parallel_tool_calls: false, conversation_id: 'bench' };
const t0 = performance.now();
let deltas = 0;
let chars = 0;
for await (const ev of client.stream(prompt)) {
  if (ev.type === 'output_text_delta') { deltas++; chars += ev.delta.length; }
}
const ms = performance.now() - t0;
process.stdout.write(JSON.stringify({ ms, deltas, chars }));
`;

export default async function sseBench({ root, runOnce, median, log }) {
  const dir = mkdtempSync(join(tmpdir(), 'codex-sse-bench-'));
  const rows = [];
  let server;
  try {
    // esbuild is tsup's dependency (not hoisted to node_modules/.bin): resolved through tsup.
    const esbuild = join(dirname(createRequire(createRequire(join(root, 'package.json')).resolve('tsup/package.json')).resolve('esbuild/package.json')), 'bin', 'esbuild');
    const entry = join(root, 'packages', 'core', 'src', 'client', 'index.ts');
    const built = spawnSync(esbuild, [entry, '--bundle', '--platform=node', '--format=esm', '--target=node20', '--external:pino', '--external:@napi-rs/*', '--external:@lydell/*', `--outfile=${join(dir, 'client.mjs')}`, '--log-level=warning'], { encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`esbuild (${esbuild}) failed: ${built.error?.message ?? built.stderr}`);
    writeFileSync(join(dir, 'child.mjs'), CHILD);
    const streams = { responses: buildStream('responses'), chat: buildStream('chat') };
    server = await startServer(streams);
    const baseUrl = `http://127.0.0.1:${server.address().port}/v1`;
    for (const wire of ['responses', 'chat']) {
      const runs = [];
      for (let i = 0; i < 4; i++) {
        const r = await runOnce(process.execPath, [join(dir, 'child.mjs'), baseUrl, wire]);
        if (r.code !== 0) throw new Error(`child failed (${wire}): ${r.stderr.slice(0, 500)}`);
        const out = JSON.parse(r.stdout);
        if (out.deltas !== streams[wire].deltas) throw new Error(`${wire}: got ${out.deltas} deltas, sent ${streams[wire].deltas}`);
        if (i > 0) runs.push({ ms: out.ms, peak: r.peakMiB });
      }
      const ms = median(runs.map((r) => r.ms));
      const peaks = runs.map((r) => r.peak).filter((p) => p != null);
      const mb = streams[wire].buf.length / (1024 * 1024);
      const mbps = mb / (ms / 1000);
      log(`${wire}: ${mb.toFixed(1)} MB, ${streams[wire].deltas} deltas, ${ms.toFixed(0)} ms, ${mbps.toFixed(1)} MB/s`);
      rows.push({
        bench: 'sse',
        case: `${wire} ${mb.toFixed(0)} MB deltas`,
        wallMs: ms,
        peakMiB: peaks.length ? median(peaks) : null,
        note: `${mbps.toFixed(1)} MB/s, ${streams[wire].deltas} events`,
      });
    }
  } finally {
    server?.close();
    server?.closeAllConnections?.();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
