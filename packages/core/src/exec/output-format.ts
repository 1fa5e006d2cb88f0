// What the model reads back from a command: Codex's head+tail truncation (10 KiB / 256
// lines), the JSON envelope `{output, metadata}`, and the freeform re-serialisation used
// when the freeform apply_patch tool is present.

/** Codex's limits for command output shown to the model. */
export const MODEL_FORMAT_MAX_BYTES = 10 * 1024;
export const MODEL_FORMAT_MAX_LINES = 256;
export const MODEL_FORMAT_HEAD_LINES = MODEL_FORMAT_MAX_LINES / 2;
export const MODEL_FORMAT_TAIL_LINES = MODEL_FORMAT_MAX_LINES - MODEL_FORMAT_HEAD_LINES;
export const MODEL_FORMAT_HEAD_BYTES = MODEL_FORMAT_MAX_BYTES / 2;
/** Exit code reported for a command killed by its timeout. */
export const EXEC_TIMEOUT_EXIT_CODE = 124;

/** Cut a string to at most `maxBytes` UTF-8 bytes on a character boundary (from the start). */
export function takeBytesAtCharBoundary(s: string, maxBytes: number): string {
  const buf = Buffer.from(s, 'utf8');
  if (buf.length <= maxBytes) return s;
  let end = maxBytes;
  while (end > 0 && (buf[end]! & 0xc0) === 0x80) end--;
  return buf.subarray(0, end).toString('utf8');
}

/** The last at most `maxBytes` UTF-8 bytes on a character boundary. */
export function takeLastBytesAtCharBoundary(s: string, maxBytes: number): string {
  const buf = Buffer.from(s, 'utf8');
  if (buf.length <= maxBytes) return s;
  let start = buf.length - maxBytes;
  while (start < buf.length && (buf[start]! & 0xc0) === 0x80) start++;
  return buf.subarray(start).toString('utf8');
}

/** Head+tail truncation of command output for the model (unchanged when within limits). */
export function truncateForModel(content: string): string {
  const totalBytes = Buffer.byteLength(content, 'utf8');
  // Lines as `split(/(?<=\n)/)` gives them (each keeps its `\n`; '' is one line), found by
  // position: splitting kept output of a million short lines allocated a million strings.
  let newlines = 0;
  for (let i = 0; i < content.length; i++) if (content.charCodeAt(i) === 10) newlines++;
  const totalLines = content.length === 0 ? 1 : newlines + (content.charCodeAt(content.length - 1) === 10 ? 0 : 1);
  if (totalBytes <= MODEL_FORMAT_MAX_BYTES && totalLines <= MODEL_FORMAT_MAX_LINES) return content;

  let headEnd = content.length;
  for (let i = -1, n = 0; n < MODEL_FORMAT_HEAD_LINES; n++) {
    i = content.indexOf('\n', i + 1);
    if (i === -1) break;
    if (n === MODEL_FORMAT_HEAD_LINES - 1) headEnd = i + 1;
  }
  const head = content.slice(0, headEnd);
  const tailCount = Math.min(MODEL_FORMAT_TAIL_LINES, Math.max(0, totalLines - MODEL_FORMAT_HEAD_LINES));
  let tail = '';
  if (tailCount > 0) {
    // The first tail line starts after newline number (totalLines - tailCount), counted from the start.
    let pos = content.length;
    for (let k = newlines - (totalLines - tailCount) + 1; k > 0; k--) pos = content.lastIndexOf('\n', pos - 1);
    tail = content.slice(pos + 1);
  }
  const omitted = Math.max(0, totalLines - MODEL_FORMAT_HEAD_LINES - tailCount);
  const marker = `\n[... omitted ${omitted} of ${totalLines} lines ...]\n\n`;

  const headPart = takeBytesAtCharBoundary(head, MODEL_FORMAT_HEAD_BYTES);
  const budgetLeft = Math.max(0, MODEL_FORMAT_MAX_BYTES - Buffer.byteLength(headPart, 'utf8') - Buffer.byteLength(marker, 'utf8'));
  const tailPart = takeLastBytesAtCharBoundary(tail, budgetLeft);
  return `Total output lines: ${totalLines}\n\n${headPart}${marker}${tailPart}`;
}

/** Result of running a command, as the tools see it. */
export interface ExecOutput {
  exitCode: number;
  stdout: string;
  stderr: string;
  aggregated: string;
  durationMs: number;
  timedOut: boolean;
}

/** The formatted text of a command's output (timeout prefix + truncation). */
export function formatExecOutputText(out: ExecOutput, timeoutMs?: number): string {
  const body = truncateForModel(out.aggregated);
  return out.timedOut ? `command timed out after ${timeoutMs ?? out.durationMs} milliseconds\n${body}` : body;
}

/** Codex's JSON envelope for shell-type tool outputs. */
export function formatExecOutputJson(out: ExecOutput, timeoutMs?: number): string {
  return JSON.stringify({
    output: formatExecOutputText(out, timeoutMs),
    metadata: { exit_code: out.exitCode, duration_seconds: Math.round(out.durationMs / 100) / 10 },
  });
}

/** The plain-text form used when the freeform apply_patch tool is in the prompt. */
export function formatExecOutputFreeform(out: ExecOutput, timeoutMs?: number): string {
  let text = formatExecOutputText(out, timeoutMs);
  const wall = (Math.round(out.durationMs / 100) / 10).toFixed(1);
  const sections = [`Exit code: ${out.exitCode}`, `Wall time: ${wall} seconds`];
  const m = /^Total output lines: (\d+)\n\n/.exec(text);
  if (m) {
    sections.push(`Total output lines: ${m[1]}`);
    text = text.slice(m[0].length);
  }
  sections.push('Output:', text);
  return sections.join('\n');
}
