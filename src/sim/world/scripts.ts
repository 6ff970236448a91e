import { bytesToUtf8, type Reply } from '../../engine/index.ts';
import type { JsonValue } from '../core/json.ts';
import type { Script, ScriptRegistry } from './client.ts';

/**
 * Built-in scripts for scripted clients. `get-then-set` is the read-modify-write race the
 * single-thread lesson shows: two clients interleave GET and SET and overwrite each
 * other's increments. `incr` does the same work atomically and loses nothing.
 * Params: { key: string, rounds: number }.
 */

function params(p: JsonValue): { key: string; rounds: number } {
  const o = (p ?? {}) as { key?: JsonValue; rounds?: JsonValue };
  return {
    key: typeof o.key === 'string' ? o.key : 'counter',
    rounds: typeof o.rounds === 'number' ? o.rounds : 1,
  };
}

function integerOf(reply: Reply | undefined): number {
  if (reply?.kind !== 'bulk') return 0;
  const n = Number.parseInt(bytesToUtf8(reply.value), 10);
  return Number.isFinite(n) ? n : 0;
}

const getThenSet = (p: JsonValue): Script => {
  const { key, rounds } = params(p);
  return {
    next: (step, previous) => {
      if (step >= rounds * 2) return null;
      return step % 2 === 0 ? ['GET', key] : ['SET', key, String(integerOf(previous) + 1)];
    },
  };
};

const incr = (p: JsonValue): Script => {
  const { key, rounds } = params(p);
  return { next: (step) => (step < rounds ? ['INCR', key] : null) };
};

export const builtinScripts: ScriptRegistry = { 'get-then-set': getThenSet, incr };
