// The fleet gateway's cost: latency it adds per request (a small Responses SSE answer, one
// client, keep-alive, gateway in its own process as in a worker) and throughput with 32
// concurrent clients, both against the same local provider called directly; plus MB/s of a
// 20 MB SSE stream through it (usage is parsed on the side). Needs the fleet and
// test-support builds and a redis-server (the row says so when there is none).
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const SMALL = (() => {
  const ev = (o) => `event: ${o.type}\ndata: ${JSON.stringify(o)}\n\n`;
  const usage = { input_tokens: 120, input_tokens_details: { cached_tokens: 0 }, output_tokens: 12, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 132 };
  return Buffer.from(
    ev({ type: 'response.created', response: { id: 'resp_1' } }) +
      ev({ type: 'response.output_text.delta', item_id: 'msg_1', output_index: 0, content_index: 0, delta: 'Hello from the bench provider.' }) +
      ev({ type: 'response.completed', response: { id: 'resp_1', usage } }),
  );
})();

function bigStream(bytes) {
  const frame = `event: response.output_text.delta\ndata: ${JSON.stringify({ type: 'response.output_text.delta', delta: 'The quick brown fox jumps over the lazy dog. '.repeat(4) })}\n\n`;
  const n = Math.ceil(bytes / frame.length);
  return Buffer.from(frame.repeat(n) + `data: ${JSON.stringify({ type: 'response.completed', response: { usage: { input_tokens: 1, output_tokens: n, total_tokens: n + 1 } } })}\n\n`);
}

async function startProvider(big) {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      if (!req.url.includes('big')) return res.end(SMALL);
      let off = 0;
      const pump = () => {
        while (off < big.length) {
          const chunk = big.subarray(off, off + 64 * 1024);
          off += chunk.length;
          if (!res.write(chunk)) return res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { server, baseUrl: `http://127.0.0.1:${server.address().port}/v1` };
}

function startGatewayChild(root, redisUrl, providerUrl) {
  const dist = pathToFileURL(join(root, 'packages/fleet/dist/index.js')).href;
  const code = `
    const { startGateway } = await import(${JSON.stringify(dist)});
    const gw = await startGateway({ redisUrl: ${JSON.stringify(redisUrl)}, keyPrefix: 'bench', providers: [{ id: 'p', baseUrl: ${JSON.stringify(providerUrl)}, wireApi: 'responses', weight: 1, apiKey: 'sk-bench' }] });
    process.stdout.write(gw.baseUrlFor('bench-task') + '\\n');
    process.stdin.on('data', (d) => { if (String(d).includes('cpu')) { const c = process.cpuUsage(); process.stdout.write(JSON.stringify({ cpuUs: c.user + c.system, userUs: c.user, sysUs: c.system, rssMiB: process.memoryUsage().rss / 2 ** 20 }) + '\\n'); } });
    process.stdin.on('end', async () => { await gw.close(); process.exit(0); });
    process.stdin.resume();`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const lines = [];
  const waiters = [];
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
    for (let nl = out.indexOf('\n'); nl !== -1; nl = out.indexOf('\n')) {
      lines.push(out.slice(0, nl));
      out = out.slice(nl + 1);
      waiters.shift()?.();
    }
  });
  const exited = new Promise((_, reject) => child.once('exit', (c) => reject(new Error(`gateway child exited ${c}: ${err}`))));
  exited.catch(() => undefined);
  const line = () => Promise.race([lines.length > 0 ? Promise.resolve() : new Promise((r) => waiters.push(r)), exited]).then(() => lines.shift());
  /** The child's CPU time so far (µs) and RSS. */
  const cpu = async () => {
    child.stdin.write('cpu\n');
    return JSON.parse(await line());
  };
  return { child, url: line(), cpu };
}

async function once(base, path = '/responses') {
  const t0 = process.hrtime.bigint();
  const r = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"model":"m","input":[],"stream":true}' });
  const body = await r.arrayBuffer();
  if (r.status !== 200) throw new Error(`status ${r.status}: ${Buffer.from(body).toString().slice(0, 200)}`);
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, bytes: body.byteLength };
}

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function latency(base, n) {
  for (let i = 0; i < 50; i += 1) await once(base);
  const xs = [];
  for (let i = 0; i < n; i += 1) xs.push((await once(base)).ms);
  return { p50: pct(xs, 50), p95: pct(xs, 95) };
}

