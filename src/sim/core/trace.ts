import type { Micros } from './clock.ts';

/**
 * The trace: every observable thing the world does, as typed records appended in event
 * order. The UI animates it; tests hash it. The hash runs MurmurHash3's 32-bit block mix in
 * two lanes with different seeds (64 bits) over a canonical serialisation of each record's
 * fields in the order its literal wrote them, one word a field wherever possible, because
 * the trace is on every request's path: a number in [0, 2^31) is itself (virtual µs stay
 * below that for 35 minutes), a larger or negative integer is a marker word and its two
 * halves, any other number a marker and its float64 bits (a prefix code: the marker's top
 * bit says which); a string is its own 32-bit hash (FNV-1a over UTF-16 units, then a
 * finaliser), so each field is framed and text cannot move between fields unnoticed. The
 * record type comes first and fixes the layout. Equal hashes mean the same records, up to
 * 2^-64 for the mix and 2^-32 for two different strings hashing alike in one field.
 *
 * Versioning: TRACE_VERSION is mixed into the hash and stored in checkpoints. Adding a new
 * record type is backwards compatible; changing an existing record's fields bumps it.
 */
export const TRACE_VERSION = 2;

/** A record the world appends. `at` is the virtual time it happened. */
export type TraceRecord =
  /** A message left `from` for `to`; it arrives at `arrives` unless a cut drops it. */
  | {
      type: 'msg';
      at: Micros;
      id: number;
      from: string;
      to: string;
      kind: string;
      req: number;
      arrives: Micros;
    }
  /** A message was lost: its link was cut while it was in flight, or there is no link. */
  | { type: 'drop'; at: Micros; id: number; from: string; to: string; reason: 'cut' | 'no-link' }
  | { type: 'link'; at: Micros; a: string; b: string; state: 'cut' | 'healed' }
  /**
   * A node ran one command. All four timestamps are known when it starts, because the
   * service time is computed first; `replied` is when the reply left the node.
   */
  | {
      type: 'cmd';
      at: Micros;
      node: string;
      req: number;
      client: string;
      cmd: string;
      key: string;
      arrived: Micros;
      started: Micros;
      finished: Micros;
      replied: Micros;
      reply: string;
    }
  /** A blocked command's reply arrived later (BLPOP served, WAIT satisfied...). */
  | { type: 'unblock'; at: Micros; node: string; req: number; client: string }
  /** A client got its reply; latency = at − sent. */
  | { type: 'response'; at: Micros; client: string; req: number; latency: number; reply: string }
  /** The disk database took a query into a connection (after `waited` µs in its queue). */
  | { type: 'db-start'; at: Micros; db: string; req: number; op: string; waited: number }
  | { type: 'db-queue'; at: Micros; db: string; req: number; queued: number }
  | { type: 'db-done'; at: Micros; db: string; req: number; op: string }
  /** fork(): the main thread was blocked `micros` to start a child saving `bytes`. */
  | { type: 'fork'; at: Micros; node: string; child: 'rdb' | 'aof'; bytes: number; micros: number }
  /** A save: an RDB (child or SAVE) or an AOF rewrite started, ended or was aborted. */
  | {
      type: 'save';
      at: Micros;
      node: string;
      child: 'rdb' | 'aof' | 'sync';
      phase: 'start' | 'end' | 'aborted';
      seq: number;
      bytes: number;
    }
  /** AOF data up to write `upTo` becomes durable at `done` (an fsync, or kernel writeback). */
  | {
      type: 'fsync';
      at: Micros;
      node: string;
      mode: 'always' | 'everysec' | 'writeback';
      upTo: number;
      bytes: number;
      done: Micros;
    }
  /** The process was killed (the page cache survives) or the machine lost power. */
  | { type: 'crash'; at: Micros; node: string; kind: 'kill' | 'power' }
  /** The process started again and loads `bytes` from `source` until `ready`. */
  | {
      type: 'restart';
      at: Micros;
      node: string;
      source: 'aof' | 'rdb' | 'none';
      bytes: number;
      ready: Micros;
    }
  /** Loading finished: the dataset holds writes up to `seq`. */
  | { type: 'loaded'; at: Micros; node: string; source: string; keys: number; seq: number }
  /** The loss report: acknowledged writes since the last restart and how many are gone. */
  | { type: 'lost'; at: Micros; node: string; acknowledged: number; lost: number; window: number }
  /** Scripted events and annotations ("crash at t=12s"), free text for the narrative. */
  | { type: 'note'; at: Micros; text: string };

