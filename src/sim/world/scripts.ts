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

/**
 * A steady synchronous writer whose every write is distinguishable: step i sets
 * `<prefix><i mod keys>` to i, so a loss report can name each lost write and a reloaded
 * value says which write it came from. Params: { keys?: number (1000), prefix?: string
 * ('w:'), rounds?: number (forever) }.
 */
const writer = (p: JsonValue): Script => {
  const o = (p ?? {}) as { keys?: JsonValue; prefix?: JsonValue; rounds?: JsonValue };
  const keys = typeof o.keys === 'number' ? o.keys : 1000;
  const prefix = typeof o.prefix === 'string' ? o.prefix : 'w:';
  const rounds = typeof o.rounds === 'number' ? o.rounds : Number.POSITIVE_INFINITY;
  return { next: (step) => (step < rounds ? ['SET', prefix + (step % keys), String(step)] : null) };
};

export const builtinScripts: ScriptRegistry = { 'get-then-set': getThenSet, incr, writer };
