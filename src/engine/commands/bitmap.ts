/**
 * Bitmap commands (bitops.c): a bitmap is a String read as bits, bit 0 being the most
 * significant bit of the first byte. The bytes stay a byte string; SETBIT rebuilds it, which
 * costs a copy for large bitmaps where Redis writes one byte in place (COMPATIBILITY.md).
 * Every argument check follows Redis's order, so the same bad call gets the same error.
 */
import { Err } from '../errors.ts';
import { StringEncoding, stringValue, type StringValue } from '../keyspace/values.ts';
import { parseInt64 } from '../numbers.ts';
import { ONE, ZERO, error, integer, type Reply } from '../reply.ts';
import { WRONG_TYPE, isOption, isReply } from './args.ts';
import { ONE_KEY, type CommandContext, type CommandSpec } from './types.ts';

/** proto-max-bulk-len: a bit offset must address a byte below it. */
const MAX_BYTES = 512 * 1024 * 1024;
/** V8's longest string (2^29 - 24 bytes): the last 24 bytes Redis allows are out of reach. */
const MAX_JS_STRING_LENGTH = 2 ** 29 - 24;

const POPCOUNT = new Uint8Array(256);
for (let i = 1; i < 256; i++) POPCOUNT[i] = (i & 1) + POPCOUNT[i >> 1]!;

function lookupString(ctx: CommandContext, key: string): StringValue | undefined | Reply {
  const value = ctx.db.lookup(key, ctx.nowMs);
  if (value === undefined) return undefined;
  return value.type === 'string' ? value : WRONG_TYPE;
}

/** getBitOffsetFromArgument: a non-negative int64 addressing a byte below 512 MB. */
function bitOffset(arg: string): number | Reply {
  const n = parseInt64(arg);
  if (n === null || n < 0 || Number(n) / 8 >= MAX_BYTES) return error(Err.bitOffset);
  return Number(n);
}

function setbit(ctx: CommandContext): Reply {
  const offset = bitOffset(ctx.argv[2]!);
  if (isReply(offset)) return offset;
  const on = parseInt64(ctx.argv[3]!);
  if (on === null || (on !== 0 && on !== 1)) return error(Err.bitValue);
  const key = ctx.argv[1]!;
  const current = lookupString(ctx, key);
  if (current !== undefined && isReply(current)) return current;
  const byte = offset >>> 3;
  if (byte + 1 > MAX_JS_STRING_LENGTH) return error(Err.stringTooLong);
  let s = current === undefined ? '' : current.value;
  const grows = s.length <= byte;
  if (grows) s += '\0'.repeat(byte + 1 - s.length);
  const mask = 1 << (7 - (offset & 7));
  const old = s.charCodeAt(byte);
  const was = (old & mask) !== 0;
  if (current === undefined || grows || was !== (on === 1)) {
    const next = on === 1 ? old | mask : old & ~mask;
    s = s.slice(0, byte) + String.fromCharCode(next) + s.slice(byte + 1);
    ctx.db.set(key, stringValue(s, StringEncoding.Raw), true);
    ctx.engine.dirty++;
  } else {
    // Redis unshares the value even when the bit is unchanged: it is raw from now on.
    current.enc = StringEncoding.Raw;
  }
  return was ? ONE : ZERO;
}

function getbit(ctx: CommandContext): Reply {
  const offset = bitOffset(ctx.argv[2]!);
  if (isReply(offset)) return offset;
  const value = lookupString(ctx, ctx.argv[1]!);
  if (value === undefined) return ZERO;
  if (isReply(value)) return value;
  const byte = offset >>> 3;
  if (byte >= value.value.length) return ZERO;
  return value.value.charCodeAt(byte) & (1 << (7 - (offset & 7))) ? ONE : ZERO;
}

function popcount(s: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i <= to; i++) count += POPCOUNT[s.charCodeAt(i)]!;
  return count;
}

/**
 * A start/end range in bytes or bits resolved as bitcountCommand and bitposCommand do:
 * negative indexes count from the end, then both are clamped. Bit ranges become byte ranges
 * plus masks of the bits outside the range in the first and last byte.
 */
interface ByteRange {
  start: number;
  end: number;
  firstMask: number;
  lastMask: number;
}

