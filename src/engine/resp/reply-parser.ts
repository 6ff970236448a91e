import type { Reply } from '../reply.ts';

/**
 * A streaming parser for the replies a Redis server sends (RESP2 and RESP3), the client's
 * side of the protocol: feed it bytes as they arrive, split anywhere, and take whole replies
 * out. Byte strings in, Reply values out.
 */
export class ReplyParser {
  private buffer = '';
  private pos = 0;

  feed(bytes: string): void {
    this.buffer = this.buffer.slice(this.pos) + bytes;
    this.pos = 0;
  }

  /** The next complete reply, or undefined if more bytes are needed. */
  next(): Reply | undefined {
    const start = this.pos;
    const reply = this.parse();
    if (reply === undefined) this.pos = start;
    return reply;
  }

  private line(): string | undefined {
    const end = this.buffer.indexOf('\r\n', this.pos);
    if (end === -1) return undefined;
    const text = this.buffer.slice(this.pos, end);
    this.pos = end + 2;
    return text;
  }

  private bytes(length: number): string | undefined {
    if (this.pos + length + 2 > this.buffer.length) return undefined;
    const text = this.buffer.slice(this.pos, this.pos + length);
    this.pos += length + 2;
    return text;
  }

  private items(count: number): Reply[] | undefined {
    const items: Reply[] = [];
    for (let i = 0; i < count; i++) {
      const item = this.parse();
      if (item === undefined) return undefined;
      items.push(item);
    }
    return items;
  }

  private parse(): Reply | undefined {
    const header = this.line();
    if (header === undefined) return undefined;
    const type = header[0];
    const rest = header.slice(1);
    switch (type) {
      case '+':
        return { kind: 'status', value: rest };
      case '-':
        return { kind: 'error', message: rest };
      case ':': {
        const n = BigInt(rest);
        return { kind: 'integer', value: Number.isSafeInteger(Number(n)) ? Number(n) : n };
      }
      case '$': {
        const length = Number(rest);
        if (length < 0) return { kind: 'null' };
        const value = this.bytes(length);
        return value === undefined ? undefined : { kind: 'bulk', value };
      }
      case '=': {
        const value = this.bytes(Number(rest));
        return value === undefined
          ? undefined
          : { kind: 'verbatim', format: value.slice(0, 3), value: value.slice(4) };
      }
      case '*':
      case '~':
      case '>': {
        const count = Number(rest);
        if (count < 0) return { kind: 'nullArray' };
        const items = this.items(count);
        if (items === undefined) return undefined;
        const kind = type === '*' ? 'array' : type === '~' ? 'set' : 'push';
        return { kind, items };
      }
      case '%': {
        const items = this.items(Number(rest) * 2);
        if (items === undefined) return undefined;
        const entries: [Reply, Reply][] = [];
        for (let i = 0; i < items.length; i += 2) entries.push([items[i]!, items[i + 1]!]);
        return { kind: 'map', entries };
      }
      case '_':
        return { kind: 'null' };
      case ',':
        return { kind: 'double', value: parseDouble(rest) };
      case '#':
        return { kind: 'boolean', value: rest === 't' };
      case '(':
        return { kind: 'bignum', value: rest };
      default:
        throw new Error(`unexpected RESP type byte ${JSON.stringify(type)}`);
    }
  }
}

function parseDouble(text: string): number {
  if (text === 'inf') return Infinity;
  if (text === '-inf') return -Infinity;
  if (text === 'nan') return NaN;
  return Number(text);
}
