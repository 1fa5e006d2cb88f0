import { describe, expect, it } from 'vitest';
import { findProtectedWrite, protectedWriteReason } from './protected-paths.js';

describe('findProtectedWrite', () => {
  const roots = ['/ws', '/tmp'];
  it('finds .git and .codex components under a writable root, at any depth and any case', () => {
    expect(findProtectedWrite(['/ws/a.txt', '/ws/.git/config'], roots)).toEqual({ path: '/ws/.git/config', root: '/ws', name: '.git' });
    expect(findProtectedWrite(['/ws/.codex/config.toml'], roots)).toEqual({ path: '/ws/.codex/config.toml', root: '/ws', name: '.codex' });
    expect(findProtectedWrite(['/ws/vendor/lib/.git/hooks/pre-commit'], roots)).toEqual({ path: '/ws/vendor/lib/.git/hooks/pre-commit', root: '/ws', name: '.git' });
    expect(findProtectedWrite(['/ws/.GIT/hooks/x'], roots)).toEqual({ path: '/ws/.GIT/hooks/x', root: '/ws', name: '.GIT' });
    expect(findProtectedWrite(['/ws/.git'], roots)).toEqual({ path: '/ws/.git', root: '/ws', name: '.git' });
    expect(findProtectedWrite(['/ws/sub/../.git/x'], roots)).toEqual({ path: '/ws/.git/x', root: '/ws', name: '.git' });
  });
  it('leaves look-alikes and paths under no root alone', () => {
    expect(findProtectedWrite(['/ws/.gitignore', '/ws/.github/workflows/ci.yml', '/ws/.codexrc', '/ws/x.git/y', '/elsewhere/.git/config'], roots)).toBeNull();
    expect(findProtectedWrite(['/ws'], roots)).toBeNull();
  });
  it('words the refusal with the path and the directory', () => {
    expect(protectedWriteReason({ path: '/ws/.git/config', root: '/ws', name: '.git' }, '.git/config')).toBe(
      'writing to .git/config is not allowed: .git stays read-only inside the workspace (.git and .codex are protected in every writable root, even before they exist)',
    );
  });
});
