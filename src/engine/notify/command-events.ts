/**
 * The keyspace events each command fires in Redis 7.0.15 (the notifyKeyspaceEvent calls of
 * t_string.c, t_list.c, t_hash.c, t_set.c, t_zset.c, db.c, expire.c, bitops.c, sort.c and
 * cluster.c), one rule a command. A rule reads the call after it ran: its argv, its reply,
 * how much it moved the dirty counter and the database, plus what its `before` noted (which
 * keys were there), and fires the events in Redis's order. Error replies fire nothing.
 */
import type { CommandContext } from '../commands/types.ts';
import type { Database } from '../keyspace/database.ts';
import type { Reply } from '../reply.ts';
import { Notify } from './flags.ts';
import type { KeyspaceNotifier } from './notifier.ts';

export interface EventRule {
  /** What the rule needs to know of the keyspace before the command runs. */
  readonly before?: (ctx: CommandContext) => unknown;
  readonly after: (
    n: KeyspaceNotifier,
    ctx: CommandContext,
    reply: Reply,
    dirty: number,
    before: unknown,
  ) => void;
}

const { generic: G, string: S, list: L, set: SET, hash: H, zset: Z } = Notify;

/** A key that is there and not past its expire time, without expiring it or counting a hit. */
function live(db: Database, key: string, nowMs: number): boolean {
  if (!db.keys.has(key)) return false;
  const when = db.expires.get(key);
  return when === undefined || !(nowMs > when);
}

function upper(arg: string | undefined): string {
  return arg === undefined ? '' : arg.toUpperCase();
}

function items(reply: Reply): readonly Reply[] {
  return reply.kind === 'array' || reply.kind === 'set' ? reply.items : [];
}

function text(reply: Reply | undefined): string | undefined {
  return reply?.kind === 'bulk' ? reply.value : undefined;
}

function isNil(reply: Reply): boolean {
  return reply.kind === 'null' || reply.kind === 'nullArray';
}

/** 'del' for a key its command emptied (listElementsRemoved, zsetRemove...). */
function delIfGone(n: KeyspaceNotifier, ctx: CommandContext, key: string): void {
  if (!ctx.db.keys.has(key)) n.emit(G, 'del', key, ctx.db.id);
}

/** One event on argv[1] whenever the command changed something. */
function onChange(type: number, event: string): EventRule {
  return {
    after: (n, ctx, _reply, dirty) => {
      if (dirty > 0) n.emit(type, event, ctx.argv[1]!, ctx.db.id);
    },
  };
}

/** An event on argv[1] when something was removed, then 'del' if that emptied the key. */
function onRemove(type: number, event: string): EventRule {
  return {
    after: (n, ctx, _reply, dirty) => {
      if (dirty <= 0) return;
      n.emit(type, event, ctx.argv[1]!, ctx.db.id);
      delIfGone(n, ctx, ctx.argv[1]!);
    },
  };
}

/** A command storing its result at `at`: its event, or 'del' when the result is empty. */
function onStore(type: number, event: string, at = 1): EventRule {
  return {
    before: (ctx) => live(ctx.db, ctx.argv[at]!, ctx.nowMs),
    after: (n, ctx, _reply, dirty, existed) => {
      const key = ctx.argv[at]!;
      if (ctx.db.keys.has(key)) {
        if (dirty > 0) n.emit(type, event, key, ctx.db.id);
      } else if (existed === true) n.emit(G, 'del', key, ctx.db.id);
    },
  };
}

/** SET's EX/PX/EXAT/PXAT options (SETEX and PSETEX always have one). */
function hasExpireOption(argv: readonly string[]): boolean {
  for (let j = 3; j < argv.length; j++) {
    const option = upper(argv[j]);
    if (option === 'EX' || option === 'PX' || option === 'EXAT' || option === 'PXAT') return true;
  }
  return false;
}

const set: EventRule = {
  after: (n, ctx, _reply, dirty) => {
    if (dirty <= 0) return;
    const key = ctx.argv[1]!;
    n.emit(S, 'set', key, ctx.db.id);
    const name = ctx.spec.name;
    const timed =
      name === 'setex' || name === 'psetex' || (name === 'set' && hasExpireOption(ctx.argv));
    if (timed) n.emit(G, 'expire', key, ctx.db.id);
  },
};

const mset: EventRule = {
  after: (n, ctx, _reply, dirty) => {
    if (dirty <= 0) return;
    for (let j = 1; j < ctx.argv.length; j += 2) n.emit(S, 'set', ctx.argv[j]!, ctx.db.id);
  },
};

