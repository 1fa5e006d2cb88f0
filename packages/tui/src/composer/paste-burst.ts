// A paste the terminal did not bracket arrives as plain keys in one read: text, Enter, more
// text. Enter inside such a burst is a newline of the pasted text, not "send" (Codex treats
// paste bursts the same way). A read that ends with Enter (a typed line) still sends.
import type { Key } from '../term/keys.js';

const isPlain = (k: Key): boolean => (k.name === 'text' && !k.ctrl && !k.meta) || (k.name === 'enter' && !k.shift && !k.ctrl && !k.meta) || (k.name === 'tab' && !k.shift);

/** The keys of one read, with an unbracketed multi-line paste turned into one paste key. */
export function foldPasteBurst(keys: Key[]): Key[] {
  if (keys.length < 3 || keys[0]!.name !== 'text' || !keys.every(isPlain)) return keys;
  const firstEnter = keys.findIndex((k) => k.name === 'enter');
  // No Enter, or Enter only at the end: typed text (and maybe "send").
  if (firstEnter < 0 || keys.slice(firstEnter).every((k) => k.name === 'enter')) return keys;
  const text = keys.map((k) => (k.name === 'enter' ? '\n' : k.name === 'tab' ? '\t' : (k.text ?? ''))).join('');
  return [{ name: 'paste', text }];
}
