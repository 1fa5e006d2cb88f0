import { readFileSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDirs } from '@codex-ts/test-support';
import { addMcpServer, McpConfigEditError, removeMcpServer } from './config-edit.js';

// Temp dirs made here are removed when the file is done.
const tmp = tempDirs(afterAll);

const ORIGINAL = `# my codex config
model = "gpt-5"   # inline comment

# the docs server
[mcp_servers.docs]
command = "docs-mcp"
args = ["--port", "0"]   # keep

[mcp_servers.docs.env]
TOKEN = "x"

# providers below
[model_providers.local]
name = "Local"
base_url = "http://localhost:8000/v1"

[mcp_servers.other]
url = "http://127.0.0.1:9/mcp"
`;

function file(text: string): string {
  const f = join(tmp('mcp-edit-'), 'config.toml');
  writeFileSync(f, text);
  return f;
}

describe('config.toml edits', () => {
  it('removes a server with its sub-tables and attached comment, leaving every other byte', () => {
    const f = file(ORIGINAL);
    expect(removeMcpServer(f, 'docs')).toBe(true);
    expect(readFileSync(f, 'utf8')).toBe(`# my codex config
model = "gpt-5"   # inline comment

# providers below
[model_providers.local]
name = "Local"
base_url = "http://localhost:8000/v1"

[mcp_servers.other]
url = "http://127.0.0.1:9/mcp"
`);
    expect(removeMcpServer(f, 'docs')).toBe(false);
  });

  it('adds a server at the end and replaces an existing one in place of the old block', () => {
    const f = file(ORIGINAL);
    addMcpServer(f, 'fs', { command: 'node', args: ['server.js', 'a "quoted" dir'], env: { FOO: 'bar' } });
    expect(readFileSync(f, 'utf8')).toBe(`${ORIGINAL}
[mcp_servers.fs]
command = "node"
args = [ "server.js", "a \\"quoted\\" dir" ]

[mcp_servers.fs.env]
FOO = "bar"
`);
    addMcpServer(f, 'docs', { url: 'https://docs.example/mcp', bearer_token_env_var: 'DOCS_TOKEN' });
    const text = readFileSync(f, 'utf8');
    expect(text.startsWith('# my codex config\nmodel = "gpt-5"   # inline comment\n\n# providers below\n')).toBe(true);
    expect(text.endsWith('[mcp_servers.docs]\nurl = "https://docs.example/mcp"\nbearer_token_env_var = "DOCS_TOKEN"\n')).toBe(true);
  });

  it('creates the file when missing and keeps the mode of an existing one', () => {
    const dir = tmp('mcp-edit-');
    const f = join(dir, 'sub', 'config.toml');
    addMcpServer(f, 'a', { command: 'x' });
    expect(readFileSync(f, 'utf8')).toBe('[mcp_servers.a]\ncommand = "x"\n');
    chmodSync(f, 0o600);
    addMcpServer(f, 'b', { command: 'y' });
    expect(statSync(f).mode & 0o777).toBe(0o600);
  });

  it('refuses layouts it cannot rewrite and bad files, writing nothing', () => {
    const inline = 'mcp_servers = { docs = { command = "x" } }\n';
    const f = file(inline);
    expect(() => removeMcpServer(f, 'docs')).toThrow(McpConfigEditError);
    expect(readFileSync(f, 'utf8')).toBe(inline);
    const bad = file('model = \n');
    expect(() => addMcpServer(bad, 'a', { command: 'x' })).toThrow(/invalid TOML, not edited/);
    expect(() => addMcpServer(bad, 'a b', { command: 'x' })).toThrow(/invalid server name/);
  });
});
