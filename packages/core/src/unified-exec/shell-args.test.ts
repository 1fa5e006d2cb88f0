import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultUserShell, deriveExecArgs, listedShells } from './shell-args.js';
import { tempDirs } from '@codex-ts/test-support';

describe.runIf(process.platform === 'linux')('exec_command shell', () => {
  const tmp = tempDirs(afterAll);

  it("runs in the user's shell, -lc or -c", () => {
    expect(deriveExecArgs('ls', { login: true })).toEqual([defaultUserShell(), '-lc', 'ls']);
    expect(deriveExecArgs('ls', { login: false })).toEqual([defaultUserShell(), '-c', 'ls']);
  });

  it('accepts a system shell by path or by name', () => {
    const sh = listedShells().find((s) => s.endsWith('/sh'))!;
    expect(deriveExecArgs('ls', { shell: sh, login: false })).toEqual([sh, '-c', 'ls']);
    expect(deriveExecArgs('ls', { shell: 'sh', login: true })[0]).toMatch(/\/sh$/);
  });

  it('refuses a binary the model could have written, whatever it is called', () => {
    const dir = tmp('codex-shell-');
    const fake = join(dir, 'bash');
    writeFileSync(fake, '#!/bin/sh\necho pwned\n', { mode: 0o755 });
    for (const shell of [fake, './bash', 'bash/../bash', 'fish', 'powershell', '/bin/bash\0x']) {
      expect(() => deriveExecArgs('ls', { shell, login: true })).toThrow(/unsupported shell/);
    }
  });
});
