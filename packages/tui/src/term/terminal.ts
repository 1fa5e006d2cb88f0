// Terminal set-up and tear-down: raw mode, bracketed paste, the alternate screen when
// asked. No queries are sent (nothing waits for the terminal to answer), so start-up
// never stalls.
import type { TuiInput, TuiOutput } from '../options.js';

/** Whether styles may use colour: NO_COLOR (non-empty) turns it off, as does TERM=dumb. */
export function colorEnabled(env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return env.TERM !== 'dumb';
}

/** An entered terminal: switch to the alternate screen later, restore once. */
export interface TerminalSession {
  enterAlt(): void;
  restore(): void;
}

/** Enter interactive mode (raw, bracketed paste; the alternate screen when `alt`). */
export function enterTerminal(input: TuiInput, output: TuiOutput, alt: boolean): TerminalSession {
  input.setRawMode?.(true);
  input.setEncoding?.('utf8');
  input.resume?.();
  output.write('\x1b[?2004h');
  let inAlt = false;
  let restored = false;
  const session: TerminalSession = {
    enterAlt() {
      if (inAlt || restored) return;
      inAlt = true;
      output.write('\x1b[?1049h\x1b[H\x1b[2J');
    },
    restore() {
      if (restored) return;
      restored = true;
      // Mouse reporting off too (the pager may have turned it on when something crashed).
      output.write(`\x1b[?2004l\x1b[?1006l\x1b[?1002l\x1b[?1000l\x1b[0m\x1b[?25h${inAlt ? '\x1b[?1049l' : ''}`);
      input.setRawMode?.(false);
      input.pause?.();
    },
  };
  if (alt) session.enterAlt();
  return session;
}

/** Bell plus an OSC 9 desktop notification (terminals without it ignore the sequence). */
export function notifyBytes(text: string): string {
  const clean = text.replace(/[\x00-\x1f\x7f-\x9f]/g, ' ').slice(0, 200);
  return `\x07\x1b]9;${clean}\x07`;
}
