/**
 * The examples a learner can run with one click, per type: redis-cli lines, run in order.
 * Commands are not translated (they are what one types); titles and explanations are in the
 * message catalogues under explorer.snippets.<id>.
 */
export const snippets = [
  { id: 'string', lines: ['SET greeting "hello world"', 'GET greeting', 'STRLEN greeting'] },
  { id: 'counter', lines: ['SET visits 41', 'INCR visits', 'OBJECT ENCODING visits'] },
  {
    id: 'bitmap',
    lines: ['SETBIT active:user42 0 1', 'SETBIT active:user42 3 1', 'BITCOUNT active:user42'],
  },
  { id: 'list', lines: ['RPUSH jobs send-mail resize-img bill', 'LPOP jobs', 'LRANGE jobs 0 -1'] },
  { id: 'set', lines: ['SADD ids 7 3 5', 'SADD tags redis cache fast', 'SISMEMBER tags redis'] },
  {
    id: 'zset',
    lines: ['ZADD board 310 ann 120 bob 450 cho 90 dee', 'ZRANGE board 0 -1 WITHSCORES'],
  },
  {
    id: 'skiplist',
    lines: [
      'CONFIG SET zset-max-listpack-entries 4',
      'DEL ladder',
      'ZADD ladder 1 a 2 b 3 c 4 d 5 e 6 f 7 g 8 h 9 i 10 j 11 k 12 l',
      'OBJECT ENCODING ladder',
      'CONFIG SET zset-max-listpack-entries 128',
    ],
  },
  { id: 'hash', lines: ['HSET user:1 name Ann city Seoul visits 3', 'HINCRBY user:1 visits 1'] },
  { id: 'ttl', lines: ['SET session:abc token EX 10', 'TTL session:abc'] },
] as const;

export type SnippetId = (typeof snippets)[number]['id'];
