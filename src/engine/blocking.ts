/**
 * Blocking commands (blocked.c). A command that finds no data calls block(): the session is
 * queued on each of its keys, FIFO, with a deadline, and gets no reply yet. When a key that
 * someone waits on is created (Redis's dbAdd -> signalKeyAsReady; Database.onAdded here),
 * it joins the ready list; once the running command (or a whole EXEC) has finished, the
 * engine calls serveReadyKeys(), which serves the waiters of each ready key in the order they
 * blocked, as long as the key still holds data of the type they wait for. Serving may create
 * keys (BLMOVE's destination), which become ready in turn, so chains resolve in one pass.
 *
 * The type of data is not baked in: a waiter says which value type wakes it and how to be
 * served, so the sorted-set commands (BZPOPMIN, BZMPOP...) reuse all of this unchanged.
 */
import type { CommandContext } from './commands/types.ts';
import type { Engine, Session } from './engine.ts';
import { Err } from './errors.ts';
import type { Database } from './keyspace/database.ts';
import type { RedisType } from './keyspace/values.ts';
import { NULL_ARRAY, error, type Reply } from './reply.ts';

/**
 * What a handler returns after block(): execute() recognises it (by identity) and returns
 * undefined. If it ever leaked to a connection it would read as a null array.
 */
export const BLOCKED: Reply = Object.freeze({ kind: 'nullArray' });

export interface BlockRequest {
  /** Keys to wait on, in the command's order; duplicates are ignored. */
  readonly keys: readonly string[];
  /** Absolute deadline in Unix ms, as parseTimeout gives it; 0 waits forever. */
  readonly deadlineMs: number;
  /** The value type whose arrival serves this waiter: 'list' for BLPOP, 'zset' for BZPOPMIN. */
  readonly wakesOn: RedisType;
  /**
   * Serves the waiter from key, which holds a value of type wakesOn, and returns its reply
   * (the data, or an error such as WRONGTYPE for BLMOVE's destination). The waiter is
   * unblocked afterwards whatever it returns.
   */
  readonly serve: (ctx: CommandContext, key: string) => Reply;
  /** The reply when the deadline passes; Redis sends a null array for lists and zsets. */
  readonly timeoutReply?: Reply;
  /**
   * The reply instead of blocking inside EXEC (CLIENT_DENY_BLOCKING): the timeout as if it
   * had already passed. Null array unless given (BLMOVE's is a null bulk).
   */
  readonly deniedReply?: Reply;
}

interface Waiter {
  readonly session: Session;
  readonly db: Database;
  readonly keys: readonly string[];
  readonly deadlineMs: number;
  readonly wakesOn: RedisType;
  readonly serve: (ctx: CommandContext, key: string) => Reply;
  readonly timeoutReply: Reply;
  /** The blocking call, re-used (with a fresh time) when the waiter is served. */
  readonly ctx: CommandContext;
  /** Order of blocking, to break deadline ties as Redis's timeout table does (by client). */
  readonly seq: number;
}

interface ReadyKey {
  readonly db: Database;
  readonly key: string;
}

export class Blocking {
  private readonly waiters = new Map<Session, Waiter>();
  /** Per database id: key -> waiters in the order they blocked (a Set keeps insertion order). */
  private readonly byKey = new Map<number, Map<string, Set<Waiter>>>();
  private ready: ReadyKey[] = [];
  /** Per database id: the keys already in `ready`, so a key is queued once. */
  private readonly readySet = new Map<number, Set<string>>();
  /** Min-heap of waiters with a deadline; entries of waiters gone are skipped lazily. */
  private readonly deadlines: Waiter[] = [];
  private seq = 0;

  constructor(private readonly engine: Engine) {}

  /** Number of blocked sessions (INFO's blocked_clients). */
  get blockedCount(): number {
    return this.waiters.size;
  }

  /** Blocked sessions with a deadline (INFO's clients_in_timeout_table). */
  get timedCount(): number {
    let n = 0;
    for (const w of this.waiters.values()) if (w.deadlineMs !== 0) n++;
    return n;
  }

