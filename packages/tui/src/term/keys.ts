// A small key decoder for raw stdin: printable text, control keys, CSI/SS3 sequences
// (arrows, Home/End, Delete, modifiers, kitty `CSI 13;2u` Shift+Enter) and bracketed paste.

/** A decoded key press (or a paste). */
export interface Key {
  name: string;
  ctrl?: boolean;
  shift?: boolean;
  meta?: boolean;
  /** Printable text for `name === 'text'` and `name === 'paste'`. */
  text?: string;
  /** For `name === 'mouse'` (SGR reports, only while a view turned reporting on; see mouse.ts). */
  mouse?: MouseEvent;
}

/** A decoded SGR mouse report: 1-based cell, what happened. */
export interface MouseEvent {
  x: number;
  y: number;
  kind: 'press' | 'release' | 'drag' | 'wheel-up' | 'wheel-down' | 'move';
  /** 0 left, 1 middle, 2 right. */
  button: number;
}

/** `ESC [ < b ; x ; y M|m` (SGR 1006): the button code carries motion (32) and wheel (64) bits. */
export function decodeSgrMouse(b: number, x: number, y: number, final: string): MouseEvent {
  const button = b & 3;
  if (b & 64) return { x, y, kind: button === 0 ? 'wheel-up' : 'wheel-down', button };
  if (b & 32) return { x, y, kind: button === 3 ? 'move' : 'drag', button };
  return { x, y, kind: final === 'm' ? 'release' : 'press', button };
}

const CSI_FINAL: Record<string, string> = { A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end', Z: 'backtab', P: 'f1', Q: 'f2', R: 'f3', S: 'f4' };
const CSI_TILDE: Record<string, string> = {
  '1': 'home', '2': 'insert', '3': 'delete', '4': 'end', '5': 'pageup', '6': 'pagedown', '7': 'home', '8': 'end',
  '11': 'f1', '12': 'f2', '13': 'f3', '14': 'f4', '15': 'f5', '17': 'f6', '18': 'f7', '19': 'f8', '20': 'f9', '21': 'f10', '23': 'f11', '24': 'f12',
};

function modifiers(mod: number | undefined): Pick<Key, 'shift' | 'meta' | 'ctrl'> {
  if (mod === undefined || mod < 2) return {};
  const m = mod - 1;
  return { ...(m & 1 ? { shift: true } : {}), ...(m & 2 ? { meta: true } : {}), ...(m & 4 ? { ctrl: true } : {}) };
}

/** Decodes stdin chunks; keeps an unfinished paste across chunks. */
export class KeyDecoder {
  private paste: string | undefined;

  feed(data: string): Key[] {
    const keys: Key[] = [];
    let i = 0;
    if (this.paste !== undefined) {
      const end = data.indexOf('\x1b[201~');
      if (end < 0) {
        this.paste += data;
        return keys;
      }
      keys.push({ name: 'paste', text: this.paste + data.slice(0, end) });
      this.paste = undefined;
      i = end + 6;
    }
    let text = '';
    const flush = (): void => {
      if (text) keys.push({ name: 'text', text });
      text = '';
    };
    while (i < data.length) {
      const ch = data[i]!;
      if (ch === '\x1b') {
        flush();
        const rest = data.slice(i);
        if (rest.startsWith('\x1b[200~')) {
          const end = rest.indexOf('\x1b[201~');
          if (end < 0) {
            this.paste = rest.slice(6);
            return keys;
          }
          keys.push({ name: 'paste', text: rest.slice(6, end) });
          i += end + 6;
          continue;
        }
        const sgr = /^\x1b\[<(\d{1,4});(\d{1,5});(\d{1,5})([Mm])/.exec(rest);
        if (sgr) {
          keys.push({ name: 'mouse', mouse: decodeSgrMouse(Number(sgr[1]), Number(sgr[2]), Number(sgr[3]), sgr[4]!) });
          i += sgr[0].length;
          continue;
        }
        const csi = /^\x1b\[([0-9;]*)([A-Za-z~])/.exec(rest);
        if (csi) {
          keys.push(decodeCsi(csi[1]!, csi[2]!));
          i += csi[0].length;
          continue;
        }
        const ss3 = /^\x1bO([A-Za-z])/.exec(rest);
        if (ss3) {
          keys.push({ name: CSI_FINAL[ss3[1]!] ?? `ss3-${ss3[1]}` });
          i += 3;
          continue;
        }
        if (rest.length === 1) {
          keys.push({ name: 'escape' });
          i += 1;
          continue;
        }
        // ESC + key = Meta (Alt) + key; ESC ESC = escape twice.
        const next = rest[1]!;
        if (next === '\x1b') {
          keys.push({ name: 'escape' });
          i += 1;
          continue;
        }
        const k = decodeSingle(next);
        keys.push({ ...k, meta: true });
        i += 2;
        continue;
      }
      const code = ch.charCodeAt(0);
      if (code < 32 || code === 127) {
        flush();
        keys.push(decodeSingle(ch));
        i += 1;
        continue;
      }
      text += ch;
      i += 1;
    }
    flush();
    return keys;
  }
}

function decodeCsi(params: string, final: string): Key {
  const parts = params.split(';').map((p) => (p === '' ? undefined : Number(p)));
  if (final === 'u') {
    // kitty / fixterms: CSI code;mod u
    const code = parts[0] ?? 0;
    const mods = modifiers(parts[1]);
    if (code === 13) return { name: 'enter', ...mods };
    if (code === 27) return { name: 'escape', ...mods };
    if (code === 9) return { name: 'tab', ...mods };
    if (code === 127) return { name: 'backspace', ...mods };
    return { name: 'text', text: String.fromCodePoint(code), ...mods };
  }
  if (final === '~') {
    const first = String(parts[0] ?? '');
    if (first === '27') {
      // xterm modifyOtherKeys: CSI 27;mod;code ~
      const code = parts[2] ?? 0;
      const mods = modifiers(parts[1]);
      if (code === 13) return { name: 'enter', ...mods };
      return { name: 'text', text: String.fromCodePoint(code), ...mods };
    }
    return { name: CSI_TILDE[first] ?? `csi-${first}`, ...modifiers(parts[1]) };
  }
  return { name: CSI_FINAL[final] ?? `csi-${final}`, ...modifiers(parts[1]) };
}

function decodeSingle(ch: string): Key {
  const code = ch.charCodeAt(0);
  if (ch === '\r') return { name: 'enter' };
  if (ch === '\n') return { name: 'j', ctrl: true };
  if (ch === '\t') return { name: 'tab' };
  if (code === 127 || code === 8) return { name: 'backspace' };
  if (code === 0) return { name: 'space', ctrl: true };
  if (code < 27) return { name: String.fromCharCode(code + 96), ctrl: true };
  return { name: 'text', text: ch };
}
