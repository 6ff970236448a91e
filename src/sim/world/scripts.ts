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

/**
 * Optimistic locking: WATCH, GET, MULTI, SET v+1, EXEC; a nil EXEC (someone changed the key
 * after WATCH) retries the round. Slower than INCR, and it loses nothing either.
 * vars.retries counts the aborted transactions.
 */
const watchMulti = (p: JsonValue): Script => {
  const { key, rounds } = params(p);
  return {
    next: (_step, previous, vars) => {
      // vars.phase: the command last sent (0 WATCH, 1 GET, 2 MULTI, 3 SET, 4 EXEC).
      const last = vars.phase as number | undefined;
      let next = last === undefined ? 0 : last + 1;
      if (last === 4) {
        // EXEC's reply: an array when it ran, a null array when WATCH aborted it.
        if (previous?.kind === 'array') vars.done = ((vars.done as number | undefined) ?? 0) + 1;
        else vars.retries = ((vars.retries as number | undefined) ?? 0) + 1;
        next = 0;
      }
      if (next === 0 && ((vars.done as number | undefined) ?? 0) >= rounds) return null;
      if (next === 2) vars.value = integerOf(previous) + 1;
      vars.phase = next;
      switch (next) {
        case 0:
          return ['WATCH', key];
        case 1:
          return ['GET', key];
        case 2:
          return ['MULTI'];
        case 3:
          return ['SET', key, String(Number(vars.value))];
        default:
          return ['EXEC'];
      }
    },
  };
};

export const builtinScripts: ScriptRegistry = {
  'get-then-set': getThenSet,
  incr,
  writer,
  'watch-multi': watchMulti,
};