  isBlocked(session: Session): boolean {
    return this.waiters.has(session);
  }

  /** A blocked session's deadline (0: none) and its place in the blocking order, for a snapshot. */
  describe(session: Session): { readonly deadlineMs: number; readonly seq: number } | undefined {
    const w = this.waiters.get(session);
    return w === undefined ? undefined : { deadlineMs: w.deadlineMs, seq: w.seq };
  }

  /**
   * The deadline the next block() takes instead of its own: a restored world re-runs a
   * blocked command, which must keep the deadline it had, not start its timeout anew.
   */
  deadlineOverride: number | undefined = undefined;

  /**
   * Blocks the calling session, or inside EXEC replies as if the timeout had passed.
   * The handler returns what this returns.
   */
  block(ctx: CommandContext, request: BlockRequest): Reply {
    if (ctx.session.inExec) return request.deniedReply ?? NULL_ARRAY;
    this.unblock(ctx.session);
    const waiter: Waiter = {
      session: ctx.session,
      db: ctx.db,
      keys: [...new Set(request.keys)],
      deadlineMs: this.deadlineOverride ?? request.deadlineMs,
      wakesOn: request.wakesOn,
      serve: request.serve,
      timeoutReply: request.timeoutReply ?? NULL_ARRAY,
      // The engine reuses its context objects once a command returns: keep a copy.
      ctx: { ...ctx },
      seq: this.seq++,
    };
    this.waiters.set(ctx.session, waiter);
    let keys = this.byKey.get(ctx.db.id);
    if (keys === undefined) this.byKey.set(ctx.db.id, (keys = new Map<string, Set<Waiter>>()));
    for (const key of waiter.keys) {
      let queue = keys.get(key);
      if (queue === undefined) keys.set(key, (queue = new Set()));
      queue.add(waiter);
    }
    if (waiter.deadlineMs !== 0) this.heapPush(waiter);
    return BLOCKED;
  }

  /** Forgets a blocked session without replying (its connection closed). */
  unblock(session: Session): void {
    const waiter = this.waiters.get(session);
    if (waiter === undefined) return;
    this.waiters.delete(session);
    const keys = this.byKey.get(waiter.db.id);
    if (keys === undefined) return;
    for (const key of waiter.keys) {
      const queue = keys.get(key);
      if (queue === undefined) continue;
      queue.delete(waiter);
      if (queue.size === 0) keys.delete(key);
    }
  }

  /**
   * CLIENT UNBLOCK: ends a session's wait at once with its timeout reply, or with `reply`
   * (the ERROR form). False when the session is not blocked.
   */
  interrupt(session: Session, reply?: Reply): boolean {
    const waiter = this.waiters.get(session);
    if (waiter === undefined) return false;
    this.unblock(session);
    session.deliver?.(reply ?? waiter.timeoutReply);
    return true;
  }

  /** A key was created: queue it if someone waits on it (signalKeyAsReady). */
  signal(db: Database, key: string): void {
    if (this.waiters.size === 0) return;
    if (this.byKey.get(db.id)?.has(key) !== true) return;
    let queued = this.readySet.get(db.id);
    if (queued === undefined) this.readySet.set(db.id, (queued = new Set()));
    if (queued.has(key)) return;
    queued.add(key);
    this.ready.push({ db, key });
  }

  /**
   * Queues every waited-on key of db that holds a value now (scanDatabaseForReadyKeys):
   * after SWAPDB or a whole-keyspace load, which replace data without creating keys.
   */
  scanForReadyKeys(db: Database): void {
    const keys = this.byKey.get(db.id);
    if (keys === undefined) return;
    for (const key of keys.keys()) if (db.keys.has(key)) this.signal(db, key);
  }

  /**
   * Serves the waiters of every ready key (handleClientsBlockedOnKeys). Called by the engine
   * after a command completes, never in the middle of one or of an EXEC.
   */
  serveReadyKeys(): void {
    while (this.ready.length > 0) {
      const batch = this.ready;
      this.ready = [];
      for (const { db, key } of batch) {
        this.readySet.get(db.id)?.delete(key);
        this.serveKey(db, key);
      }
    }
  }

