/**
 * Ollama's native API as the scripted server speaks it: `/api/version`, `/api/tags`
 * and NDJSON progress from `/api/pull` (pulling manifest, per-digest progress with
 * total/completed, verifying, writing manifest, success).
 */
import { createHash } from 'node:crypto';

/** The `/api/tags` entry for a model name. */
export function ollamaTag(name: string): Record<string, unknown> {
  return {
    name,
    model: name,
    modified_at: '2025-08-05T12:00:00.000000000Z',
    size: 13_780_173_839,
    digest: sha256(name),
    details: { parent_model: '', format: 'gguf', family: 'scripted', families: ['scripted'], parameter_size: '20.9B', quantization_level: 'MXFP4' },
  };
}

/** Options for the default pull progress. */
export interface PullProgressOptions {
  /** Layer sizes in bytes (default two layers). */
  layers?: number[];
  /** Progress lines per layer after the first (default 2). */
  steps?: number;
}

/** The NDJSON objects a successful `ollama pull <model>` streams. */
export function ollamaPullProgress(model: string, opts: PullProgressOptions = {}): Array<Record<string, unknown>> {
  const layers = opts.layers ?? [1_000_000, 4_096];
  const steps = opts.steps ?? 2;
  const lines: Array<Record<string, unknown>> = [{ status: 'pulling manifest' }];
  layers.forEach((total, i) => {
    const digest = `sha256:${sha256(`${model}#${i}`)}`;
    const status = `pulling ${digest.slice(7, 19)}`;
    lines.push({ status, digest, total });
    for (let s = 1; s <= steps; s++) {
      lines.push({ status, digest, total, completed: Math.floor((total * s) / steps) });
    }
  });
  lines.push({ status: 'verifying sha256 digest' }, { status: 'writing manifest' }, { status: 'success' });
  return lines;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
