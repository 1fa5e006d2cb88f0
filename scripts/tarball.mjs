// Reads an npm tarball (.tgz) without unpacking it: each entry's path, mode and size, and
// the text of package/package.json. Used by pack.mjs and the install test to check what
// a tarball really holds (execute bits, no `workspace:` left).
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** Entries of a gzipped tar file: `{ path, mode, size, text? }` (text for package.json only). */
export function listTarball(file) {
  const buf = gunzipSync(readFileSync(file));
  const entries = [];
  let longName;
  for (let off = 0; off + 512 <= buf.length; ) {
    const header = buf.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const field = (start, len) => header.subarray(start, start + len).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1);
    const prefix = field(345, 155);
    let path = longName ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    longName = undefined;
    const body = buf.subarray(off + 512, off + 512 + size);
    if (type === 'L') longName = body.toString('utf8').replace(/\0.*$/s, '');
    else if (type === 'x' || type === 'g') {
      const m = /\d+ path=([^\n]*)\n/.exec(body.toString('utf8'));
      if (m) longName = m[1];
    } else if (type === '0' || type === '' || type === '5') {
      const entry = { path, mode: parseInt(field(100, 8).trim() || '0', 8), size };
      if (path === 'package/package.json') entry.text = body.toString('utf8');
      entries.push(entry);
    }
    off += 512 + Math.ceil(size / 512) * 512;
    void path;
  }
  return entries;
}