const getex: EventRule = {
  after: (n, ctx, _reply, dirty) => {
    if (dirty <= 0) return;
    const key = ctx.argv[1]!;
    if (!ctx.db.keys.has(key)) n.emit(G, 'del', key, ctx.db.id);
    else if (upper(ctx.argv[2]) === 'PERSIST') n.emit(G, 'persist', key, ctx.db.id);
    else n.emit(G, 'expire', key, ctx.db.id);
  },
};

/** DEL / UNLINK: 'del' for each key that was there, in argument order. */
const del: EventRule = {
  before: (ctx) => ctx.argv.slice(1).filter((key) => live(ctx.db, key, ctx.nowMs)),
  after: (n, ctx, _reply, _dirty, existed) => {
    const seen = new Set<string>();
    for (const key of existed as string[]) {
      if (seen.has(key) || ctx.db.keys.has(key)) continue;
      seen.add(key);
      n.emit(G, 'del', key, ctx.db.id);
    }
  },
};

/** EXPIRE family: 'expire', or 'del' when the time was already past. */
const expire: EventRule = {
  after: (n, ctx, reply, dirty) => {
    if (dirty <= 0 || reply.kind !== 'integer' || reply.value !== 1) return;
    const key = ctx.argv[1]!;
    n.emit(G, ctx.db.keys.has(key) ? 'expire' : 'del', key, ctx.db.id);
  },
};

const rename: EventRule = {
  after: (n, ctx, _reply, dirty) => {
    if (dirty <= 0) return;
    // dbAdd of the destination comes before both events.
    n.releaseNew();
    n.emit(G, 'rename_from', ctx.argv[1]!, ctx.db.id);
    n.emit(G, 'rename_to', ctx.argv[2]!, ctx.db.id);
  },
};

const move: EventRule = {
  after: (n, ctx, reply, dirty) => {
    if (dirty <= 0 || reply.kind !== 'integer' || reply.value !== 1) return;
    n.releaseNew();
    n.emit(G, 'move_from', ctx.argv[1]!, ctx.db.id);
    n.emit(G, 'move_to', ctx.argv[1]!, Number(ctx.argv[2]));
  },
};

const copy: EventRule = {
  after: (n, ctx, reply) => {
    if (reply.kind !== 'integer' || reply.value !== 1) return;
    let db = ctx.db.id;
    for (let j = 3; j < ctx.argv.length - 1; j++) {
      if (upper(ctx.argv[j]) === 'DB') db = Number(ctx.argv[j + 1]);
    }
    n.emit(G, 'copy_to', ctx.argv[2]!, db);
  },
};

/** SORT ... STORE dst: 'sortstore', or 'del' when the result is empty. */
const sort: EventRule = {
  before: (ctx) => {
    const dst = storeKey(ctx.argv);
    return dst !== undefined && live(ctx.db, dst, ctx.nowMs);
  },
  after: (n, ctx, _reply, _dirty, existed) => {
    const dst = storeKey(ctx.argv);
    if (dst === undefined) return;
    if (ctx.db.keys.has(dst)) n.emit(L, 'sortstore', dst, ctx.db.id);
    else if (existed === true) n.emit(G, 'del', dst, ctx.db.id);
  },
};

function storeKey(argv: readonly string[]): string | undefined {
  let dst: string | undefined;
  for (let j = 2; j < argv.length - 1; j++) if (upper(argv[j]) === 'STORE') dst = argv[j + 1];
  return dst;
}

/** The list end a command pops from or pushes to, by name or LEFT/RIGHT argument. */
function end(arg: string | undefined): 'l' | 'r' {
  return upper(arg) === 'RIGHT' ? 'r' : 'l';
}

/** LPOP/RPOP/BLPOP/BRPOP: the pop event on the key, then 'del' if the list is gone. */
function pop(event: 'lpop' | 'rpop'): EventRule {
  return {
    after: (n, ctx, reply, dirty) => {
      if (dirty <= 0 || isNil(reply)) return;
      // BLPOP replies [key, element]; LPOP pops from argv[1].
      const key = ctx.spec.name.startsWith('b') ? text(items(reply)[0]) : ctx.argv[1];
      if (key === undefined) return;
      n.emit(L, event, key, ctx.db.id);
      delIfGone(n, ctx, key);
    },
  };
}

