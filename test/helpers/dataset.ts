import type { Reply } from '../../src/engine/index.ts';
import type { RespClient } from './real-redis.ts';

const items = (r: Reply | undefined): readonly Reply[] => (r?.kind === 'array' ? r.items : []);
const text = (r: Reply | undefined): string =>
  String(r === undefined ? undefined : 'value' in r ? r.value : undefined);

/**
 * Every key of databases 0 and 3 as a comparable description: type, value (sets and hashes
 * sorted, since their order is not part of the contract) and a TTL rounded to 10 s, so two
 * servers that should hold the same data can be compared line by line.
 */
export async function describeDataset(client: RespClient): Promise<string[]> {
  const out: string[] = [];
  for (const db of ['0', '3']) {
    await client.call('SELECT', db);
    for (const item of items(await client.call('KEYS', '*'))) {
      const key = text(item);
      const type = text(await client.call('TYPE', key));
      const read: Record<string, string[]> = {
        string: ['GET', key],
        list: ['LRANGE', key, '0', '-1'],
        set: ['SMEMBERS', key],
        hash: ['HGETALL', key],
        zset: ['ZRANGE', key, '0', '-1', 'WITHSCORES'],
      };
      let shown = JSON.stringify(await client.call(...read[type]!));
      if (type === 'set' || type === 'hash') shown = [...shown].sort().join('');
      const pttl = Number(text(await client.call('PTTL', key)));
      out.push(`${db} ${key} ${type} ${shown} ${pttl < 0 ? pttl : Math.round(pttl / 10_000)}`);
    }
  }
  await client.call('SELECT', '0');
  return out.sort();
}
