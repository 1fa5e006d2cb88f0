// What a unified-exec call returns to the model: Codex's token-budget truncation (head and
// tail kept, `…N tokens truncated…` between, `Total output lines` first), the 4-bytes-per-
// token estimate, chunk ids, and the response text (`Chunk ID` / `Wall time` / exit code or
// session id / `Original token count` / `Output:`).
import { randomInt } from 'node:crypto';

const BYTES_PER_TOKEN = 4;

/** Codex's token estimate: ceil(bytes / 4). */
export function approxTokensFromBytes(bytes: number): number {
  return Math.ceil(Math.max(0, bytes) / BYTES_PER_TOKEN);
}

/** Token estimate of a string's UTF-8 bytes. */
export function approxTokenCount(text: string): number {
  return approxTokensFromBytes(Buffer.byteLength(text, 'utf8'));
}

/** Lines as Rust's `str::lines()` counts them (a final line break ends, not starts, a line). */
export function countLines(text: string): number {
  if (text.length === 0) return 0;
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return text.endsWith('\n') ? n : n + 1;
}

/** Keep the first `left` and last `right` bytes of `buf` on UTF-8 character boundaries. */
function splitOnCharBoundaries(buf: Buffer, left: number, right: number): { head: Buffer; tail: Buffer } {
  let headEnd = Math.min(left, buf.length);
  // Back off to a character start so no character is cut (continuation bytes are 10xxxxxx).
  while (headEnd > 0 && headEnd < buf.length && (buf[headEnd]! & 0xc0) === 0x80) headEnd--;
  let tailStart = Math.max(buf.length - right, headEnd);
  while (tailStart < buf.length && (buf[tailStart]! & 0xc0) === 0x80) tailStart++;
  return { head: buf.subarray(0, headEnd), tail: buf.subarray(tailStart) };
}

/** Middle truncation to `maxTokens` (≈ 4 bytes each), with Codex's token marker. */
export function truncateMiddleTokens(text: string, maxTokens: number): string {
  if (text.length === 0) return '';
  const buf = Buffer.from(text, 'utf8');
  const maxBytes = Math.max(0, Math.floor(maxTokens)) * BYTES_PER_TOKEN;
  if (maxBytes > 0 && buf.length <= maxBytes) return text;
  if (maxBytes === 0) return `…${approxTokensFromBytes(buf.length)} tokens truncated…`;
  const left = Math.floor(maxBytes / 2);
  const { head, tail } = splitOnCharBoundaries(buf, left, maxBytes - left);
  return `${head.toString('utf8')}…${approxTokensFromBytes(buf.length - maxBytes)} tokens truncated…${tail.toString('utf8')}`;
}

/** Codex's `formatted_truncate_text` with a token budget: unchanged when it fits. */
export function formattedTruncateText(text: string, maxTokens: number): string {
  if (Buffer.byteLength(text, 'utf8') <= Math.max(0, maxTokens) * BYTES_PER_TOKEN) return text;
  return `Total output lines: ${countLines(text)}\n\n${truncateMiddleTokens(text, maxTokens)}`;
}

/** A random six-hex-digit chunk id, as Codex labels each slice of output. */
export function generateChunkId(): string {
  return randomInt(0, 0x1000000).toString(16).padStart(6, '0');
}

/** One unified-exec response, before formatting. */
export interface UnifiedExecResponse {
  chunkId: string;
  wallTimeMs: number;
  output: string;
  exitCode: number | null;
  /** Set while the process keeps running (pass it to write_stdin). */
  sessionId: number | null;
  originalTokenCount: number | null;
}

/** The text the model reads back. */
export function formatUnifiedExecResponse(r: UnifiedExecResponse): string {
  const sections: string[] = [];
  if (r.chunkId !== '') sections.push(`Chunk ID: ${r.chunkId}`);
  sections.push(`Wall time: ${(r.wallTimeMs / 1000).toFixed(4)} seconds`);
  if (r.exitCode !== null) sections.push(`Process exited with code ${r.exitCode}`);
  if (r.sessionId !== null) sections.push(`Process running with session ID ${r.sessionId}`);
  if (r.originalTokenCount !== null) sections.push(`Original token count: ${r.originalTokenCount}`);
  sections.push('Output:', r.output);
  return sections.join('\n');
}
