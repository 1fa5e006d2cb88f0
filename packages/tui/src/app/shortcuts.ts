// The `?` overlay: the keys the TUI understands, shown above the composer.
import { sp, type Line } from '../term/style.js';

const KEYS: Array<[string, string]> = [
  ['/', 'commands (at the start of the message)'],
  ['@', 'mention a file (fuzzy file search)'],
  ['!', 'run a shell command (at the start of the message)'],
  ['paste a path', 'attach an image (png, jpeg, gif, webp)'],
  ['enter', 'send the message'],
  ['shift+enter / ctrl+j', 'new line'],
  ['↑ / ↓', 'previous / next message from history'],
  ['ctrl+r', 'search the message history'],
  ['ctrl+g', 'edit the message in $VISUAL / $EDITOR'],
  ['esc', 'interrupt the running turn'],
  ['esc esc', 'edit a previous message (forks the session)'],
  ['ctrl+t', 'transcript: / search, v select, y copy'],
  ['f2', 'warnings'],
  ['ctrl+c', 'interrupt, clear the composer; twice to quit'],
  ['ctrl+d', 'quit (empty composer)'],
  ['ctrl+a / ctrl+e', 'start / end of line'],
  ['ctrl+w / ctrl+u / ctrl+k', 'delete word / to line start / to line end'],
  ['y / a / n / esc', 'approval: once / this session / deny / abort'],
  ['ctrl+v', 'paste an image from the clipboard'],
  ['mouse (in ctrl+t)', 'wheel scrolls, drag selects lines and copies'],
];

export function shortcutRows(width: number): Line[] {
  const keyW = Math.min(26, Math.max(...KEYS.map(([k]) => k.length)) + 2);
  return KEYS.map(([k, d]): Line => [sp('  '), sp(k.padEnd(keyW), { bold: true }), sp(d.slice(0, Math.max(0, width - keyW - 2)), { dim: true })]);
}