export type TraceType = TraceRecord['type'];

export type TraceListener = (record: TraceRecord) => void;

export interface TraceState {
  readonly version: number;
  readonly count: number;
  readonly h1: number;
  readonly h2: number;
}

const SEED1 = 0x811c9dc5;
const SEED2 = 0x6a09e667;
const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
const BIG_INTEGER = 0x80000000 | 0;
const NON_INTEGER = 0x80000001 | 0;

/** A string's word: FNV-1a over its UTF-16 units, then MurmurHash3's finaliser. */
export function stringWord(s: string): number {
  let h = 0x811c9dc5 ^ s.length;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

const MSG = stringWord('msg');
const CMD = stringWord('cmd');
const RESPONSE = stringWord('response');
const DB_START = stringWord('db-start');
const DB_DONE = stringWord('db-done');
const float = new Float64Array(1);
const floatWords = new Int32Array(float.buffer);

export class Trace {
  private h1 = SEED1;
  private h2 = SEED2;
  private n = 0;
  private listeners: TraceListener[] = [];
  private readonly ring: (TraceRecord | undefined)[];
  private ringNext = 0;

  /** `retain`: how many recent records to keep for inspection (a bounded ring). */
  constructor(readonly retain = 0) {
    this.ring = new Array<TraceRecord | undefined>(retain);
    this.mixNumber(TRACE_VERSION);
  }

  get count(): number {
    return this.n;
  }

  /** True when someone watches: callers may skip building optional detail otherwise. */
  get observed(): boolean {
    return this.listeners.length > 0;
  }

  append(record: TraceRecord): void {
    this.n++;
    for (const key in record) {
      const value = (record as unknown as Record<string, unknown>)[key];
      if (typeof value === 'number') this.mixNumber(value);
      else this.mixWord(stringWord(String(value)));
    }
    if (this.retain > 0) {
      this.ring[this.ringNext] = record;
      this.ringNext = (this.ringNext + 1) % this.retain;
    }
    const listeners = this.listeners;
    for (let i = 0; i < listeners.length; i++) listeners[i]!(record);
  }

  /** True when records must exist as objects: someone listens or recent ones are kept. */
  private get needsRecords(): boolean {
    return this.retain > 0 || this.listeners.length > 0;
  }

  /*
   * The per-request records (msg, cmd, response: nearly every record of a busy run) have
   * their own entry points. When nobody needs the record object they mix its fields
   * straight into the hash, in the literal's order, so the hash is exactly append()'s and
   * a headless run allocates nothing for its trace.
   */

  msg(
    at: Micros,
    id: number,
    from: string,
    to: string,
    kind: string,
    req: number,
    arrives: Micros,
  ): void {
    if (this.needsRecords) {
      this.append({ type: 'msg', at, id, from, to, kind, req, arrives });
      return;
    }
    this.n++;
    this.mixWord(MSG);
    this.mixNumber(at);
    this.mixNumber(id);
    this.mixWord(stringWord(from));
    this.mixWord(stringWord(to));
    this.mixWord(stringWord(kind));
    this.mixNumber(req);
    this.mixNumber(arrives);
  }

  cmd(
    at: Micros,
    node: string,
    req: number,
    client: string,
    cmd: string,
    key: string,
    arrived: Micros,
    started: Micros,
    finished: Micros,
    replied: Micros,
    reply: string,
  ): void {
    if (this.needsRecords) {
      this.append({
        type: 'cmd',
        at,
        node,
        req,
        client,
        cmd,
        key,
        arrived,
        started,
        finished,
        replied,
        reply,
      });
      return;
    }
    this.n++;
    this.mixWord(CMD);
    this.mixNumber(at);
    this.mixWord(stringWord(node));
    this.mixNumber(req);
    this.mixWord(stringWord(client));
    this.mixWord(stringWord(cmd));
    this.mixWord(stringWord(key));
    this.mixNumber(arrived);
    this.mixNumber(started);
    this.mixNumber(finished);
    this.mixNumber(replied);
    this.mixWord(stringWord(reply));
  }

  response(at: Micros, client: string, req: number, latency: number, reply: string): void {
    if (this.needsRecords) {
      this.append({ type: 'response', at, client, req, latency, reply });
      return;
    }
    this.n++;
    this.mixWord(RESPONSE);
    this.mixNumber(at);
    this.mixWord(stringWord(client));
    this.mixNumber(req);
    this.mixNumber(latency);
    this.mixWord(stringWord(reply));
  }

  dbStart(at: Micros, db: string, req: number, op: string, waited: number): void {
    if (this.needsRecords) {
      this.append({ type: 'db-start', at, db, req, op, waited });
      return;
    }
    this.n++;
    this.mixWord(DB_START);
    this.mixNumber(at);
    this.mixWord(stringWord(db));
    this.mixNumber(req);
    this.mixWord(stringWord(op));
    this.mixNumber(waited);
  }

  dbDone(at: Micros, db: string, req: number, op: string): void {
    if (this.needsRecords) {
      this.append({ type: 'db-done', at, db, req, op });
      return;
    }
    this.n++;
    this.mixWord(DB_DONE);
    this.mixNumber(at);
    this.mixWord(stringWord(db));
    this.mixNumber(req);
    this.mixWord(stringWord(op));
  }

  /** Subscribes to every record from now on; returns the unsubscribe function. */
  subscribe(listener: TraceListener): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /** The retained records, oldest first. */
  recent(): TraceRecord[] {
    const out: TraceRecord[] = [];
    for (let i = 0; i < this.retain; i++) {
      const r = this.ring[(this.ringNext + i) % this.retain];
      if (r !== undefined) out.push(r);
    }
    return out;
  }

  /** 16 hex digits identifying every record appended so far, in order. */
  hash(): string {
    return hex(this.h1) + hex(this.h2);
  }

  getState(): TraceState {
    return { version: TRACE_VERSION, count: this.n, h1: this.h1, h2: this.h2 };
  }

  setState(state: TraceState): void {
    if (state.version !== TRACE_VERSION) {
      throw new Error(`trace version ${state.version}, expected ${TRACE_VERSION}`);
    }
    this.n = state.count;
    this.h1 = state.h1;
    this.h2 = state.h2;
  }

  /** One MurmurHash3 block step in each lane. */
  private mixWord(w: number): void {
    let k = Math.imul(w, C1);
    k = Math.imul((k << 15) | (k >>> 17), C2);
    let h = this.h1 ^ k;
    h = (h << 13) | (h >>> 19);
    this.h1 = (Math.imul(h, 5) + 0xe6546b64) | 0;
    h = this.h2 ^ Math.imul(k, 0x85ebca6b);
    h = (h << 17) | (h >>> 15);
    this.h2 = (Math.imul(h, 5) + 0x1b873593) | 0;
  }

  private mixNumber(n: number): void {
    if (n >= 0 && n < 0x80000000 && (n | 0) === n) {
      this.mixWord(n);
    } else if (Number.isInteger(n)) {
      this.mixWord(BIG_INTEGER);
      this.mixWord(n | 0);
      this.mixWord(Math.floor(n / 4294967296) | 0);
    } else {
      float[0] = n;
      this.mixWord(NON_INTEGER);
      this.mixWord(floatWords[0]!);
      this.mixWord(floatWords[1]!);
    }
  }
}

function hex(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}