  private serveKey(db: Database, key: string): void {
    const queue = this.byKey.get(db.id)?.get(key);
    if (queue === undefined) return;
    // A snapshot: serving unblocks waiters (which edits the queue) but never blocks new ones.
    for (const waiter of [...queue]) {
      const nowMs = this.engine.nowMs();
      const value = db.lookup(key, nowMs);
      if (value === undefined) {
        // The key expired on this lookup: its DEL is propagated here, not by a command.
        this.engine.propagator?.flush(true);
        return;
      }
      if (value.type !== waiter.wakesOn || this.waiters.get(waiter.session) !== waiter) continue;
      const ctx = { ...waiter.ctx, nowMs };
      const reply = waiter.serve(ctx, key);
      this.engine.propagator?.served(ctx, key, reply);
      this.engine.notifier?.served(ctx, reply);
      this.unblock(waiter.session);
      waiter.session.deliver?.(reply);
    }
  }

  /**
   * The first time (Unix ms) at which expireBlockedClients will time someone out, or
   * undefined when nobody waits with a deadline. Redis times a client out once the clock
   * is strictly past its deadline, hence the + 1.
   */
  nextDeadline(): number | undefined {
    this.dropStale();
    const first = this.deadlines[0];
    return first === undefined ? undefined : first.deadlineMs + 1;
  }

  /** Sends the timeout reply to every waiter whose deadline is before nowMs. */
  expire(nowMs: number): void {
    for (;;) {
      this.dropStale();
      const first = this.deadlines[0];
      if (first === undefined || !(first.deadlineMs < nowMs)) return;
      this.heapPop();
      this.unblock(first.session);
      first.session.deliver?.(first.timeoutReply);
    }
  }

  // ---- the deadline heap, ordered by (deadline, seq) ----

  private dropStale(): void {
    while (this.deadlines.length > 0) {
      const first = this.deadlines[0]!;
      if (this.waiters.get(first.session) === first) return;
      this.heapPop();
    }
  }

  private static before(a: Waiter, b: Waiter): boolean {
    return a.deadlineMs < b.deadlineMs || (a.deadlineMs === b.deadlineMs && a.seq < b.seq);
  }

