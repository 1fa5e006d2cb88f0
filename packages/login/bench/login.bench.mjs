// Sign-in costs: resolving the credential from a Codex-format auth.json, a full refresh
// (lock, HTTP to a local issuer, temp + rename write), N processes refreshing one auth.json
// at once (must end with exactly one refresh), and `codex login status` as a whole process.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const b64 = (v) => Buffer.from(JSON.stringify(v)).toString('base64url');
const jwt = (p) => `${b64({ alg: 'RS256' })}.${b64(p)}.c2ln`;
const access = (inSec) => jwt({ exp: Math.floor(Date.now() / 1000) + inSec, 'https://api.openai.com/auth': { chatgpt_account_id: 'acct_b' } });

function seed(home, ttlSec) {
  writeFileSync(
    join(home, 'auth.json'),
    JSON.stringify({ auth_mode: 'chatgpt', OPENAI_API_KEY: null, tokens: { id_token: jwt({}), access_token: access(ttlSec), refresh_token: 'rt-0', account_id: 'acct_b' }, last_refresh: new Date().toISOString() }, null, 2),
    { mode: 0o600 },
  );
}

/** A token endpoint with single-use refresh tokens; counts refreshes and reuse. */
async function issuer() {
  const state = { refreshes: 0, reused: 0, valid: new Set(['rt-0']) };
  let n = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const rt = JSON.parse(body).refresh_token;
      if (!state.valid.delete(rt)) {
        state.reused++;
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":{"code":"refresh_token_reused"}}');
        return;
      }
      state.refreshes++;
      const next = `rt-${++n}`;
      state.valid.add(next);
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: access(3600), refresh_token: next, id_token: jwt({ n }) })), 20);
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}/oauth/token`, state, close: () => new Promise((r) => server.close(r)) };
}

export default async function bench(ctx) {
  const { AuthManager } = await import(pathToFileURL(join(ctx.root, 'packages/login/dist/index.js')).href);
  const rows = [];
  const home = mkdtempSync(join(tmpdir(), 'codex-bench-login-'));
  try {
    seed(home, 3600);
    const N = 2000;
    let t0 = performance.now();
    for (let i = 0; i < N; i++) await new AuthManager({ codexHome: home, env: {} }).current();
    rows.push({ bench: 'login', case: `resolve ChatGPT auth.json (per call, ${N} calls)`, wallMs: (performance.now() - t0) / N, peakMiB: process.memoryUsage().rss / 2 ** 20 });

    const iss = await issuer();
    const walls = [];
    for (let i = 0; i < 15; i++) {
      seed(home, -60);
      iss.state.valid.add('rt-0');
      t0 = performance.now();
      await new AuthManager({ codexHome: home, env: { CODEX_REFRESH_TOKEN_URL_OVERRIDE: iss.url } }).current();
      walls.push(performance.now() - t0);
    }
    rows.push({ bench: 'login', case: 'refresh expired token (lock + HTTP + atomic write; issuer adds 20 ms)', wallMs: ctx.median(walls), peakMiB: null });

    for (const procs of [2, 8]) {
      seed(home, -60);
      iss.state.valid.clear();
      iss.state.valid.add('rt-0');
      iss.state.refreshes = 0;
      iss.state.reused = 0;
      const child = `import { AuthManager } from ${JSON.stringify(pathToFileURL(join(ctx.root, 'packages/login/dist/index.js')).href)};
const a = await new AuthManager({ codexHome: process.argv[1], env: { CODEX_REFRESH_TOKEN_URL_OVERRIDE: process.argv[2] } }).current();
process.stdout.write(a.token);`;
      t0 = performance.now();
      const tokens = await Promise.all(
        Array.from({ length: procs }, () =>
          new Promise((resolve, reject) => {
            const p = spawn(process.execPath, ['--input-type=module', '-e', child, home, iss.url], { stdio: ['ignore', 'pipe', 'pipe'] });
            let out = '';
            p.stdout.on('data', (d) => (out += d));
            p.on('error', reject);
            p.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`child exited ${code}`))));
          }),
        ),
      );
      const wall = performance.now() - t0;
      const agreed = new Set(tokens).size === 1;
      rows.push({
        bench: 'login',
        case: `${procs} processes refresh one auth.json at once`,
        wallMs: wall,
        peakMiB: null,
        target: '1 refresh, 0 reused, 1 token',
        pass: iss.state.refreshes === 1 && iss.state.reused === 0 && agreed,
        note: `refreshes=${iss.state.refreshes} reused=${iss.state.reused}`,
      });
    }
    await iss.close();

    seed(home, 3600);
    const status = await ctx.measure(process.execPath, [join(ctx.root, 'packages/cli/bin/codex'), 'login', 'status'], { env: { ...process.env, CODEX_HOME: home }, runs: 5 });
    rows.push({ bench: 'login', case: 'codex login status (whole process)', wallMs: status.wallMs, peakMiB: status.peakMiB });
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
  return rows;
}
