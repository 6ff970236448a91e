/**
 * BITFIELD and BITFIELD_RO (bitops.c): signed (i1..i64) and unsigned (u1..u63) integers at
 * any bit offset of a string, big-endian bit order as SETBIT's. Every sub-command is parsed
 * before any runs, so a bad argument anywhere fails the whole call; SET and INCRBY grow the
 * string to the farthest bit written first, even when OVERFLOW FAIL then refuses the write.
 * Values are BigInts: a 64-bit field does not fit a double.
 */
import { Err } from '../errors.ts';
import { StringEncoding, stringValue } from '../keyspace/values.ts';
import { parseInt64 } from '../numbers.ts';
import { NULL, array, error, integer, type Reply } from '../reply.ts';
import { WRONG_TYPE, isOption } from './args.ts';
import { ONE_KEY, type CommandContext, type CommandSpec } from './types.ts';

const Op = { Get: 0, Set: 1, Incrby: 2 } as const;
type Op = (typeof Op)[keyof typeof Op];
const Overflow = { Wrap: 0, Sat: 1, Fail: 2 } as const;
type Overflow = (typeof Overflow)[keyof typeof Overflow];

interface FieldOp {
  readonly op: Op;
  readonly signed: boolean;
  readonly bits: number;
  readonly offset: number;
  readonly value: bigint;
  readonly overflow: Overflow;
}

/** proto-max-bulk-len: a bit offset must address a byte below it. */
const MAX_BYTES = 512n * 1024n * 1024n;
/** V8's longest string (2^29 - 24 bytes). */
const MAX_JS_STRING_LENGTH = 2 ** 29 - 24;

/** getBitfieldTypeFromArgument: 'i' or 'u', then 1..64 bits (u64 cannot be replied). */
function fieldType(arg: string): { signed: boolean; bits: number } | null {
  const sign = arg[0];
  if (sign !== 'i' && sign !== 'u') return null;
  const nul = arg.indexOf('\0');
  const n = parseInt64(arg.slice(1, nul < 0 ? arg.length : nul));
  if (n === null || n < 1 || n > (sign === 'i' ? 64 : 63)) return null;
  return { signed: sign === 'i', bits: Number(n) };
}

/** getBitOffsetFromArgument with '#': "#N" means N * bits (wrapping as C's int64 does). */
function fieldOffset(arg: string, bits: number): number | null {
  const hash = arg[0] === '#';
  const n = parseInt64(hash ? arg.slice(1) : arg);
  if (n === null) return null;
  const offset = hash ? BigInt.asIntN(64, BigInt(n) * BigInt(bits)) : BigInt(n);
  if (offset < 0n || offset >> 3n >= MAX_BYTES) return null;
  return Number(offset);
}

function readBits(s: string, offset: number, bits: number): bigint {
  let v = 0n;
  for (let j = 0; j < bits; j++, offset++) {
    // Offsets reach 2^32 bits: plain division, not 32-bit shifts.
    const byte = Math.floor(offset / 8);
    const bit = byte < s.length ? (s.charCodeAt(byte) >> (7 - (offset % 8))) & 1 : 0;
    v = (v << 1n) | BigInt(bit);
  }
  return v;
}

function writeBits(bytes: Uint8Array, offset: number, bits: number, value: bigint): void {
  const u = BigInt.asUintN(bits, value);
  for (let j = 0; j < bits; j++, offset++) {
    const on = (u >> BigInt(bits - 1 - j)) & 1n;
    const byte = offset >>> 3;
    const mask = 1 << (7 - (offset & 7));
    bytes[byte] = on ? bytes[byte]! | mask : bytes[byte]! & ~mask;
  }
}

/**
 * What storing value (+ incr) in the field gives: the result, or null for OVERFLOW FAIL
 * (checkSignedBitfieldOverflow / checkUnsignedBitfieldOverflow).
 */
function fit(
  value: bigint,
  incr: bigint,
  signed: boolean,
  bits: number,
  overflow: Overflow,
): bigint | null {
  const max = signed ? (1n << BigInt(bits - 1)) - 1n : (1n << BigInt(bits)) - 1n;
  const min = signed ? -max - 1n : 0n;
  const sum = value + incr;
  if (sum >= min && sum <= max) return sum;
  if (overflow === Overflow.Fail) return null;
  if (overflow === Overflow.Sat) return sum > max ? max : min;
  return signed ? BigInt.asIntN(bits, sum) : BigInt.asUintN(bits, sum);
}

