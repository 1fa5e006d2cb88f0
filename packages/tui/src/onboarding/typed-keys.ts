// The onboarding screens read answers one key at a time, but fast typing or a paste reaches
// them as one multi-character `text` key or one `paste` key (a bracketed paste, or a burst the
// paste detector folded). On these screens such input is what the person typed: it is split
// back into single keys, a line break being Enter and a tab Tab, so "1⏎" answers a question
// and an API key pasted into the field lands there (and Enter after it submits).
import type { Key } from '../term/keys.js';

/** `key` as the single keys it stands for (itself when it already is one). */
export function typedKeys(key: Key): Key[] {
  const multi = key.name === 'paste' || (key.name === 'text' && !key.ctrl && !key.meta && [...(key.text ?? '')].length > 1);
  if (!multi) return [key];
  const text = (key.text ?? '').replace(/\r\n?/g, '\n');
  const out: Key[] = [];
  for (const ch of text) {
    if (ch === '\n') out.push({ name: 'enter' });
    else if (ch === '\t') out.push({ name: 'tab' });
    else out.push({ name: 'text', text: ch });
  }
  return out;
}
