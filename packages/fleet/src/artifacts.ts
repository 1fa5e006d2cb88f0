// A finished run's files in the bucket: the whole rollout and the whole diff (no size cap,
// unlike the diff stored in Redis), under `<prefix><queue>/<task id>/`. The keys and URLs
// go into the task's result; the run's checkpoint objects are removed afterwards.
import type { Logger } from 'pino';
import type { S3Store, StoredObject } from './storage/s3.js';

/** What a result says about its objects in the bucket. */
export interface TaskArtifacts {
  rollout?: StoredObject;
  diff?: StoredObject;
}

/** Upload the final rollout and diff; on failure the result carries `error` instead. */
export async function uploadArtifacts(o: { store: S3Store; base: string; run: number; rolloutPath?: string; diffFile?: string; checkpointKeys: string[]; log: Logger }): Promise<{ artifacts: TaskArtifacts; error?: string }> {
  const artifacts: TaskArtifacts = {};
  try {
    // Per run, so a late upload of a run that lost the task never replaces the owner's files.
    if (o.rolloutPath !== undefined) artifacts.rollout = await o.store.put(`${o.base}run-${o.run}/rollout.jsonl`, { path: o.rolloutPath }, 'application/x-ndjson');
    if (o.diffFile !== undefined) artifacts.diff = await o.store.put(`${o.base}run-${o.run}/diff.patch`, { path: o.diffFile }, 'text/x-diff');
  } catch (err: unknown) {
    o.log.warn({ err }, 'artifact upload failed');
    return { artifacts, error: (err as Error).message };
  }
  await Promise.all(o.checkpointKeys.map((k) => o.store.delete(k).catch((err: unknown) => o.log.warn({ err, key: k }, 'checkpoint object not removed'))));
  return { artifacts };
}
