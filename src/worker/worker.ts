import { expose } from 'comlink';
import { createWorkerApi } from './api.ts';

// The seed only steers engine sampling (RANDOMKEY, eviction); a fresh one per worker is fine.
const seed = crypto.getRandomValues(new Uint32Array(1))[0] ?? 1;
expose(createWorkerApi(seed));