  private heapPush(w: Waiter): void {
    const h = this.deadlines;
    let i = h.length;
    h.push(w);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!Blocking.before(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  private heapPop(): void {
    const h = this.deadlines;
    const last = h.pop();
    if (last === undefined || h.length === 0) return;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && Blocking.before(h[l]!, h[m]!)) m = l;
      if (r < h.length && Blocking.before(h[r]!, h[m]!)) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
}

// ---- timeouts ----

/** MAX_LONG_DOUBLE_CHARS: string2ld refuses anything this long. */
const MAX_LONG_DOUBLE_CHARS = 5 * 1024;
const DECIMAL = /^[+-]?(\d*)\.?(\d*)(?:[eE]([+-]?\d+))?$/;
const HEX = /^[+-]?0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)(?:[pP]([+-]?\d+))?$/;
const INFINITY = /^[+-]?(?:inf|infinity)$/i;
/** Decimal and binary exponent ranges of an x87 long double (strtold's ERANGE). */
const LDBL_MAX_10_EXP = 4932;
const LDBL_MIN_10_EXP = -4951;
const LDBL_MAX_2_EXP = 16384;
const LDBL_MIN_2_EXP = -16445;
const TWO_63 = 2 ** 63;
const TWO_63_BIG = 2n ** 63n;

/**
 * Parses a blocking timeout in seconds as getTimeoutFromObjectOrReply does: a long double
 * (strtold syntax, no spaces, no nan), rounded up to whole ms. Returns the absolute deadline
 * in Unix ms, 0 for "forever", or Redis's exact error. Quirks kept: a tiny negative rounds
 * to 0 (forever); inf or anything past 2^63 ms is "negative"; a deadline past int64 wraps in
 * Redis and is never reached, so it is forever too.
 */
export function parseTimeout(arg: string, nowMs: number): number | Reply {
  const seconds = parseLongDouble(arg);
  if (seconds === null) return error(Err.timeoutNotFloat);
  // A long double keeps 64 bits of mantissa, a double 53: near 2^63 ms only exact
  // decimal arithmetic tells what Redis computes, so plain decimals take that road.
  const ms =
    exactMillis(arg) ?? BigInt(Math.min(Math.max(Math.ceil(seconds * 1000), -TWO_63), TWO_63));
  if (ms >= TWO_63_BIG || ms < 0n) return error(Err.timeoutNegative);
  if (ms === 0n) return 0;
  const deadline = ms + BigInt(nowMs);
  return deadline >= TWO_63_BIG ? 0 : Number(deadline);
}

/** ceil(seconds * 1000) of a plain decimal of sane magnitude, exactly; null otherwise. */
function exactMillis(s: string): bigint | null {
  const m = DECIMAL.exec(s);
  if (m === null) return null;
  const [, int = '', frac = '', exp = '0'] = m;
  const e = Number(exp);
  if (Math.abs(e) > 40 || int.length + frac.length > 60) return null;
  const digits = BigInt((int + frac).replace(/^0+(?=\d)/, '') || '0');
  const scale = e + 3 - frac.length;
  const negative = s.startsWith('-');
  if (scale >= 0) {
    const ms = digits * 10n ** BigInt(scale);
    return negative ? -ms : ms;
  }
  const divisor = 10n ** BigInt(-scale);
  const q = digits / divisor;
  // Ceiling: a positive remainder rounds a positive value up, a negative one toward zero.
  if (negative) return -q;
  return digits % divisor === 0n ? q : q + 1n;
}

/**
 * strtold through string2ld, as a JS number: null when Redis refuses the string. Values a
 * long double holds but a double does not come back as +-Infinity (too big) or as the
 * smallest double of the right sign (too small), which is all the timeout math needs.
 */
function parseLongDouble(s: string): number | null {
  if (s.length === 0 || s.length >= MAX_LONG_DOUBLE_CHARS) return null;
  if (INFINITY.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  const negative = s.startsWith('-');
  let m = HEX.exec(s);
  if (m !== null) {
    const [, int = '', frac = '', exp = '0'] = m;
    if (int.length === 0 && frac.length === 0) return null;
    const intDigits = int.replace(/^0+/, '');
    const firstFrac = frac.search(/[1-9a-fA-F]/);
    if (intDigits.length === 0 && firstFrac === -1) return negative ? -0 : 0;
    let value = 0;
    for (const d of int + frac) value = value * 16 + parseInt(d, 16);
    value *= 2 ** (Number(exp) - frac.length * 4);
    if (Number.isNaN(value)) value = 0;
    const magnitude =
      Number(exp) + (intDigits.length > 0 ? intDigits.length * 4 : -(firstFrac + 1) * 4);
    return inRange(negative ? -value : value, negative, magnitude, 2);
  }
  m = DECIMAL.exec(s);
  if (m === null) return null;
  const [, int = '', frac = '', exp = '0'] = m;
  if (int.length === 0 && frac.length === 0) return null;
  const value = Number(s);
  const intDigits = int.replace(/^0+/, '');
  const firstFrac = frac.search(/[1-9]/);
  if (intDigits.length === 0 && firstFrac === -1) return value;
  const magnitude = Number(exp) + (intDigits.length > 0 ? intDigits.length - 1 : -(firstFrac + 1));
  return inRange(value, negative, magnitude, 10);
}

/** Applies strtold's range: ERANGE overflow/underflow refuse, the rest stays a number. */
function inRange(value: number, negative: boolean, magnitude: number, base: 2 | 10): number | null {
  const [max, min] =
    base === 10 ? [LDBL_MAX_10_EXP, LDBL_MIN_10_EXP] : [LDBL_MAX_2_EXP, LDBL_MIN_2_EXP];
  if (magnitude > max) return null;
  if (magnitude < min) return null;
  if (value === 0) return negative ? -Number.MIN_VALUE : Number.MIN_VALUE;
  return value;
}
