import { describe, expect, it } from 'vitest';
import { formatReply } from '../../src/engine/index.ts';
import { crc64Bytes } from '../../src/engine/rdb/crc64.ts';
import { withRealRedis } from '../helpers/real-redis.ts';
import { Oracle } from './oracle.ts';

const redis = withRealRedis();

const le = (v: number, n: number): string => {
  let s = '';
  for (let i = 0; i < n; i++)
    s += String.fromCharCode(Number((BigInt(v) >> BigInt(8 * i)) & 0xffn));
  return s;
};

/** A ziplist as Redis 6 writes one (ziplist.c), for payloads a 6.x server would DUMP. */
function ziplist(entries: readonly string[]): string {
  let body = '';
  let prevSize = 0;
  let lastOffset = 10;
  for (const e of entries) {
    const prevlen = prevSize < 254 ? String.fromCharCode(prevSize) : `\xfe${le(prevSize, 4)}`;
    let enc: string;
    const n = /^(0|-?[1-9][0-9]{0,17})$/.test(e) ? Number(e) : null;
    if (n !== null && n >= 0 && n <= 12) enc = String.fromCharCode(0xf1 + n);
    else if (n !== null && n >= -128 && n <= 127) enc = `\xfe${le(n, 1)}`;
    else if (n !== null && n >= -32768 && n <= 32767) enc = `\xc0${le(n, 2)}`;
    else if (n !== null && n >= -8388608 && n <= 8388607) enc = `\xf0${le(n, 3)}`;
    else if (n !== null && n >= -2147483648 && n <= 2147483647) enc = `\xd0${le(n, 4)}`;
    else if (e.length < 64) enc = String.fromCharCode(e.length) + e;
    else enc = String.fromCharCode(0x40 | (e.length >> 8), e.length & 0xff) + e;
    lastOffset = 10 + body.length;
    body += prevlen + enc;
    prevSize = prevlen.length + enc.length;
  }
  const total = 10 + body.length + 1;
  return le(total, 4) + le(lastOffset, 4) + le(entries.length, 2) + body + '\xff';
}

/** An RDB string: a 6-bit or 14-bit length, then the bytes. */
const rdbString = (s: string): string =>
  (s.length < 64
    ? String.fromCharCode(s.length)
    : String.fromCharCode(0x40 | (s.length >> 8), s.length & 0xff)) + s;

/** A DUMP payload with Redis 6's RDB version (9). */
function payload6(body: string): string {
  const withVersion = `${body}\x09\x00`;
  return withVersion + crc64Bytes(withVersion);
}

describe('RESTORE of payloads from Redis 6 (ziplists, RDB version 9)', () => {
  const cases: [string, string][] = [
    [
      'a list ziplist',
      `\x0a${rdbString(ziplist(['a', '1', '-5', '300', '70000', '3000000000', 'x'.repeat(70)]))}`,
    ],
    [
      'a quicklist of ziplists',
      `\x0e\x02${rdbString(ziplist(['a', 'b']))}${rdbString(ziplist(['12', 'c']))}`,
    ],
    ['a hash ziplist', `\x0d${rdbString(ziplist(['f1', 'v1', 'f2', '2']))}`],
    ['a sorted set ziplist', `\x0c${rdbString(ziplist(['c', '-3', 'a', '1', 'b', '2.5']))}`],
    ['a hash ziplist with a duplicate field', `\x0d${rdbString(ziplist(['f', '1', 'f', '2']))}`],
    ['an empty list ziplist', `\x0a${rdbString(ziplist([]))}`],
  ];

  for (const [name, body] of cases) {
    it(`${name} restores as on redis-server 7.0`, async () => {
      const oracle = new Oracle(redis.client);
      const reply = await oracle.both(['RESTORE', 'k', '0', payload6(body)]);
      if (formatReply(reply) !== 'OK') return;
      await oracle.both(['TYPE', 'k']);
      await oracle.both(['OBJECT', 'ENCODING', 'k']);
      const type = formatReply(await redis.client.call('TYPE', 'k'));
      const read: Record<string, string[]> = {
        list: ['LRANGE', 'k', '0', '-1'],
        hash: ['HGETALL', 'k'],
        zset: ['ZRANGE', 'k', '0', '-1', 'WITHSCORES'],
      };
      expect(read[type], type).toBeDefined();
      await oracle.both(read[type]!);
    });
  }
});
