import { wrap, type Remote } from 'comlink';
import type { WorkerApi } from '../worker/api.ts';

export type RemoteWorkerApi = Remote<WorkerApi>;

/**
 * The only place that creates the Web Worker. Components never talk to it: they read and
 * act through stores, which call this bridge.
 */
export function startWorker(): RemoteWorkerApi {
  const worker = new Worker(new URL('../worker/worker.ts', import.meta.url), {
    type: 'module',
    name: 'redis-sim-engine',
  });
  return wrap<WorkerApi>(worker);
}
