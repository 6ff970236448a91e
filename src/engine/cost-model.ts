import { calibration } from './cost-calibration.ts';
import type { Engine, Session } from './engine.ts';
import { elementCount } from './keyspace/value-ops.ts';
import type { RedisValue } from './keyspace/values.ts';

/**
 * How long a command keeps Redis's one thread busy: the simulator's service time. Each
 * command costs a base time plus, for O(N) commands, a time per element it touches, with
 * both figures measured on a real redis-server (cost-calibration.ts, `npm run calibrate`).
 * It is computed before the command runs, from the state it will run against, so DEL of a
 * huge key costs what freeing that key costs.
 */

/** A typical O(1) command's execution when nothing better is known, in µs. */
const DEFAULT_BASE = 1;

const base = calibration.baseMicros;
const perUnit = calibration.perUnitMicros;

function elementsOf(value: RedisValue | undefined): number {
  return value === undefined ? 0 : elementCount(value);
}

type CostFn = (engine: Engine, session: Session, argv: readonly string[]) => number;

function lookup(engine: Engine, session: Session, key: string | undefined): RedisValue | undefined {
  return key === undefined ? undefined : engine.dbs[session.db]?.keys.get(key);
}

/** Elements of the key at argv[1], times a per-element cost. */
const perElementOfKey =
  (micros: number): CostFn =>
  (engine, session, argv) =>
    micros * elementsOf(lookup(engine, session, argv[1]));

/**
 * SORT, DUMP and RESTORE, timed through SLOWLOG on redis-server 7.0.15 (2026-11-28): SORT of
 * 10k and 100k random integers took 0.012-0.018 µs per n*log2(n) comparison, ALPHA about 3x
 * that (strcoll); DUMP of a 100k-element list 0.03-0.07 µs an element; RESTORE of its 596 KB
 * payload about 1 ms.
 */
const SORT_PER_COMPARISON = 0.015;
const SORT_ALPHA_FACTOR = 3;
const DUMP_PER_ELEMENT = 0.05;
const RESTORE_PER_BYTE = 0.002;

const sortCost: CostFn = (engine, session, argv) => {
  const n = elementsOf(lookup(engine, session, argv[1]));
  const alpha = argv.some((a) => a.length === 5 && a.toLowerCase() === 'alpha');
  const perComparison = SORT_PER_COMPARISON * (alpha ? SORT_ALPHA_FACTOR : 1);
  return DEFAULT_BASE + perComparison * n * Math.log2(Math.max(2, n));
};

const costs: Readonly<Record<string, CostFn>> = {
  get: () => base.get,
  set: () => base.set,
  incr: () => base.incr,
  decr: () => base.incr,
  incrby: () => base.incr,
  decrby: () => base.incr,
  keys: (engine, session) => perUnit.keys * (engine.dbs[session.db]?.size ?? 0),
  scan: () => base.scan,
  unlink: () => base.unlink,
  del: (engine, session, argv) => {
    let elements = 0;
    for (let i = 1; i < argv.length; i++) elements += elementsOf(lookup(engine, session, argv[i]));
    return DEFAULT_BASE + perUnit.del * elements;
  },
  flushdb: (engine, session) => perUnit.del * (engine.dbs[session.db]?.size ?? 0),
  flushall: (engine) => perUnit.del * engine.dbs.reduce((n, db) => n + db.size, 0),
  lrange: (engine, session, argv) => {
    const value = lookup(engine, session, argv[1]);
    if (value?.type !== 'list') return DEFAULT_BASE;
    // The elements the range covers, as LRANGE clamps it (negative indexes count from the end).
    const len = value.length;
    const at = (s: string | undefined) => {
      const i = Number.parseInt(s ?? '0', 10);
      return Number.isFinite(i) ? (i < 0 ? Math.max(0, len + i) : i) : 0;
    };
    const span = Math.min(len - 1, at(argv[3])) - at(argv[2]) + 1;
    return DEFAULT_BASE + perUnit.lrange * Math.max(0, span);
  },
  sort: sortCost,
  sort_ro: sortCost,
  dump: perElementOfKey(DUMP_PER_ELEMENT),
  restore: (_engine, _session, argv) => DEFAULT_BASE + RESTORE_PER_BYTE * (argv[3]?.length ?? 0),
  smembers: perElementOfKey(perUnit.smembers),
  hgetall: perElementOfKey(perUnit.hgetall),
};

/** The service time in µs of running argv now (at least 0.1 µs: nothing is free). */
export function serviceTimeMicros(
  engine: Engine,
  session: Session,
  argv: readonly string[],
): number {
  const cost = costOf(argv[0] ?? '');
  return Math.max(0.1, cost ? cost(engine, session, argv) : DEFAULT_BASE);
}

/**
 * The cost function by the name as typed: a simulated run asks for every command, and
 * lowercasing the name each time (a new string, then a lookup by it) was a visible share
 * of it. Bounded like dispatch's cache, since typed names come from users.
 */
const costByTypedName = new Map<string, CostFn | null>();
const TYPED_NAME_LIMIT = 4096;

function costOf(typed: string): CostFn | null {
  let cost = costByTypedName.get(typed);
  if (cost === undefined) {
    const name = typed.toLowerCase();
    cost = Object.hasOwn(costs, name) ? costs[name]! : null;
    if (costByTypedName.size >= TYPED_NAME_LIMIT) costByTypedName.clear();
    costByTypedName.set(typed, cost);
  }
  return cost;
}