/** LMPOP / BLMPOP / ZMPOP / BZMPOP: [key, [...]], the direction right after the keys. */
function mpop(type: number, events: (direction: string) => string): EventRule {
  return {
    after: (n, ctx, reply, dirty) => {
      if (dirty <= 0 || isNil(reply)) return;
      const key = text(items(reply)[0]);
      if (key === undefined) return;
      const at = ctx.spec.name.startsWith('b') ? 2 : 1;
      const direction = upper(ctx.argv[at + 1 + Number(ctx.argv[at])]);
      n.emit(type, events(direction), key, ctx.db.id);
      delIfGone(n, ctx, key);
    },
  };
}

/** LMOVE family: push on the destination (lmoveHandlePush), pop on the source, 'del'. */
const lmove: EventRule = {
  after: (n, ctx, reply, dirty) => {
    if (dirty <= 0 || isNil(reply)) return;
    const [, src, dst] = ctx.argv as [string, string, string];
    const name = ctx.spec.name;
    const rpoplpush = name === 'rpoplpush' || name === 'brpoplpush';
    const from = rpoplpush ? 'r' : end(ctx.argv[3]);
    const to = rpoplpush ? 'l' : end(ctx.argv[4]);
    n.emit(L, `${to}push`, dst, ctx.db.id);
    n.emit(L, `${from}pop`, src, ctx.db.id);
    delIfGone(n, ctx, src);
  },
};

/** LTRIM fires on any list it ran on, trimmed or not. */
const ltrim: EventRule = {
  before: (ctx) => live(ctx.db, ctx.argv[1]!, ctx.nowMs),
  after: (n, ctx, _reply, _dirty, existed) => {
    if (existed !== true) return;
    n.emit(L, 'ltrim', ctx.argv[1]!, ctx.db.id);
    delIfGone(n, ctx, ctx.argv[1]!);
  },
};

const smove: EventRule = {
  after: (n, ctx, _reply, dirty) => {
    if (dirty <= 0) return;
    const [, src, dst] = ctx.argv as [string, string, string];
    n.emit(SET, 'srem', src, ctx.db.id);
    delIfGone(n, ctx, src);
    if (dirty > 1) n.emit(SET, 'sadd', dst, ctx.db.id);
  },
};

const zadd: EventRule = {
  after: (n, ctx, _reply, dirty) => {
    if (dirty <= 0) return;
    let incr = false;
    for (let j = 2; j < ctx.argv.length; j++) if (upper(ctx.argv[j]) === 'INCR') incr = true;
    n.emit(Z, incr ? 'zincr' : 'zadd', ctx.argv[1]!, ctx.db.id);
  },
};

/** ZPOPMIN/ZPOPMAX and the blocking forms ([key, member, score]). */
function zpop(event: 'zpopmin' | 'zpopmax'): EventRule {
  return {
    after: (n, ctx, reply, dirty) => {
      if (dirty <= 0 || isNil(reply)) return;
      const key = ctx.spec.name.startsWith('b') ? text(items(reply)[0]) : ctx.argv[1];
      if (key === undefined) return;
      n.emit(Z, event, key, ctx.db.id);
      delIfGone(n, ctx, key);
    },
  };
}

const restore: EventRule = {
  before: (ctx) => live(ctx.db, ctx.argv[1]!, ctx.nowMs),
  after: (n, ctx, _reply, _dirty, existed) => {
    const key = ctx.argv[1]!;
    if (ctx.db.keys.has(key)) n.emit(G, 'restore', key, ctx.db.id);
    else if (existed === true) n.emit(G, 'del', key, ctx.db.id);
  },
};

