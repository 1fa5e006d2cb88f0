import { describe, expect, it } from 'vitest';
import { hasTerminalControls, jsonTermSafe, safeLinkTarget, termLine, termOutput, termReveal, termRevealLine, termSafe, termText } from './term-text.js';

// Hostile payloads: each would change the terminal if it reached it intact.
const TITLE = '\x1b]0;pwned\x07';
const TITLE_ST = '\x1b]2;pwned\x1b\\';
const CLIPBOARD = '\x1b]52;c;cm0gLXJmIH4K\x07';
const ALT_SCREEN = '\x1b[?1049h';
const CLEAR = '\x1b[2J\x1b[H';
const DCS = '\x1bP1$r0m\x1b\\';
const APC = '\x1b_Gf=100;AAAA\x1b\\';
const RESET = '\x1bc';
const C1_CSI = '\x9b2J';
const C1_OSC = '\x9d0;pwned\x9c';

const hasRaw = (s: string): boolean => /[\x00-\x08\x0b-\x1f\x7f-\x9f]/.test(s);

describe('termSafe', () => {
  it('removes every escape sequence whole and keeps the text around it', () => {
    for (const seq of [TITLE, TITLE_ST, CLIPBOARD, ALT_SCREEN, CLEAR, DCS, APC, RESET, C1_CSI, C1_OSC, '\x1b[31m', '\x1b(B', '\x1b7']) {
      expect(termSafe(`a${seq}b`)).toBe('ab');
    }
  });

  it('ends an unterminated control string at the line end so the rest stays visible', () => {
    expect(termSafe('\x1b]0;title\nnext line')).toBe('\nnext line');
    expect(termSafe('before\x1b]8;;http://x')).toBe('before');
  });

  it('draws lone controls visibly and keeps newlines and tabs', () => {
    expect(termSafe('a\x07b\x08c\x00d\x7fe\x85f\x1b')).toBe('a␇b␈c␀d␡e<U+0085>f');
    expect(termSafe('x\r\ny\tz')).toBe('x\ny\tz');
    expect(termSafe('rm -rf ~\rls')).toBe('rm -rf ~␍ls');
  });

  it('shows bidi overrides but keeps joiners used by emoji', () => {
    expect(termSafe('a\u202eb\u2066c')).toBe('a<U+202E>b<U+2066>c');
    expect(termSafe('👩\u200d💻')).toBe('👩\u200d💻');
  });

  it('never lets a raw control through, whatever the input', () => {
    let all = '';
    for (let c = 0; c < 0xa0; c++) all += `${String.fromCharCode(c)}x`;
    for (const f of [termSafe, termOutput, termReveal, termLine]) expect(hasRaw(f(all).replace(/[\n\t]/g, ''))).toBe(false);
  });
});

describe('termOutput', () => {
  it('renders carriage returns as the terminal would (progress bars)', () => {
    expect(termOutput('10%\r50%\r100%\ndone')).toBe('100%\ndone');
    expect(termOutput('abcdef\rXY')).toBe('XYcdef');
    expect(termOutput('\x1b[32mok\x1b[0m\r\n')).toBe('ok\n');
  });
});

describe('termReveal', () => {
  it('shows sequences literally instead of removing them', () => {
    expect(termReveal(`echo ${TITLE}`)).toBe('echo ␛]0;pwned␇');
    expect(termReveal('a\x9b2Jb')).toBe('a<U+009B>2Jb');
  });

  it('shows carriage returns, bidi and zero-width characters (trojan source)', () => {
    expect(termReveal('rm -rf ~\rls -l')).toBe('rm -rf ~␍ls -l');
    expect(termReveal('ls \u202e; rm -rf ~ \u2066')).toBe('ls <U+202E>; rm -rf ~ <U+2066>');
    expect(termReveal('r\u200bm\ufeff -\u00adrf')).toBe('r<U+200B>m<U+FEFF> -<U+00AD>rf');
    expect(termReveal('tag\u{e0041}')).toBe('tag<U+E0041>');
  });

  it('counts long space padding that would push the end of a command out of view', () => {
    expect(termReveal(`ls${' '.repeat(300)}; rm -rf ~`)).toBe('ls ␠×300 ; rm -rf ~');
    expect(termReveal('a    b')).toBe('a    b');
    expect(termReveal(`ls${'\u00a0'.repeat(40)}${'\u3000'.repeat(10)}x`)).toBe('ls ␠×50 x');
  });
});

