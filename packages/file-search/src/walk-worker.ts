// Worker-thread entry of the two-thread walk (see internal/parallel.ts). Built to
// dist/walk-worker.js, next to the chunk that starts it.
import { parentPort, workerData } from 'node:worker_threads';
import { runWorker } from './internal/parallel.js';
import { WALK_CONCURRENCY } from './search.js';

// Started early without workerData (see adoptWorker), the worker waits for its input.
if (workerData !== null && workerData !== undefined) runWorker(parentPort!, workerData, WALK_CONCURRENCY);
else parentPort!.once('message', (m: { data: unknown }) => runWorker(parentPort!, m.data, WALK_CONCURRENCY));
