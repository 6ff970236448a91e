import { describe, expect, it } from 'vitest';
import { formatReply, type Engine } from '../../../src/engine/index.ts';
import { testEngine } from '../../helpers/engine.ts';

/** Another connection: what it sends, and the replies delivered to it later. */
function connect(engine: Engine, protocol: 2 | 3 = 2) {
  const session = engine.createSession();
  session.protocol = protocol;
  const later: string[] = [];
  session.deliver = (reply) => later.push(formatReply(reply, protocol));
  const send = (...argv: string[]): string | undefined => {
    const reply = engine.execute(session, argv);
    return reply === undefined ? undefined : formatReply(reply, protocol);
  };
  return { session, later, send };
}

describe('BZPOPMIN, BZPOPMAX and BZMPOP', () => {
  it('pop at once from the first key holding a sorted set, as key, member, score', () => {
    const { cli } = testEngine();
    cli('ZADD', 'z2', '1', 'a', '2', 'b', '3', 'c');
    expect(cli('BZPOPMIN', 'z1', 'z2', '0')).toBe('1) "z2"\n2) "a"\n3) "1"');
    expect(cli('BZPOPMAX', 'z1', 'z2', '0')).toBe('1) "z2"\n2) "c"\n3) "3"');
    expect(cli('BZMPOP', '0', '2', 'z1', 'z2', 'MIN', 'COUNT', '5')).toBe(
      '1) "z2"\n2) 1) 1) "b"\n      2) "2"',
    );
    expect(cli('EXISTS', 'z2')).toBe('(integer) 0');
  });

  it('refuse a first existing key of another type, and bad timeouts before looking', () => {
    const { cli } = testEngine();
    cli('SET', 's', 'v');
    cli('ZADD', 'z', '1', 'a');
    expect(cli('BZPOPMIN', 's', 'z', '0')).toMatch(/^\(error\) WRONGTYPE/);
    expect(cli('BZPOPMIN', 'z', 'x')).toBe('(error) ERR timeout is not a float or out of range');
    expect(cli('BZPOPMIN', 'z', '-1')).toBe('(error) ERR timeout is negative');
    expect(cli('BZMPOP', 'x', '0', 'z', 'MIN')).toBe(
      '(error) ERR numkeys should be greater than 0',
    );
    expect(cli('BZMPOP', 'x', '1', 'z', 'MIN')).toBe(
      '(error) ERR timeout is not a float or out of range',
    );
    expect(cli('BZMPOP', '0', '1', 'z', 'MID')).toBe('(error) ERR syntax error');
  });

  it('block until a ZADD creates one of the keys, serving clients in the order they blocked', () => {
    const { engine, cli } = testEngine();
    const a = connect(engine);
    const b = connect(engine);
    const c = connect(engine);
    expect(a.send('BZPOPMAX', 'q', '0')).toBeUndefined();
    expect(b.send('BZMPOP', '0', '2', 'other', 'q', 'MIN', 'COUNT', '2')).toBeUndefined();
    expect(c.send('BZPOPMIN', 'q', '0')).toBeUndefined();
    expect(cli('ZADD', 'q', '1', 'a', '2', 'b', '3', 'c')).toBe('(integer) 3');
    expect(a.later).toEqual(['1) "q"\n2) "c"\n3) "3"']);
    expect(b.later).toEqual(['1) "q"\n2) 1) 1) "a"\n      2) "1"\n   2) 1) "b"\n      2) "2"']);
    // The set is gone after b: c keeps waiting.
    expect(c.later).toEqual([]);
    expect(engine.blocking.isBlocked(c.session)).toBe(true);
    cli('ZADD', 'q', '5', 'e');
    expect(c.later).toEqual(['1) "q"\n2) "e"\n3) "5"']);
  });

  it('are not woken by a list or a string on the key they wait on', () => {
    const { engine, cli } = testEngine();
    const a = connect(engine);
    const l = connect(engine);
    a.send('BZPOPMIN', 'k', '0');
    l.send('BLPOP', 'k', '0');
    cli('RPUSH', 'k', 'x');
    expect(a.later).toEqual([]);
    expect(l.later).toEqual(['1) "k"\n2) "x"']);
    cli('SET', 'k', 'v');
    cli('DEL', 'k');
    cli('ZADD', 'k', '1', 'm');
    expect(a.later).toEqual(['1) "k"\n2) "m"\n3) "1"']);
  });

  it('time out with a null array, also in RESP3', () => {
    const { engine, clock } = testEngine();
    const a = connect(engine);
    const b = connect(engine, 3);
    a.send('BZPOPMIN', 'q', '0.5');
    b.send('BZMPOP', '0.5', '1', 'q', 'MAX');
    clock.advanceMs(501);
    engine.expireBlockedClients(engine.nowMs());
    expect(a.later).toEqual(['(nil)']);
    expect(b.later).toEqual(['(nil)']);
  });

  it('send real doubles in RESP3 and keep BZPOPMIN flat', () => {
    const { engine } = testEngine();
    const a = connect(engine, 3);
    a.send('ZADD', 'z', '1.5', 'a', '2', 'b');
    expect(a.send('BZPOPMIN', 'z', '0')).toBe('1) "z"\n2) "a"\n3) (double) 1.5');
    expect(a.send('BZMPOP', '0', '1', 'z', 'MIN')).toBe(
      '1) "z"\n2) 1) 1) "b"\n      2) (double) 2',
    );
  });

  it('answer a null array inside EXEC instead of blocking, even with timeout 0', () => {
    const { cli } = testEngine();
    cli('MULTI');
    cli('BZPOPMIN', 'q', '0');
    cli('BZMPOP', '0', '1', 'q', 'MIN');
    cli('ZADD', 'q', '1', 'a');
    cli('BZPOPMAX', 'q', '0');
    expect(cli('EXEC')).toBe('1) (nil)\n2) (nil)\n3) (integer) 1\n4) 1) "q"\n   2) "a"\n   3) "1"');
  });

  it('are served after an EXEC that creates the key, once the whole transaction is over', () => {
    const { engine, cli } = testEngine();
    const a = connect(engine);
    a.send('BZPOPMIN', 'q', '0');
    cli('MULTI');
    cli('ZADD', 'q', '1', 'a');
    cli('ZADD', 'q', '0', 'first');
    cli('EXEC');
    expect(a.later).toEqual(['1) "q"\n2) "first"\n3) "0"']);
  });

  it('count a pop that had to wait as a write', () => {
    const { engine, cli } = testEngine();
    const a = connect(engine);
    a.send('BZPOPMIN', 'q', '0');
    const before = engine.dirty;
    cli('ZADD', 'q', '1', 'a', '2', 'b');
    expect(engine.dirty).toBe(before + 3);
    expect(cli('ZRANGE', 'q', '0', '-1')).toBe('1) "b"');
  });
});

