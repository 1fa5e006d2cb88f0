// Worker-thread entry of the two-thread walk (see internal/parallel.ts). Built to
// dist/walk-worker.js, next to the chunk that starts it.
import { parentPort, workerData } from 'node:worker_threads';
import { runWorker } from './internal/parallel.js';
import { WALK_CONCURRENCY } from './search.js';

runWorker(parentPort!, workerData, WALK_CONCURRENCY);
