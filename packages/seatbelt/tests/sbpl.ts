// A small reader for SBPL (Seatbelt's Scheme dialect), enough to check generated profiles
// where sandbox-exec cannot run them: lists, symbols, "strings" with escapes, #"regex"
// literals and `;` comments. Unbalanced or unterminated input throws with its offset.

/** One SBPL datum. */
export type Sexp = { kind: 'list'; items: Sexp[] } | { kind: 'symbol'; name: string } | { kind: 'string'; value: string } | { kind: 'regex'; source: string };

/** Every top-level form of `text`; throws on unbalanced parentheses or unterminated literals. */
export function parseSbpl(text: string): Sexp[] {
  let i = 0;
  const n = text.length;
  const fail = (what: string): never => {
    throw new Error(`SBPL: ${what} at offset ${i}`);
  };
  const skip = (): void => {
    for (;;) {
      while (i < n && /\s/.test(text[i]!)) i++;
      if (text[i] !== ';') return;
      while (i < n && text[i] !== '\n') i++;
    }
  };
  const readString = (): string => {
    i++; // opening quote
    let out = '';
    for (;;) {
      if (i >= n) fail('unterminated string');
      const c = text[i]!;
      if (c === '"') {
        i++;
        return out;
      }
      if (c === '\\') {
        if (i + 1 >= n) fail('unterminated escape');
        out += text[i + 1];
        i += 2;
        continue;
      }
      out += c;
      i++;
    }
  };
  const readDatum = (): Sexp => {
    skip();
    if (i >= n) fail('unexpected end of input');
    const c = text[i]!;
    if (c === ')') fail('unbalanced )');
    if (c === '(') {
      i++;
      const items: Sexp[] = [];
      for (;;) {
        skip();
        if (i >= n) fail('unclosed (');
        if (text[i] === ')') {
          i++;
          return { kind: 'list', items };
        }
        items.push(readDatum());
      }
    }
    if (c === '"') return { kind: 'string', value: readString() };
    if (c === '#' && text[i + 1] === '"') {
      i++;
      return { kind: 'regex', source: readString() };
    }
    const start = i;
    while (i < n && !/[\s()";]/.test(text[i]!)) i++;
    return { kind: 'symbol', name: text.slice(start, i) };
  };
  const forms: Sexp[] = [];
  for (;;) {
    skip();
    if (i >= n) return forms;
    forms.push(readDatum());
  }
}

/** Every list in `forms` (depth first, the forms themselves included). */
export function allLists(forms: Sexp[]): Extract<Sexp, { kind: 'list' }>[] {
  const out: Extract<Sexp, { kind: 'list' }>[] = [];
  const visit = (s: Sexp): void => {
    if (s.kind !== 'list') return;
    out.push(s);
    s.items.forEach(visit);
  };
  forms.forEach(visit);
  return out;
}

/** The head symbol of a list, or undefined. */
export function head(s: Sexp): string | undefined {
  return s.kind === 'list' && s.items[0]?.kind === 'symbol' ? s.items[0].name : undefined;
}

/** Renders a datum back to text (for error messages and whole-form comparisons). */
export function show(s: Sexp): string {
  switch (s.kind) {
    case 'list':
      return `(${s.items.map(show).join(' ')})`;
    case 'symbol':
      return s.name;
    case 'string':
      return JSON.stringify(s.value);
    case 'regex':
      return `#${JSON.stringify(s.source)}`;
  }
}
