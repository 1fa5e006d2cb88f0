import { describe, expect, it } from 'vitest';
import { parseExcludesFile } from './ignore-setup.js';

describe('parseExcludesFile', () => {
  it('reads core.excludesFile, last assignment winning, case-insensitive keys', () => {
    const text = '[user]\n\tname = x\n[core]\n\texcludesfile = ~/one\n[core]\n\tExcludesFile = "/two words" ; note\n';
    expect(parseExcludesFile(text)).toBe('/two words');
  });

  it('ignores other sections and returns null when unset', () => {
    expect(parseExcludesFile('[alias]\n\texcludesfile = nope\n')).toBeNull();
  });
});