async function throughput(base, total, concurrency) {
  let next = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next += 1;
        await once(base);
      }
    }),
  );
  return total / (Number(process.hrtime.bigint() - t0) / 1e9);
}

export default async function gatewayBench(ctx) {
  const ts = await import(pathToFileURL(join(ctx.root, 'packages/test-support/dist/index.js')).href);
  const why = ts.redisMissingReason();
  if (why) return [{ bench: 'fleet-gateway', case: 'skipped', wallMs: null, peakMiB: null, note: why }];
  const redis = await ts.startRedisServer();
  const big = bigStream(20 * 1024 * 1024);
  const provider = await startProvider(big);
  const gw = startGatewayChild(ctx.root, redis.url, provider.baseUrl);
  const rows = [];
  try {
    const via = await gw.url;
    const load = (await import('node:os')).loadavg()[0].toFixed(1);
    const N = 500;
    const direct = await latency(provider.baseUrl, N);
    const through = await latency(via, N);
    const added = through.p50 - direct.p50;
    rows.push({
      bench: 'fleet-gateway',
      case: 'added latency / request (p50)',
      wallMs: added,
      peakMiB: null,
      target: '<= 5 ms',
      ratio: added / 5,
      pass: added <= 5,
      note: `direct p50 ${direct.p50.toFixed(2)} / p95 ${direct.p95.toFixed(2)} ms; via gateway p50 ${through.p50.toFixed(2)} / p95 ${through.p95.toFixed(2)} ms (${N} sequential small SSE requests; load average ${load} on ${(await import('node:os')).cpus().length} CPUs)`,
    });
    ctx.log(rows.at(-1).note);
    const directRps = await throughput(provider.baseUrl, 2000, 32);
    const before = await gw.cpu();
    const viaRps = await throughput(via, 2000, 32);
    const after = await gw.cpu();
    const cpuPerReq = (after.cpuUs - before.cpuUs) / 2000 / 1000;
    rows.push({
      bench: 'fleet-gateway',
      case: 'gateway CPU / request',
      wallMs: cpuPerReq,
      peakMiB: after.rssMiB,
      target: '<= 5 ms',
      ratio: cpuPerReq / 5,
      pass: cpuPerReq <= 5,
      note: `user ${((after.userUs - before.userUs) / 2000).toFixed(0)} + system ${((after.sysUs - before.sysUs) / 2000).toFixed(0)} us of the gateway process per proxied request (2000 requests, 32 concurrent, incl. its Redis traffic); peakMiB = its RSS after`,
    });
    ctx.log(`gateway CPU ${(cpuPerReq * 1000).toFixed(0)} us/request`);
    rows.push({
      bench: 'fleet-gateway',
      case: 'throughput, 32 concurrent clients',
      wallMs: 1000 / viaRps,
      peakMiB: null,
      ratio: viaRps / directRps,
      note: `${viaRps.toFixed(0)} req/s via gateway vs ${directRps.toFixed(0)} req/s direct (2000 small SSE requests; client, provider and gateway share the machine)`,
    });
    ctx.log(rows.at(-1).note);
    const d = await once(provider.baseUrl, '/big/responses');
    const g = await once(via, '/big/responses');
    rows.push({
      bench: 'fleet-gateway',
      case: '20 MB SSE stream through the gateway',
      wallMs: g.ms,
      peakMiB: null,
      ratio: d.ms / g.ms,
      note: `${(g.bytes / 2 ** 20 / (g.ms / 1000)).toFixed(0)} MB/s via gateway (usage parsed) vs ${(d.bytes / 2 ** 20 / (d.ms / 1000)).toFixed(0)} MB/s direct`,
    });
    ctx.log(rows.at(-1).note);
  } finally {
    gw.child.stdin.end();
    await new Promise((r) => gw.child.once('exit', r));
    provider.server.closeAllConnections();
    provider.server.close();
    await redis.stop();
  }
  return rows;
}
