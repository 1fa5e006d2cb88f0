/** One entry of a gzipped tar file. */
export interface TarEntry {
  path: string;
  mode: number;
  size: number;
  /** The text of package/package.json only. */
  text?: string;
}
/** Entries of a gzipped tar file (npm tarball) without unpacking it. */
export function listTarball(file: string): TarEntry[];