function bitfieldGeneric(ctx: CommandContext, readonlyCommand: boolean): Reply {
  const { argv } = ctx;
  const ops: FieldOp[] = [];
  let overflow: Overflow = Overflow.Wrap;
  let writes = false;
  let highestBit = 0;
  for (let j = 2; j < argv.length; j++) {
    const sub = argv[j]!;
    const left = argv.length - j - 1;
    let op: Op;
    if (isOption(sub, 'get') && left >= 2) op = Op.Get;
    else if (isOption(sub, 'set') && left >= 3) op = Op.Set;
    else if (isOption(sub, 'incrby') && left >= 3) op = Op.Incrby;
    else if (isOption(sub, 'overflow') && left >= 1) {
      const kind = argv[++j]!;
      if (isOption(kind, 'wrap')) overflow = Overflow.Wrap;
      else if (isOption(kind, 'sat')) overflow = Overflow.Sat;
      else if (isOption(kind, 'fail')) overflow = Overflow.Fail;
      else return error(Err.bitfieldOverflowType);
      continue;
    } else {
      return error(Err.syntax);
    }
    const type = fieldType(argv[j + 1]!);
    if (type === null) return error(Err.bitfieldType);
    const offset = fieldOffset(argv[j + 2]!, type.bits);
    if (offset === null) return error(Err.bitOffset);
    let value = 0n;
    if (op !== Op.Get) {
      writes = true;
      highestBit = Math.max(highestBit, offset + type.bits - 1);
      const n = parseInt64(argv[j + 3]!);
      if (n === null) return error(Err.notInteger);
      value = BigInt(n);
    }
    ops.push({ op, ...type, offset, value, overflow });
    j += op === Op.Get ? 2 : 3;
  }

  const key = argv[1]!;
  const found = ctx.db.lookup(key, ctx.nowMs);
  if (found !== undefined && found.type !== 'string') return WRONG_TYPE;
  if (!writes) {
    const s = found?.value ?? '';
    return array(
      ops.map((o) => {
        const u = readBits(s, o.offset, o.bits);
        return integer(o.signed ? BigInt.asIntN(o.bits, u) : u);
      }),
    );
  }
  if (readonlyCommand) return error(Err.bitfieldRoGetOnly);

  const byte = highestBit >>> 3;
  if (byte + 1 > MAX_JS_STRING_LENGTH) return error(Err.stringTooLong);
  const old = found?.value ?? '';
  const grown = found === undefined || old.length < byte + 1;
  const bytes = new Uint8Array(Math.max(old.length, byte + 1));
  for (let i = 0; i < old.length; i++) bytes[i] = old.charCodeAt(i);
  let changes = 0;
  const replies: Reply[] = [];
  for (const o of ops) {
    const current = readBytes(bytes, o.offset, o.bits);
    const oldval = o.signed ? BigInt.asIntN(o.bits, current) : current;
    if (o.op === Op.Get) {
      replies.push(integer(oldval));
      continue;
    }
    const next =
      o.op === Op.Incrby
        ? fit(oldval, o.value, o.signed, o.bits, o.overflow)
        : // An unsigned SET takes the int64 as C's uint64_t: -1 is 2^64-1, far above u63.
          fit(o.signed ? o.value : BigInt.asUintN(64, o.value), 0n, o.signed, o.bits, o.overflow);
    if (next === null) {
      replies.push(NULL);
      continue;
    }
    replies.push(integer(o.op === Op.Incrby ? next : oldval));
    writeBits(bytes, o.offset, o.bits, next);
    if (grown || next !== oldval) changes++;
  }
  // The string is padded (and unshared, so raw) even when no field changed.
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    s += String.fromCharCode(...bytes.subarray(i, Math.min(bytes.length, i + 8192)));
  }
  if (found === undefined || grown || changes > 0) {
    ctx.db.set(key, stringValue(s, StringEncoding.Raw), true);
  } else {
    found.enc = StringEncoding.Raw;
  }
  ctx.engine.dirty += changes;
  return array(replies);
}

function readBytes(bytes: Uint8Array, offset: number, bits: number): bigint {
  let v = 0n;
  for (let j = 0; j < bits; j++, offset++) {
    v = (v << 1n) | BigInt((bytes[offset >>> 3]! >> (7 - (offset & 7))) & 1);
  }
  return v;
}

const bitfieldRow = { group: 'bitmap', keys: ONE_KEY } as const;

export const bitfieldCommands: readonly CommandSpec[] = [
  {
    ...bitfieldRow,
    name: 'bitfield',
    arity: -2,
    flags: ['write', 'denyoom'],
    complexity: 'O(1) for each subcommand specified',
    summary: 'Perform arbitrary bitfield integer operations on strings',
    since: '3.2.0',
    handler: (ctx) => bitfieldGeneric(ctx, false),
  },
  {
    ...bitfieldRow,
    name: 'bitfield_ro',
    arity: -2,
    flags: ['readonly', 'fast'],
    complexity: 'O(1) for each subcommand specified',
    summary:
      'Perform arbitrary bitfield integer operations on strings. Read-only variant of BITFIELD',
    since: '6.0.0',
    handler: (ctx) => bitfieldGeneric(ctx, true),
  },
];