function resolveRange(start: number, end: number, totalBytes: number, isBit: boolean): ByteRange {
  const total = isBit ? totalBytes * 8 : totalBytes;
  if (start < 0) start += total;
  if (end < 0) end += total;
  if (start < 0) start = 0;
  if (end < 0) end = 0;
  if (end >= total) end = total - 1;
  let firstMask = 0;
  let lastMask = 0;
  if (isBit && start <= end) {
    firstMask = ~((1 << (8 - (start & 7))) - 1) & 0xff;
    lastMask = (1 << (7 - (end & 7))) - 1;
    start = Math.floor(start / 8);
    end = Math.floor(end / 8);
  }
  return { start, end, firstMask, lastMask };
}

/** A range index: int64, kept as a double (beyond 2^53 only its sign and size matter). */
function rangeIndex(arg: string): number | Reply {
  const n = parseInt64(arg);
  return n === null ? error(Err.notInteger) : Number(n);
}

function bitUnit(arg: string): boolean | Reply {
  if (isOption(arg, 'bit')) return true;
  if (isOption(arg, 'byte')) return false;
  return error(Err.syntax);
}

function bitcount(ctx: CommandContext): Reply {
  const { argv } = ctx;
  const value = lookupString(ctx, argv[1]!);
  if (value === undefined) return ZERO;
  if (isReply(value)) return value;
  const s = value.value;
  let range: ByteRange;
  if (argv.length === 4 || argv.length === 5) {
    const start = rangeIndex(argv[2]!);
    if (isReply(start)) return start;
    const end = rangeIndex(argv[3]!);
    if (isReply(end)) return end;
    if (start < 0 && end < 0 && start > end) return ZERO;
    const isBit = argv.length === 5 ? bitUnit(argv[4]!) : false;
    if (isReply(isBit)) return isBit;
    range = resolveRange(start, end, s.length, isBit);
  } else if (argv.length === 2) {
    range = { start: 0, end: s.length - 1, firstMask: 0, lastMask: 0 };
  } else {
    return error(Err.syntax);
  }
  const { start, end, firstMask, lastMask } = range;
  if (start > end) return ZERO;
  let count = popcount(s, start, end);
  if (firstMask) count -= POPCOUNT[s.charCodeAt(start) & firstMask]!;
  if (lastMask) count -= POPCOUNT[s.charCodeAt(end) & lastMask]!;
  return integer(count);
}

/**
 * redisBitpos over s[from .. from+count): the first bit equal to `bit`, counted from `from`;
 * for 1 and none found, -1; for 0 and none found, count*8 (the zero padding to the right).
 */
function bitposIn(s: string, from: number, count: number, bit: number): number {
  const skip = bit ? 0 : 0xff;
  for (let i = 0; i < count; i++) {
    const b = s.charCodeAt(from + i);
    if (b === skip) continue;
    for (let k = 7; k >= 0; k--) {
      if (((b >> k) & 1) === bit) return i * 8 + (7 - k);
    }
  }
  return bit ? -1 : count * 8;
}

function bitpos(ctx: CommandContext): Reply {
  const { argv } = ctx;
  const bitArg = parseInt64(argv[2]!);
  if (bitArg === null) return error(Err.notInteger);
  if (bitArg !== 0 && bitArg !== 1) return error(Err.bitposBit);
  const bit = Number(bitArg);
  const value = lookupString(ctx, argv[1]!);
  // A missing key is an infinite run of zeros.
  if (value === undefined) return integer(bit ? -1 : 0);
  if (isReply(value)) return value;
  const s = value.value;
  let endGiven = false;
  let range: ByteRange;
  if (argv.length >= 4 && argv.length <= 6) {
    const start = rangeIndex(argv[3]!);
    if (isReply(start)) return start;
    const isBit = argv.length === 6 ? bitUnit(argv[5]!) : false;
    if (isReply(isBit)) return isBit;
    let end: number;
    if (argv.length >= 5) {
      const e = rangeIndex(argv[4]!);
      if (isReply(e)) return e;
      end = e;
      endGiven = true;
    } else {
      end = isBit ? s.length * 8 + 7 : s.length - 1;
    }
    range = resolveRange(start, end, s.length, isBit);
  } else if (argv.length === 3) {
    range = { start: 0, end: s.length - 1, firstMask: 0, lastMask: 0 };
  } else {
    return error(Err.syntax);
  }
  let { start } = range;
  const { end, firstMask, lastMask } = range;
  if (start > end) return integer(-1);
  let bytes = end - start + 1;
  let pos: number;
  // The same three steps as bitposCommand: a masked first byte, the whole middle, a masked
  // last byte; each step stops early when it found the bit inside its own span.
  search: {
    if (firstMask) {
      let b = bit ? s.charCodeAt(start) & ~firstMask : s.charCodeAt(start) | firstMask;
      if (lastMask && bytes === 1) b = bit ? b & ~lastMask : b | lastMask;
      pos = bitposIn(String.fromCharCode(b & 0xff), 0, 1, bit);
      if (bytes === 1 || (pos !== -1 && pos !== 8)) break search;
      start++;
      bytes--;
    }
    const middle = bytes - (lastMask ? 1 : 0);
    if (middle > 0) {
      pos = bitposIn(s, start, middle, bit);
      if (bytes === middle || (pos !== -1 && pos !== middle * 8)) break search;
      start += middle;
      bytes -= middle;
    }
    const b = bit ? s.charCodeAt(end) & ~lastMask : s.charCodeAt(end) | lastMask;
    pos = bitposIn(String.fromCharCode(b & 0xff), 0, 1, bit);
  }
  // With an explicit end, the bits right of the range are not zero padding.
  if (endGiven && bit === 0 && pos === bytes * 8) return integer(-1);
  if (pos !== -1) pos += start * 8;
  return integer(pos);
}