describe('sorted-set operations over Set keys', () => {
  it('treat a Set as a sorted set whose members all score 1', () => {
    const { cli } = testEngine();
    cli('SADD', 's', 'a', 'b', 'c');
    cli('SADD', 'ints', '1', '2', '3');
    cli('ZADD', 'z', '5', 'a', '0.5', 'b', '7', 'x');
    expect(cli('ZUNION', '2', 's', 'z', 'WITHSCORES')).toBe(
      '1) "c"\n2) "1"\n3) "b"\n4) "1.5"\n5) "a"\n6) "6"\n7) "x"\n8) "7"',
    );
    expect(cli('ZINTER', '2', 's', 'z', 'WEIGHTS', '10', '1', 'WITHSCORES')).toBe(
      '1) "b"\n2) "10.5"\n3) "a"\n4) "15"',
    );
    expect(cli('ZDIFF', '2', 's', 'z', 'WITHSCORES')).toBe('1) "c"\n2) "1"');
    expect(cli('ZINTERCARD', '2', 's', 'z')).toBe('(integer) 2');
    expect(cli('ZINTERCARD', '2', 's', 'z', 'LIMIT', '1')).toBe('(integer) 1');
    expect(cli('ZUNIONSTORE', 'dst', '2', 's', 'ints', 'AGGREGATE', 'MAX')).toBe('(integer) 6');
    expect(cli('TYPE', 'dst')).toBe('zset');
    expect(cli('ZSCORE', 'dst', '2')).toBe('"1"');
    expect(cli('ZINTERSTORE', 'dst', '2', 'ints', 's')).toBe('(integer) 0');
    expect(cli('EXISTS', 'dst')).toBe('(integer) 0');
    expect(cli('ZDIFFSTORE', 'dst', '2', 'ints', 'missing')).toBe('(integer) 3');
  });

  it('still refuse strings, lists and hashes', () => {
    const { cli } = testEngine();
    cli('RPUSH', 'l', 'a');
    cli('SADD', 's', 'a');
    expect(cli('ZUNION', '2', 's', 'l')).toMatch(/^\(error\) WRONGTYPE/);
  });
});

describe('CLIENT UNBLOCK', () => {
  it('ends a blocked wait with the timeout reply, or with an UNBLOCKED error', () => {
    const { engine, cli } = testEngine();
    const a = connect(engine);
    const id = String(a.session.id);
    expect(cli('CLIENT', 'UNBLOCK', id)).toBe('(integer) 0');
    a.send('BZPOPMIN', 'q', '0');
    expect(cli('CLIENT', 'UNBLOCK', id, 'NOPE')).toBe(
      '(error) ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR',
    );
    expect(cli('CLIENT', 'UNBLOCK', id)).toBe('(integer) 1');
    expect(a.later).toEqual(['(nil)']);
    a.send('BLMOVE', 'q', 'd', 'LEFT', 'LEFT', '0');
    expect(cli('CLIENT', 'UNBLOCK', id, 'error')).toBe('(integer) 1');
    expect(a.later[1]).toBe('(error) UNBLOCKED client unblocked via CLIENT UNBLOCK');
    expect(engine.blocking.blockedCount).toBe(0);
    cli('ZADD', 'q', '1', 'a');
    expect(a.later).toHaveLength(2);
  });
});
