import { afterEach, describe, expect, it } from 'vitest';
import { sp, toAnsi } from './style.js';
import { resolveTheme, setTheme, themeFromColorFgBg } from './theme.js';

afterEach(() => setTheme('dark'));

describe('theme', () => {
  it('reads the background from COLORFGBG (last field; 7 and 9-15 are light)', () => {
    expect(['0;15', '15;0', '0;default;15', '12;8', '0;7', 'junk', '', undefined].map(themeFromColorFgBg)).toEqual(['light', 'dark', 'light', 'dark', 'light', undefined, undefined, undefined]);
  });

  it('prefers [tui] theme, then COLORFGBG, then dark; a bad value is reported and treated as auto', () => {
    const warned: string[] = [];
    expect(resolveTheme('light', { COLORFGBG: '15;0' })).toBe('light');
    expect(resolveTheme('dark', { COLORFGBG: '0;15' })).toBe('dark');
    expect(resolveTheme('auto', { COLORFGBG: '0;15' })).toBe('light');
    expect(resolveTheme(undefined, {})).toBe('dark');
    expect(resolveTheme('solarized', { COLORFGBG: '0;15' }, (m) => warned.push(m))).toBe('light');
    expect(warned).toEqual(['[tui] theme = "solarized" is not "light", "dark" or "auto"; using auto']);
  });

  it('draws with darker 256-colour shades and pale diff backgrounds on light backgrounds', () => {
    const line = [sp('+', { fg: 'green', bg: 'add' }), sp('x', { fg: 'yellow' })];
    expect(toAnsi(line, true)).toBe('\x1b[32;48;5;22m+\x1b[0m\x1b[33mx\x1b[0m');
    setTheme('light');
    expect(toAnsi(line, true)).toBe('\x1b[38;5;28;48;5;194m+\x1b[0m\x1b[38;5;130mx\x1b[0m');
    // No colour at all without colour (NO_COLOR), whatever the theme.
    expect(toAnsi(line, false)).toBe('+x');
  });
});