const BitOp = { AND: 0, OR: 1, XOR: 2, NOT: 3 } as const;

function bitop(ctx: CommandContext): Reply {
  const { argv } = ctx;
  const name = argv[1]!;
  const op = isOption(name, 'and')
    ? BitOp.AND
    : isOption(name, 'or')
      ? BitOp.OR
      : isOption(name, 'xor')
        ? BitOp.XOR
        : isOption(name, 'not')
          ? BitOp.NOT
          : -1;
  if (op === -1) return error(Err.syntax);
  if (op === BitOp.NOT && argv.length !== 4) return error(Err.bitopNot);
  const sources: string[] = [];
  let maxLen = 0;
  for (let j = 3; j < argv.length; j++) {
    const value = lookupString(ctx, argv[j]!);
    if (value !== undefined && isReply(value)) return value;
    const s = value === undefined ? '' : value.value;
    sources.push(s);
    if (s.length > maxLen) maxLen = s.length;
  }
  const target = argv[2]!;
  if (maxLen === 0) {
    // An empty result deletes the destination.
    if (ctx.db.delete(target)) ctx.engine.dirty++;
    return ZERO;
  }
  const out = new Uint8Array(maxLen);
  const first = sources[0]!;
  for (let i = 0; i < first.length; i++) out[i] = first.charCodeAt(i);
  if (op === BitOp.NOT) {
    for (let i = 0; i < maxLen; i++) out[i] = ~out[i]! & 0xff;
  } else {
    for (let k = 1; k < sources.length; k++) {
      const src = sources[k]!;
      for (let i = 0; i < maxLen; i++) {
        const b = i < src.length ? src.charCodeAt(i) : 0;
        if (op === BitOp.AND) out[i]! &= b;
        else if (op === BitOp.OR) out[i]! |= b;
        else out[i]! ^= b;
      }
    }
  }
  ctx.db.set(target, stringValue(bytesToString(out), StringEncoding.Raw));
  ctx.engine.dirty++;
  return integer(maxLen);
}

function bytesToString(bytes: Uint8Array): string {
  let s = '';
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    s += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return s;
}

const bitmapRow = { group: 'bitmap', keys: ONE_KEY } as const;

export const bitmapCommands: readonly CommandSpec[] = [
  {
    ...bitmapRow,
    name: 'setbit',
    arity: 4,
    flags: ['write', 'denyoom'],
    complexity: 'O(1)',
    summary: 'Sets or clears the bit at offset in the string value stored at key',
    since: '2.2.0',
    handler: setbit,
  },
  {
    ...bitmapRow,
    name: 'getbit',
    arity: 3,
    flags: ['readonly', 'fast'],
    complexity: 'O(1)',
    summary: 'Returns the bit value at offset in the string value stored at key',
    since: '2.2.0',
    handler: getbit,
  },
  {
    ...bitmapRow,
    name: 'bitcount',
    arity: -2,
    flags: ['readonly'],
    complexity: 'O(N)',
    summary: 'Count set bits in a string',
    since: '2.6.0',
    handler: bitcount,
  },
  {
    ...bitmapRow,
    name: 'bitpos',
    arity: -3,
    flags: ['readonly'],
    complexity: 'O(N)',
    summary: 'Find first bit set or clear in a string',
    since: '2.8.7',
    handler: bitpos,
  },
  {
    ...bitmapRow,
    name: 'bitop',
    arity: -4,
    flags: ['write', 'denyoom'],
    keys: { first: 2, last: -1, step: 1 },
    complexity: 'O(N)',
    summary: 'Perform bitwise operations between strings',
    since: '2.6.0',
    handler: bitop,
  },
];
