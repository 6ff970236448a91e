import { formatDouble } from '../numbers.ts';
import type { Reply } from '../reply.ts';

/**
 * Encodes a reply as RESP bytes (a byte string) for a connection speaking `protocol`, the
 * way networking.c's addReply* family does: under RESP2, maps flatten to arrays, sets and
 * pushes become arrays, doubles become bulk strings, booleans become integers and every
 * null is `$-1` or `*-1`.
 */
export function encodeReply(reply: Reply, protocol: 2 | 3): string {
  switch (reply.kind) {
    case 'status':
      return `+${reply.value}\r\n`;
    case 'error':
      return `-${reply.message}\r\n`;
    case 'integer':
      return `:${String(reply.value)}\r\n`;
    case 'bulk':
      return `$${reply.value.length}\r\n${reply.value}\r\n`;
    case 'null':
      return protocol === 3 ? '_\r\n' : '$-1\r\n';
    case 'nullArray':
      return protocol === 3 ? '_\r\n' : '*-1\r\n';
    case 'array':
      return aggregate('*', reply.items, protocol);
    case 'set':
      return aggregate(protocol === 3 ? '~' : '*', reply.items, protocol);
    case 'push':
      return aggregate(protocol === 3 ? '>' : '*', reply.items, protocol);
    case 'map': {
      const n = reply.entries.length;
      let out = protocol === 3 ? `%${n}\r\n` : `*${n * 2}\r\n`;
      for (const [k, v] of reply.entries)
        out += encodeReply(k, protocol) + encodeReply(v, protocol);
      return out;
    }
    case 'double': {
      const text = formatDouble(reply.value);
      return protocol === 3 ? `,${text}\r\n` : `$${text.length}\r\n${text}\r\n`;
    }
    case 'boolean':
      return protocol === 3
        ? reply.value
          ? '#t\r\n'
          : '#f\r\n'
        : reply.value
          ? ':1\r\n'
          : ':0\r\n';
    case 'verbatim':
      return protocol === 3
        ? `=${reply.value.length + 4}\r\n${reply.format}:${reply.value}\r\n`
        : `$${reply.value.length}\r\n${reply.value}\r\n`;
    case 'bignum':
      return protocol === 3
        ? `(${reply.value}\r\n`
        : `$${reply.value.length}\r\n${reply.value}\r\n`;
  }
}

function aggregate(prefix: string, items: readonly Reply[], protocol: 2 | 3): string {
  let out = `${prefix}${items.length}\r\n`;
  for (const item of items) out += encodeReply(item, protocol);
  return out;
}

/** A command as a client sends it: a RESP array of bulk strings. */
export function encodeCommand(argv: readonly string[]): string {
  let out = `*${argv.length}\r\n`;
  for (const arg of argv) out += `$${arg.length}\r\n${arg}\r\n`;
  return out;
}
