import { mkdirSync, realpathSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isTrustedProject, trustedProjectFor } from './trusted-projects.js';
import { tempDirs } from '@codex-ts/test-support';

const tmp = tempDirs(afterEach);
let dir: string;
beforeEach(() => {
  dir = realpathSync(tmp('codex-trust-'));
  mkdirSync(join(dir, 'proj', 'sub'), { recursive: true });
  mkdirSync(join(dir, 'project2'));
  symlinkSync(join(dir, 'proj'), join(dir, 'alias'));
});

const trusted = (...paths: string[]) => Object.fromEntries(paths.map((p) => [p, { trust_level: 'trusted' }]));

describe('isTrustedProject', () => {
  it('covers the project and its subdirectories, not a sibling sharing the prefix', () => {
    const projects = trusted(join(dir, 'proj'));
    expect([join(dir, 'proj'), join(dir, 'proj', 'sub'), join(dir, 'project2'), dir].map((d) => isTrustedProject(d, projects))).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  it('a trailing slash on the key or the directory changes nothing', () => {
    expect(isTrustedProject(join(dir, 'proj', 'sub'), trusted(`${join(dir, 'proj')}/`))).toBe(true);
    expect(isTrustedProject(`${join(dir, 'proj')}/`, trusted(join(dir, 'proj')))).toBe(true);
    expect(isTrustedProject(join(dir, 'project2'), trusted(`${join(dir, 'proj')}/`))).toBe(false);
  });

  it('symlinks are resolved on both sides', () => {
    // The directory reached through a link, the key naming the real path...
    expect(trustedProjectFor(join(dir, 'alias', 'sub'), trusted(join(dir, 'proj')))).toBe(join(dir, 'proj'));
    // ...and the key naming the link, the directory its real path.
    expect(trustedProjectFor(join(dir, 'proj', 'sub'), trusted(join(dir, 'alias')))).toBe(join(dir, 'proj'));
    // `..` through the key is resolved too.
    expect(isTrustedProject(join(dir, 'proj'), trusted(join(dir, 'project2', '..', 'proj')))).toBe(true);
  });

  it('only trust_level = "trusted" counts; relative keys and malformed tables never match', () => {
    expect(isTrustedProject(join(dir, 'proj'), { [join(dir, 'proj')]: { trust_level: 'untrusted' } })).toBe(false);
    expect(isTrustedProject(join(dir, 'proj'), { [join(dir, 'proj')]: 'trusted' })).toBe(false);
    expect(isTrustedProject(join(dir, 'proj'), trusted('proj', '.'))).toBe(false);
    expect([undefined, null, [], 'x'].map((p) => isTrustedProject(join(dir, 'proj'), p))).toEqual([false, false, false, false]);
  });
});
