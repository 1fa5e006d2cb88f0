// Serves recorded or transcribed API bodies byte for byte (the Ollama fixtures under
// fixtures/), so clients are tested against a real server's shapes and not only against
// the scripted server's. Bodies go out in small writes to exercise line and event framing.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { fileURLToPath } from 'node:url';

/** The absolute path of a file under this package's `fixtures/` directory. */
export function fixturePath(...parts: string[]): string {
  // dist/index.js (or src/*.ts under vitest) -> ../fixtures
  return fileURLToPath(new URL(['..', 'fixtures', ...parts].join('/'), import.meta.url));
}

/** The text of a fixture file. */
export function readFixture(...parts: string[]): string {
  return readFileSync(fixturePath(...parts), 'utf8');
}

/** One canned answer: status, content type and the exact body bytes. */
export interface FixtureRoute {
  status?: number;
  contentType: string;
  body: string;
}

/** A running fixture server. */
export interface FixtureServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** Every request as `METHOD /path` with its body text, in arrival order. */
  requests: { route: string; body: string }[];
  close(): Promise<void>;
}

/**
 * Starts a server on 127.0.0.1:0 answering `routes` (keyed `"METHOD /path"`); anything else
 * is a 404. Bodies are written `chunkBytes` at a time (default 7, so lines and SSE events
 * are split across reads the way a real network splits them).
 */
export async function startFixtureServer(routes: Record<string, FixtureRoute>, opts: { chunkBytes?: number } = {}): Promise<FixtureServer> {
  const chunk = Math.max(1, opts.chunkBytes ?? 7);
  const requests: FixtureServer['requests'] = [];
  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const route = `${req.method} ${(req.url ?? '').split('?')[0]}`;
      requests.push({ route, body: Buffer.concat(parts).toString('utf8') });
      const answer = routes[route];
      if (!answer) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end('{"error":"not found"}');
        return;
      }
      res.writeHead(answer.status ?? 200, { 'content-type': answer.contentType });
      const bytes = Buffer.from(answer.body, 'utf8');
      for (let i = 0; i < bytes.length; i += chunk) res.write(bytes.subarray(i, i + chunk));
      res.end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
