/**
 * The List type (t_list.c's listType* API). Redis 7.0 keeps every list in a quicklist, a
 * linked list of listpacks; here a list is a growable circular buffer (a deque), so pushes
 * and pops at both ends are O(1) and LINDEX/LSET/LRANGE reach any index directly. The
 * quicklist only matters for what Redis reports about it: OBJECT ENCODING ("quicklist" for
 * every list in 7.0) and MEMORY USAGE, which memoryUsageOf estimates by laying the first
 * elements out in listpack nodes the way quicklist does.
 */
import { ROBJ_SIZE, mallocSize } from '../memory/alloc.ts';
import { parseInt64 } from '../numbers.ts';

const MIN_CAPACITY = 8;

export class ListValue {
  readonly type = 'list' as const;
  /** Slots of the ring; capacity is a power of two so wrapping is a mask. Free slots hold ''. */
  private buf: string[];
  private mask: number;
  /** Index in buf of the first element. */
  private head = 0;
  private len = 0;

  constructor(capacity = MIN_CAPACITY) {
    let cap = MIN_CAPACITY;
    while (cap < capacity) cap *= 2;
    this.buf = new Array<string>(cap).fill('');
    this.mask = cap - 1;
  }

  static from(values: readonly string[]): ListValue {
    const list = new ListValue(values.length);
    for (let i = 0; i < values.length; i++) list.buf[i] = values[i]!;
    list.len = values.length;
    return list;
  }

  get length(): number {
    return this.len;
  }

  pushHead(value: string): void {
    if (this.len === this.buf.length) this.grow();
    this.head = (this.head - 1) & this.mask;
    this.buf[this.head] = value;
    this.len++;
  }

  pushTail(value: string): void {
    if (this.len === this.buf.length) this.grow();
    this.buf[(this.head + this.len) & this.mask] = value;
    this.len++;
  }

  popHead(): string | undefined {
    if (this.len === 0) return undefined;
    const value = this.buf[this.head]!;
    this.buf[this.head] = '';
    this.head = (this.head + 1) & this.mask;
    this.len--;
    this.maybeShrink();
    return value;
  }

  popTail(): string | undefined {
    if (this.len === 0) return undefined;
    const slot = (this.head + this.len - 1) & this.mask;
    const value = this.buf[slot]!;
    this.buf[slot] = '';
    this.len--;
    this.maybeShrink();
    return value;
  }

  /** The element at index 0..length-1 (callers resolve negative indexes). */
  get(index: number): string {
    return this.buf[(this.head + index) & this.mask]!;
  }

  set(index: number, value: string): void {
    this.buf[(this.head + index) & this.mask] = value;
  }

  /** Elements start..end inclusive (0 <= start <= end < length), head to tail or reversed. */
  range(start: number, end: number, reverse = false): string[] {
    const out = new Array<string>(end - start + 1);
    const { buf, mask, head } = this;
    if (reverse) {
      for (let i = end, j = 0; i >= start; i--, j++) out[j] = buf[(head + i) & mask]!;
    } else {
      for (let i = start, j = 0; i <= end; i++, j++) out[j] = buf[(head + i) & mask]!;
    }
    return out;
  }

  /** Index of the first element equal to value, searching from the head; -1 when absent. */
  indexOf(value: string): number {
    const { buf, mask, head, len } = this;
    for (let i = 0; i < len; i++) if (buf[(head + i) & mask] === value) return i;
    return -1;
  }

  /** Drops n elements from the head. */
  removeHead(n: number): void {
    for (let i = 0; i < n; i++) this.buf[(this.head + i) & this.mask] = '';
    this.head = (this.head + n) & this.mask;
    this.len -= n;
    this.maybeShrink();
  }

  /** Drops n elements from the tail. */
  removeTail(n: number): void {
    for (let i = 1; i <= n; i++) this.buf[(this.head + this.len - i) & this.mask] = '';
    this.len -= n;
    this.maybeShrink();
  }

  /** Inserts value so that it ends up at index (0..length), moving the shorter side. */
  insertAt(index: number, value: string): void {
    if (this.len === this.buf.length) this.grow();
    const { buf, mask } = this;
    if (index < this.len / 2) {
      this.head = (this.head - 1) & mask;
      for (let i = 0; i < index; i++) {
        buf[(this.head + i) & mask] = buf[(this.head + i + 1) & mask]!;
      }
    } else {
      for (let i = this.len; i > index; i--) {
        buf[(this.head + i) & mask] = buf[(this.head + i - 1) & mask]!;
      }
    }
    buf[(this.head + index) & mask] = value;
    this.len++;
  }

