import { splitArgs } from './split-args.ts';

/**
 * The server's side of RESP: turns the bytes a client sends into commands, as
 * networking.c's processMultibulkBuffer and processInlineBuffer do. A request starting
 * with `*` is a multibulk array of bulk strings; anything else is an inline line split
 * like sdssplitargs. Input may arrive split at any byte. A malformed request yields a
 * ProtocolError carrying Redis's exact message; the parser then stays broken, because the
 * server replies with that error and closes the connection.
 *
 * The buffer grows with `+=` (a rope in V8, O(1)) and is only flattened once enough bytes
 * for the pending bulk are there, so a large value arriving in many chunks costs O(n).
 */

/** Redis's PROTO_INLINE_MAX_SIZE: the longest inline line or length header it will wait for. */
export const INLINE_MAX_SIZE = 64 * 1024;
/** proto-max-bulk-len's default, 512 MB. */
export const MAX_BULK_LEN = 512 * 1024 * 1024;
const INT_MAX = 2147483647;

export interface ProtocolError {
  readonly protocolError: string;
}

export function isProtocolError(x: readonly string[] | ProtocolError): x is ProtocolError {
  return 'protocolError' in x;
}

export class RequestParser {
  private buf = '';
  private pos = 0;
  /** Arguments still expected in the current multibulk request; 0 between requests. */
  private pendingArgs = 0;
  /** Length of the bulk being read, or -1 while its `$len` header is still unread. */
  private bulkLen = -1;
  private args: string[] = [];
  private failed: ProtocolError | undefined;

  feed(bytes: string): void {
    if (this.failed === undefined) this.buf += bytes;
  }

  /** Bytes received and not yet consumed (CLIENT LIST's qbuf). */
  get buffered(): number {
    return this.buf.length - this.pos;
  }

  /**
   * The next complete command (a non-empty argv), a ProtocolError (final), or undefined
   * when more bytes are needed. Empty requests (`*0`, a blank line) are skipped as Redis does.
   */
  next(): string[] | ProtocolError | undefined {
    if (this.failed !== undefined) return this.failed;
    for (;;) {
      // Cheap early exit while a big bulk is still arriving: length of a rope is O(1).
      if (this.bulkLen >= 0 && this.buf.length - this.pos < this.bulkLen + 2) return this.wait();
      if (this.pos >= this.buf.length) return this.wait();
      let result: string[] | ProtocolError | undefined | null;
      if (this.pendingArgs === 0 && this.buf.charCodeAt(this.pos) !== 42 /* '*' */) {
        result = this.inline();
      } else {
        result = this.multibulk();
      }
      if (result === null) continue;
      if (result === undefined) return this.wait();
      if (isProtocolError(result)) {
        this.failed = result;
        this.buf = '';
        this.pos = 0;
      }
      return result;
    }
  }

  private wait(): undefined {
    if (this.pos > 0) {
      this.buf = this.buf.slice(this.pos);
      this.pos = 0;
    }
    return undefined;
  }

  /** null: an empty line, skipped. */
  private inline(): string[] | ProtocolError | undefined | null {
    const newline = this.buf.indexOf('\n', this.pos);
    if (newline === -1) {
      if (this.buf.length - this.pos > INLINE_MAX_SIZE) {
        return fail('Protocol error: too big inline request');
      }
      return undefined;
    }
    const end =
      newline > this.pos && this.buf.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
    const line = this.buf.slice(this.pos, end);
    this.pos = newline + 1;
    const argv = splitArgs(line);
    if (argv === null) return fail('Protocol error: unbalanced quotes in request');
    return argv.length === 0 ? null : argv;
  }

  /** null: a request of zero or negative length, skipped. */
  private multibulk(): string[] | ProtocolError | undefined | null {
    if (this.pendingArgs === 0) {
      const cr = this.buf.indexOf('\r', this.pos);
      if (cr === -1) {
        if (this.buf.length - this.pos > INLINE_MAX_SIZE) {
          return fail('Protocol error: too big mbulk count string');
        }
        return undefined;
      }
      // Redis only checks that one more byte (the \n) is there, not what it is.
      if (cr > this.buf.length - 2) return undefined;
      const count = string2ll(this.buf, this.pos + 1, cr);
      if (count === null || count > INT_MAX) {
        return fail('Protocol error: invalid multibulk length');
      }
      this.pos = cr + 2;
      if (count <= 0) return null;
      this.pendingArgs = count;
      this.args = [];
    }
    while (this.pendingArgs > 0) {
      if (this.bulkLen === -1) {
        const cr = this.buf.indexOf('\r', this.pos);
        if (cr === -1) {
          if (this.buf.length - this.pos > INLINE_MAX_SIZE) {
            return fail('Protocol error: too big bulk count string');
          }
          return undefined;
        }
        if (cr > this.buf.length - 2) return undefined;
        const first = this.buf[this.pos]!;
        if (first !== '$') {
          // addReplyErrorFormat turns CR and LF into spaces so the error stays one line.
          const shown = first === '\r' || first === '\n' ? ' ' : first;
          return fail(`Protocol error: expected '$', got '${shown}'`);
        }
        const len = string2ll(this.buf, this.pos + 1, cr);
        if (len === null || len < 0 || len > MAX_BULK_LEN) {
          return fail('Protocol error: invalid bulk length');
        }
        this.pos = cr + 2;
        this.bulkLen = len;
      }
      if (this.buf.length - this.pos < this.bulkLen + 2) return undefined;
      this.args.push(this.buf.slice(this.pos, this.pos + this.bulkLen));
      this.pos += this.bulkLen + 2;
      this.bulkLen = -1;
      this.pendingArgs--;
    }
    const argv = this.args;
    this.args = [];
    return argv;
  }
}

function fail(message: string): ProtocolError {
  return { protocolError: `ERR ${message}` };
}

/**
 * Redis's string2ll on buf[start, end): optional '-', no '+', no leading zeros, no spaces,
 * int64 range. Values beyond 2^53 only ever meet range checks, so their rounding is harmless.
 */
function string2ll(buf: string, start: number, end: number): number | null {
  if (end - start === 1 && buf.charCodeAt(start) === 48) return 0;
  let i = start;
  if (buf.charCodeAt(i) === 45 /* '-' */) i++;
  if (i >= end || end - i > 19) return null;
  const firstDigit = buf.charCodeAt(i);
  if (firstDigit < 49 || firstDigit > 57) return null;
  for (let j = i + 1; j < end; j++) {
    const c = buf.charCodeAt(j);
    if (c < 48 || c > 57) return null;
  }
  const text = buf.slice(start, end);
  if (end - i >= 16) {
    const big = BigInt(text);
    if (big > 9223372036854775807n || big < -9223372036854775808n) return null;
  }
  return Number(text);
}