export const commandEvents: ReadonlyMap<string, EventRule> = new Map<string, EventRule>([
  ['set', set],
  ['setnx', set],
  ['setex', set],
  ['psetex', set],
  ['getset', onChange(S, 'set')],
  ['mset', mset],
  ['msetnx', mset],
  ['getdel', onChange(G, 'del')],
  ['getex', getex],
  ['setrange', onChange(S, 'setrange')],
  ['incr', onChange(S, 'incrby')],
  ['decr', onChange(S, 'incrby')],
  ['incrby', onChange(S, 'incrby')],
  ['decrby', onChange(S, 'incrby')],
  ['incrbyfloat', onChange(S, 'incrbyfloat')],
  ['append', onChange(S, 'append')],
  ['setbit', onChange(S, 'setbit')],
  ['bitfield', onChange(S, 'setbit')],
  ['bitop', onStore(S, 'set', 2)],
  ['del', del],
  ['unlink', del],
  ['expire', expire],
  ['pexpire', expire],
  ['expireat', expire],
  ['pexpireat', expire],
  ['persist', onChange(G, 'persist')],
  ['rename', rename],
  ['renamenx', rename],
  ['move', move],
  ['copy', copy],
  ['restore', restore],
  ['sort', sort],
  ['lpush', onChange(L, 'lpush')],
  ['lpushx', onChange(L, 'lpush')],
  ['rpush', onChange(L, 'rpush')],
  ['rpushx', onChange(L, 'rpush')],
  ['linsert', onChange(L, 'linsert')],
  ['lset', onChange(L, 'lset')],
  ['lpop', pop('lpop')],
  ['rpop', pop('rpop')],
  ['blpop', pop('lpop')],
  ['brpop', pop('rpop')],
  ['lmpop', mpop(L, (d) => (d === 'RIGHT' ? 'rpop' : 'lpop'))],
  ['blmpop', mpop(L, (d) => (d === 'RIGHT' ? 'rpop' : 'lpop'))],
  ['lmove', lmove],
  ['blmove', lmove],
  ['rpoplpush', lmove],
  ['brpoplpush', lmove],
  ['ltrim', ltrim],
  ['lrem', onRemove(L, 'lrem')],
  ['hset', onChange(H, 'hset')],
  ['hmset', onChange(H, 'hset')],
  ['hsetnx', onChange(H, 'hset')],
  ['hincrby', onChange(H, 'hincrby')],
  ['hincrbyfloat', onChange(H, 'hincrbyfloat')],
  ['hdel', onRemove(H, 'hdel')],
  ['sadd', onChange(SET, 'sadd')],
  ['srem', onRemove(SET, 'srem')],
  ['spop', onRemove(SET, 'spop')],
  ['smove', smove],
  ['sinterstore', onStore(SET, 'sinterstore')],
  ['sunionstore', onStore(SET, 'sunionstore')],
  ['sdiffstore', onStore(SET, 'sdiffstore')],
  ['zadd', zadd],
  ['zincrby', onChange(Z, 'zincr')],
  ['zrem', onRemove(Z, 'zrem')],
  ['zremrangebyrank', onRemove(Z, 'zremrangebyrank')],
  ['zremrangebyscore', onRemove(Z, 'zremrangebyscore')],
  ['zremrangebylex', onRemove(Z, 'zremrangebylex')],
  ['zpopmin', zpop('zpopmin')],
  ['zpopmax', zpop('zpopmax')],
  ['bzpopmin', zpop('zpopmin')],
  ['bzpopmax', zpop('zpopmax')],
  ['zmpop', mpop(Z, (d) => (d === 'MAX' ? 'zpopmax' : 'zpopmin'))],
  ['bzmpop', mpop(Z, (d) => (d === 'MAX' ? 'zpopmax' : 'zpopmin'))],
  ['zunionstore', onStore(Z, 'zunionstore')],
  ['zinterstore', onStore(Z, 'zinterstore')],
  ['zdiffstore', onStore(Z, 'zdiffstore')],
  ['zrangestore', onStore(Z, 'zrangestore')],
]);

/**
 * Write commands that read some keys with lookupKeyRead (which fires 'keymiss'): the keys
 * they read. Read commands need no entry: their lookups report misses as they happen.
 */
export const readLookups: ReadonlyMap<string, (argv: readonly string[]) => readonly string[]> =
  new Map<string, (argv: readonly string[]) => readonly string[]>([
    ['getdel', (argv) => [argv[1]!]],
    ['getex', (argv) => [argv[1]!]],
    ['set', (argv) => (argv.slice(3).some((a) => upper(a) === 'GET') ? [argv[1]!] : [])],
    ['copy', (argv) => [argv[1]!]],
    ['sort', (argv) => [argv[1]!]],
    ['sinterstore', (argv) => argv.slice(2)],
    ['sunionstore', (argv) => argv.slice(2)],
    ['sdiffstore', (argv) => argv.slice(2)],
    ['zunionstore', (argv) => argv.slice(3, 3 + Number(argv[2]))],
    ['zinterstore', (argv) => argv.slice(3, 3 + Number(argv[2]))],
    ['zdiffstore', (argv) => argv.slice(3, 3 + Number(argv[2]))],
    ['zrangestore', (argv) => [argv[2]!]],
  ]);

/** Lookups that never report a miss (LOOKUP_NONOTIFY): OBJECT's. */
export function quietLookups(name: string): boolean {
  return name === 'object' || name.startsWith('object|');
}

/** The keys of `readLookups` that are missing before the command runs. */
export function missingReads(ctx: CommandContext): readonly string[] {
  const reads = readLookups.get(ctx.spec.name)?.(ctx.argv) ?? [];
  return reads.filter((key) => !live(ctx.db, key, ctx.nowMs));
}
