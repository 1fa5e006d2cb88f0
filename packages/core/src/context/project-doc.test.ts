import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDirs } from '@codex-ts/test-support';
import { projectDocPaths, readProjectDocs, userInstructions } from './project-doc.js';
import { renderEnvironmentContext } from './environment-context.js';

// Temp dirs made here are removed when the file is done.
const tmp = tempDirs(afterAll);

function tree(): { root: string; sub: string; home: string } {
  const root = tmp('codex-docs-');
  mkdirSync(join(root, '.git'));
  const sub = join(root, 'pkg', 'inner');
  mkdirSync(sub, { recursive: true });
  writeFileSync(join(root, 'AGENTS.md'), 'root rules');
  writeFileSync(join(root, 'pkg', 'AGENTS.md'), 'pkg rules');
  writeFileSync(join(root, 'pkg', 'AGENTS.override.md'), 'pkg override');
  writeFileSync(join(sub, 'TEAM.md'), 'team fallback');
  const home = tmp('codex-docs-home-');
  return { root, sub, home };
}

describe('AGENTS.md discovery', () => {
  it('walks from the git root down to the cwd, first match per directory', () => {
    const { root, sub } = tree();
    expect(projectDocPaths({ cwd: sub, maxBytes: 32768 })).toEqual([join(root, 'AGENTS.md'), join(root, 'pkg', 'AGENTS.override.md')]);
    expect(projectDocPaths({ cwd: sub, maxBytes: 32768, fallbackFilenames: ['TEAM.md'] })).toEqual([
      join(root, 'AGENTS.md'),
      join(root, 'pkg', 'AGENTS.override.md'),
      join(sub, 'TEAM.md'),
    ]);
    expect(readProjectDocs({ cwd: sub, maxBytes: 32768 })).toBe('root rules\n\npkg override');
  });

  it('cuts at the byte budget and is off at 0', () => {
    const { sub } = tree();
    expect(readProjectDocs({ cwd: sub, maxBytes: 13 })).toBe('root rules\n\npkg');
    expect(readProjectDocs({ cwd: sub, maxBytes: 0 })).toBeNull();
  });

  it('uses only the cwd outside a git repository', () => {
    const dir = tmp('codex-nogit-');
    writeFileSync(join(dir, 'AGENTS.md'), 'solo');
    expect(readProjectDocs({ cwd: dir, maxBytes: 100 })).toBe('solo');
  });

  it('joins config instructions (or CODEX_HOME/AGENTS.md) and project docs with the project-doc separator', () => {
    const { sub, home } = tree();
    expect(userInstructions({ instructions: 'be brief', codexHome: home, cwd: sub, maxBytes: 32768 })).toBe('be brief\n\n--- project-doc ---\n\nroot rules\n\npkg override');
    writeFileSync(join(home, 'AGENTS.md'), '  global  \n');
    expect(userInstructions({ codexHome: home, cwd: sub, maxBytes: 0 })).toBe('global');
  });
});

describe('environment context', () => {
  it('renders Codex\'s XML block', () => {
    const text = renderEnvironmentContext({
      cwd: '/repo',
      approval_policy: 'on-request',
      sandbox_policy: { mode: 'workspace-write', writable_roots: ['/data'], network_access: false, exclude_tmpdir_env_var: true, exclude_slash_tmp: true },
      shell: 'zsh',
    });
    expect(text).toBe(
      '<environment_context>\n  <cwd>/repo</cwd>\n  <approval_policy>on-request</approval_policy>\n  <sandbox_mode>workspace-write</sandbox_mode>\n  <network_access>restricted</network_access>\n  <writable_roots>\n    <root>/data</root>\n    <root>/repo</root>\n  </writable_roots>\n  <shell>zsh</shell>\n</environment_context>',
    );
  });
});