describe('termText options', () => {
  it('flattens newlines when asked and expands tabs', () => {
    expect(termText('a\nb', { newlines: false })).toBe('a␤b');
    expect(termText('a\tb', { tabWidth: 4 })).toBe('a   b');
    expect(termText('no tab', { tabWidth: 4 })).toBe('no tab');
    expect(termLine('a\nb\tc')).toBe('a b c');
    expect(termRevealLine('dir\nname\t\x1b[1m')).toBe('dir␤name␉␛[1m');
  });
});

describe('jsonTermSafe', () => {
  it('escapes DEL and C1 that JSON.stringify leaves raw, and the line still parses to the same value', () => {
    const value = { text: `x\x7f\x9b2J\x9d0;t\x9c${TITLE}` };
    const line = JSON.stringify(value);
    expect(hasRaw(line)).toBe(true);
    const safe = jsonTermSafe(line);
    expect(hasRaw(safe)).toBe(false);
    expect(JSON.parse(safe)).toEqual(value);
  });
});

describe('safeLinkTarget', () => {
  it('keeps ordinary URLs and percent-encodes what could end the OSC 8 sequence', () => {
    expect(safeLinkTarget('https://example.com/a?b=1')).toBe('https://example.com/a?b=1');
    expect(safeLinkTarget('https://e.com/\x1b\\\x1b]0;pwned\x07')).toBe('https://e.com/%1B\\%1B]0;pwned%07');
    expect(safeLinkTarget('https://e.com/é')).toBe('https://e.com/%C3%A9');
  });

  it('refuses other schemes', () => {
    expect(safeLinkTarget('javascript:alert(1)')).toBeUndefined();
    expect(safeLinkTarget('ssh://host')).toBeUndefined();
  });
});

describe('edge sequences', () => {
  it('hasTerminalControls finds controls, C1 and bidi, not plain or non-ASCII text', () => {
    expect(hasTerminalControls('plain')).toBe(false);
    expect(hasTerminalControls('é 😀')).toBe(false);
    expect(hasTerminalControls('a\x1b[31m')).toBe(true);
    expect(hasTerminalControls('x\u202ey')).toBe(true);
  });

  it('cut-off and malformed sequences are removed (or shown) without eating the text after them', () => {
    const cases: Array<[string, string, string]> = [
      ['tail\x1b', 'tail', 'tail␛'], // a lone ESC at the end
      ['a\x1b\x07b', 'a␇b', 'a␛␇b'], // ESC before a control: only the ESC goes
      ['a\x1b(', 'a', 'a␛('], // nF without its final byte
      ['a\x1b(\x01b', 'a␁b', 'a␛(␁b'], // nF cut off by a control
      ['a\x1b[12;', 'a', 'a␛[12;'], // CSI without its final byte
      ['a\x1b]0;t\nnext', 'a\nnext', 'a␛]0;t\nnext'], // an unterminated OSC ends at the line end
      ['a\x1b]0;title\x1bXb', 'a', 'a␛]0;title␛Xb'], // OSC ended by an ESC that is not ST, then SOS
      ['ok\x9b31mred', 'okred', 'ok<U+009B>31mred'], // 8-bit CSI
    ];
    for (const [input, safe, revealed] of cases) {
      expect(termSafe(input), JSON.stringify(input)).toBe(safe);
      expect(termReveal(input), JSON.stringify(input)).toBe(revealed);
    }
    expect(termOutput('no carriage return')).toBe('no carriage return');
  });

  it('safeLinkTarget refuses lone surrogates and over-long targets', () => {
    expect(safeLinkTarget('https://x/\ud800')).toBeUndefined();
    expect(safeLinkTarget(`https://x/${'a'.repeat(3000)}`)).toBeUndefined();
    expect(safeLinkTarget('https://x/é')).toBe('https://x/%C3%A9');
  });
});
