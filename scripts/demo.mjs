#!/usr/bin/env node
// The README's main job: a real `codex exec` task against the scripted model server
// (codex-test-model), with no API key. It runs a command, applies a patch and answers.
// Everything happens in a temporary workspace and CODEX_HOME, removed afterwards.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const codex = join(root, 'packages', 'cli', 'bin', 'codex');
const testModel = join(root, 'packages', 'test-support', 'bin', 'codex-test-model');
const script = join(root, 'packages', 'test-support', 'scripts', 'demo.json');
const json = process.argv.includes('--json');

const home = mkdtempSync(join(tmpdir(), 'codex-demo-home-'));
const ws = mkdtempSync(join(tmpdir(), 'codex-demo-ws-'));
writeFileSync(join(ws, 'README.md'), '# demo project\n\nA tiny workspace for a scripted run.\n');

const server = spawn(process.execPath, [testModel, '--script', script], { stdio: ['ignore', 'pipe', 'inherit'] });
const baseUrl = await new Promise((resolve, reject) => {
  createInterface({ input: server.stdout }).once('line', resolve);
  server.once('exit', (code) => reject(new Error(`codex-test-model exited with ${code}`)));
});
writeFileSync(
  join(home, 'config.toml'),
  `model = "gpt-5-codex"\nmodel_provider = "scripted"\n\n[model_providers.scripted]\nname = "codex-test-model"\nbase_url = "${baseUrl}"\nwire_api = "responses"\n`,
);

process.stderr.write(`\n== codex exec against ${baseUrl} (workspace ${ws})\n\n`);
const args = ['exec', '--skip-git-repo-check', '--full-auto', '-C', ws, ...(json ? ['--json'] : []), 'List the files, then create hello.txt'];
const r = spawnSync(codex, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, CODEX_HOME: home } });
server.kill('SIGTERM');
let hello = '(missing)';
try {
  hello = readFileSync(join(ws, 'hello.txt'), 'utf8');
} catch {
  // reported below
}
process.stderr.write(`\n== ${join(ws, 'hello.txt')}:\n${hello}\n`);
if (!process.env.CODEX_DEMO_KEEP) rmSync(home, { recursive: true, force: true });
rmSync(ws, { recursive: true, force: true });
process.exit(r.status ?? 1);
