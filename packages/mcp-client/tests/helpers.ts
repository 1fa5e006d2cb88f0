// Shared set-up for the mcp-client integration tests: temp dirs, the faulty server's argv, the
// real npm servers' entry points, an event recorder, and process-liveness checks.
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { EventMsg } from '@codex-ts/protocol';
import { tempDirs, FAULTY_MCP_SERVER } from '@codex-ts/test-support';
import { afterAll } from 'vitest';

const require = createRequire(import.meta.url);

/** The dependency-free faulty server. */
export const FAULTY = FAULTY_MCP_SERVER;

/** Entry point of an npm MCP server package installed as a devDependency. */
export function npmServer(pkg: '@modelcontextprotocol/server-everything' | '@modelcontextprotocol/server-filesystem'): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), 'dist', 'index.js');
}

const made = tempDirs(afterAll);
/** A fresh temp dir, removed when the test file is done. */
export function tempDir(prefix = 'mcp-client-'): string {
  return made(prefix);
}

/** A `[mcp_servers.X]` table for the faulty server. */
export function faultyServer(name: string, extra: string[] = [], table: Record<string, unknown> = {}): Record<string, unknown> {
  return { command: process.execPath, args: [FAULTY, '--name', name, ...extra], ...table };
}

/** Collects engine events. */
export function recorder(): { events: EventMsg[]; onEvent: (m: EventMsg) => void } {
  const events: EventMsg[] = [];
  return { events, onEvent: (m) => events.push(m) };
}

/** Messages the faulty server logged (`--log FILE`). */
export function loggedMessages(file: string): { method?: string; params?: Record<string, unknown>; id?: unknown }[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { msg: { method?: string } }).msg);
}

/** Whether a process exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Poll `cond` until true (bounded; for state changes driven by other processes, not timing assertions). */
export async function until(cond: () => boolean, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
