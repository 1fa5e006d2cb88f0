// Decoding a file into lines that remember their own line ending, and encoding them back, so
// CRLF files stay CRLF, mixed files keep each untouched line's ending, a BOM survives, and a
// missing final newline is visible (`eol: ''`). Binary content (NUL or invalid UTF-8) is refused.

/** One line of a text file and the terminator that followed it in the file. */
export interface TextLine {
  text: string;
  eol: '' | '\n' | '\r\n';
}

/** A decoded text file. `lines` follows Codex's split: no element for the text after a final newline. */
export interface TextFile {
  bom: boolean;
  lines: TextLine[];
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes bytes as UTF-8 text, or returns null when they look binary. */
export function decodeText(bytes: Uint8Array): TextFile | null {
  if (bytes.includes(0)) return null;
  let s: string;
  try {
    s = decoder.decode(bytes);
  } catch {
    // Invalid UTF-8 is the answer we are looking for, not a failure to report.
    return null;
  }
  const bom = s.charCodeAt(0) === 0xfeff;
  if (bom) s = s.slice(1);
  return { bom, lines: splitLines(s) };
}

/** Splits text into lines with their endings (`a\r\nb` → a/CRLF, b/none). */
export function splitLines(s: string): TextLine[] {
  const lines: TextLine[] = [];
  let pos = 0;
  while (pos < s.length) {
    const nl = s.indexOf('\n', pos);
    if (nl === -1) {
      lines.push({ text: s.slice(pos), eol: '' });
      break;
    }
    if (nl > pos && s.charCodeAt(nl - 1) === 13) lines.push({ text: s.slice(pos, nl - 1), eol: '\r\n' });
    else lines.push({ text: s.slice(pos, nl), eol: '\n' });
    pos = nl + 1;
  }
  return lines;
}

/** Joins lines back into a string (with the BOM when the file had one). */
export function joinText(file: TextFile): string {
  const parts: string[] = new Array(file.lines.length);
  for (let i = 0; i < file.lines.length; i++) parts[i] = file.lines[i]!.text + file.lines[i]!.eol;
  return (file.bom ? '\ufeff' : '') + parts.join('');
}

/** The ending new lines get: CRLF when most lines of the file end in CRLF, else LF. */
export function dominantEol(lines: readonly TextLine[]): '\n' | '\r\n' {
  let crlf = 0;
  let lf = 0;
  for (const l of lines) {
    if (l.eol === '\r\n') crlf++;
    else if (l.eol === '\n') lf++;
  }
  return crlf > lf ? '\r\n' : '\n';
}