  /**
   * Removes elements equal to value, at most limit of them (0 = all), scanning from the
   * head or from the tail (LREM's sign). One compaction pass: O(N) whatever the count.
   */
  removeMatching(value: string, limit: number, fromTail: boolean): number {
    const { buf, mask, head, len } = this;
    let removed = 0;
    if (!fromTail) {
      let w = 0;
      for (let r = 0; r < len; r++) {
        const v = buf[(head + r) & mask]!;
        if (v === value && (limit === 0 || removed < limit)) removed++;
        else buf[(head + w++) & mask] = v;
      }
      for (let i = w; i < len; i++) buf[(head + i) & mask] = '';
    } else {
      let w = len - 1;
      for (let r = len - 1; r >= 0; r--) {
        const v = buf[(head + r) & mask]!;
        if (v === value && (limit === 0 || removed < limit)) removed++;
        else buf[(head + w--) & mask] = v;
      }
      for (let i = 0; i < removed; i++) buf[(head + i) & mask] = '';
      this.head = (head + removed) & mask;
    }
    this.len -= removed;
    this.maybeShrink();
    return removed;
  }

  toArray(): string[] {
    return this.len === 0 ? [] : this.range(0, this.len - 1);
  }

  private grow(): void {
    this.resize(this.buf.length * 2);
  }

  /** Gives memory back after big pops, keeping pushes amortised O(1). */
  private maybeShrink(): void {
    if (this.buf.length > 64 && this.len < this.buf.length / 4) this.resize(this.buf.length / 2);
  }

  private resize(capacity: number): void {
    const next = new Array<string>(capacity).fill('');
    for (let i = 0; i < this.len; i++) next[i] = this.buf[(this.head + i) & this.mask]!;
    this.buf = next;
    this.mask = capacity - 1;
    this.head = 0;
  }
}

// ---- what Redis reports about a list ----

/** OBJECT ENCODING: Redis 7.0 has no listpack-encoded lists; every list is a quicklist. */
export function encodingOf(_list: ListValue): string {
  return 'quicklist';
}

export function cloneValue(list: ListValue): ListValue {
  return ListValue.from(list.toArray());
}

export function elementCount(list: ListValue): number {
  return list.length;
}

/** sizeof(quicklist), sizeof(quicklistNode) on 64-bit Linux. */
const QUICKLIST_SIZE = 40;
const QUICKLIST_NODE_SIZE = 40;
/** An empty listpack: 6-byte header and the end byte. */
const LISTPACK_EMPTY = 7;
/** list-max-listpack-size -2: a node's listpack stays within 8 KB. */
const NODE_BYTES_LIMIT = 8192;
/** quicklist.c over-estimates an insert by this much when deciding if a node has room. */
const SIZE_ESTIMATE_OVERHEAD = 8;
/** MEMORY USAGE's default SAMPLES: the number of nodes it averages. */
const MEMORY_SAMPLES = 5;

/**
 * MEMORY USAGE of the value (without the key's own sds and dict entry, which the caller
 * adds): like objectComputeSize, the robj and quicklist headers plus the average of the
 * first five nodes times the node count. Nodes are laid out as RPUSH fills them, which
 * matches real Redis exactly for lists built by RPUSH and closely for the others. Counting
 * the nodes walks the whole list (Redis keeps the count); MEMORY USAGE is rare enough.
 */
export function memoryUsageOf(list: ListValue): number {
  const n = list.length;
  let sampledBytes = 0;
  let nodes = 0;
  let nodeBytes = 0;
  for (let i = 0; i < n; i++) {
    const value = list.get(i);
    if (nodes === 0 || nodeBytes + value.length + SIZE_ESTIMATE_OVERHEAD > NODE_BYTES_LIMIT) {
      if (nodes > 0 && nodes <= MEMORY_SAMPLES) {
        sampledBytes += QUICKLIST_NODE_SIZE + mallocSize(nodeBytes);
      }
      nodes++;
      nodeBytes = LISTPACK_EMPTY;
    }
    nodeBytes += listpackEntrySize(value);
  }
  if (nodes === 0) return ROBJ_SIZE + QUICKLIST_SIZE;
  if (nodes <= MEMORY_SAMPLES) sampledBytes += QUICKLIST_NODE_SIZE + mallocSize(nodeBytes);
  const samples = Math.min(nodes, MEMORY_SAMPLES);
  return ROBJ_SIZE + QUICKLIST_SIZE + Math.floor((sampledBytes / samples) * nodes);
}

/** Bytes one element takes in a listpack: encoding header, data, back-length. */
function listpackEntrySize(value: string): number {
  let size: number;
  const c = value.charCodeAt(0);
  const digitLike = (c >= 48 && c <= 57) || c === 45;
  const asInt = digitLike && value.length <= 20 ? parseInt64(value) : null;
  if (asInt !== null) {
    const v = Number(asInt);
    if (v >= 0 && v <= 127) size = 1;
    else if (v >= -4096 && v <= 4095) size = 2;
    else if (v >= -32768 && v <= 32767) size = 3;
    else if (v >= -8388608 && v <= 8388607) size = 4;
    else if (v >= -2147483648 && v <= 2147483647) size = 5;
    else size = 9;
  } else {
    const len = value.length;
    size = len <= 63 ? 1 + len : len <= 4095 ? 2 + len : 5 + len;
  }
  const backlen =
    size <= 127 ? 1 : size < 16383 ? 2 : size < 2097151 ? 3 : size < 268435455 ? 4 : 5;
  return size + backlen;
}
