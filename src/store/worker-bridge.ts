import { wrap, type Remote } from 'comlink';
import type { SimApi, WorkerApi } from '../worker/api.ts';

export type RemoteWorkerApi = Remote<WorkerApi>;
export type RemoteSimApi = Remote<SimApi>;

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

/**
 * The simulation half of a started worker. Comlink proxies property paths, so this is a
 * view of the same worker, not a second one; subscribe with `proxy(listener)`.
 */
export function simApi(api: RemoteWorkerApi): RemoteSimApi {
  return api.sim as unknown as RemoteSimApi;
}
