// Light or dark background, decided without asking the terminal (a query could stall
// start-up): `[tui] theme = "light" | "dark"` wins, else COLORFGBG (set by rxvt, Konsole,
// iTerm2 and others: "fg;bg", background index 7 or 9-15 is light), else dark. The palette
// maps the style names to SGR parameters: the 16 ANSI colours on dark backgrounds, darker
// 256-colour shades on light ones (yellow and cyan are unreadable on white).
import type { BgName, Style } from './style.js';

export type ThemeName = 'light' | 'dark';
type FgName = NonNullable<Style['fg']>;

export interface Palette {
  name: ThemeName;
  fg: Record<FgName, number | string>;
  bg: Record<BgName, string>;
}

const DARK: Palette = {
  name: 'dark',
  fg: { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, gray: 90 },
  // Dim green / red / blue backgrounds that keep light text readable.
  bg: { add: '48;5;22', del: '48;5;52', match: '48;5;58' },
};

const LIGHT: Palette = {
  name: 'light',
  fg: { red: '38;5;124', green: '38;5;28', yellow: '38;5;130', blue: '38;5;25', magenta: '38;5;127', cyan: '38;5;30', gray: '38;5;242' },
  // Pale tints that keep dark text readable.
  bg: { add: '48;5;194', del: '48;5;224', match: '48;5;229' },
};

let current: Palette = DARK;

/** The palette styles are drawn with. */
export function palette(): Palette {
  return current;
}

export function setTheme(name: ThemeName): void {
  current = name === 'light' ? LIGHT : DARK;
}

/** The background COLORFGBG announces, if it says. */
export function themeFromColorFgBg(value: string | undefined): ThemeName | undefined {
  if (!value) return undefined;
  const last = value.split(';').at(-1)?.trim() ?? '';
  if (!/^\d+$/.test(last)) return undefined;
  const bg = Number(last);
  if (bg === 7 || (bg >= 9 && bg <= 15)) return 'light';
  if (bg <= 8) return 'dark';
  return undefined;
}

/**
 * The theme to use: config `tui.theme` ("light", "dark" or "auto"/unset), then COLORFGBG,
 * then dark. An unknown config value is reported through `warn` and treated as "auto".
 */
export function resolveTheme(config: unknown, env: NodeJS.ProcessEnv, warn?: (msg: string) => void): ThemeName {
  if (config === 'light' || config === 'dark') return config;
  if (config !== undefined && config !== 'auto') warn?.(`[tui] theme = ${JSON.stringify(config)} is not "light", "dark" or "auto"; using auto`);
  return themeFromColorFgBg(env['COLORFGBG']) ?? 'dark';
}
