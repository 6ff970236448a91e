import { describe, expect, it } from 'vitest';
import { formatReply } from '../../../src/engine/index.ts';
import type { CommandContext } from '../../../src/engine/commands/types.ts';
import { lookupCommand } from '../../../src/engine/commands/table.ts';
import { parseMpop, zpopGeneric } from '../../../src/engine/commands/zset.ts';
import { testEngine } from '../../helpers/engine.ts';

describe('sorted set commands', () => {
  it('ZADD then ZRANGE WITHSCORES lists members by score, ties by member', () => {
    const { cli } = testEngine();
    expect(cli('ZADD', 'board', '10', 'carol', '5', 'bob', '10', 'alice')).toBe('(integer) 3');
    expect(cli('ZRANGE', 'board', '0', '-1', 'WITHSCORES')).toBe(
      ['1) "bob"', '2) "5"', '3) "alice"', '4) "10"', '5) "carol"', '6) "10"'].join('\n'),
    );
    expect(cli('ZREVRANGE', 'board', '0', '0')).toBe('1) "carol"');
    expect(cli('ZRANK', 'board', 'carol')).toBe('(integer) 2');
  });

  it('scores print with %.17g, so 0.1 shows its binary rounding', () => {
    const { cli } = testEngine();
    cli('ZADD', 'z', '0.1', 'a', 'inf', 'b', '-inf', 'c', '1e21', 'd');
    expect(cli('ZSCORE', 'z', 'a')).toBe('"0.10000000000000001"');
    expect(cli('ZSCORE', 'z', 'b')).toBe('"inf"');
    expect(cli('ZSCORE', 'z', 'c')).toBe('"-inf"');
    expect(cli('ZSCORE', 'z', 'd')).toBe('"1e+21"');
    expect(cli('ZINCRBY', 'z', '0.2', 'a')).toBe('"0.30000000000000004"');
  });

  it('rejects bad floats and reports NaN results without changing anything', () => {
    const { cli } = testEngine();
    expect(cli('ZADD', 'z', 'nan', 'a')).toBe('(error) ERR value is not a valid float');
    expect(cli('ZADD', 'z', '1', 'a', '2x', 'b')).toBe('(error) ERR value is not a valid float');
    expect(cli('EXISTS', 'z')).toBe('(integer) 0');
    cli('ZADD', 'z', 'inf', 'a');
    expect(cli('ZINCRBY', 'z', '-inf', 'a')).toBe(
      '(error) ERR resulting score is not a number (NaN)',
    );
    expect(cli('ZSCORE', 'z', 'a')).toBe('"inf"');
  });

  it('ZADD option conflicts give their own errors', () => {
    const { cli } = testEngine();
    expect(cli('ZADD', 'z', 'NX', 'XX', '1', 'a')).toBe(
      '(error) ERR XX and NX options at the same time are not compatible',
    );
    expect(cli('ZADD', 'z', 'GT', 'LT', '1', 'a')).toBe(
      '(error) ERR GT, LT, and/or NX options at the same time are not compatible',
    );
    expect(cli('ZADD', 'z', 'INCR', '1', 'a', '2', 'b')).toBe(
      '(error) ERR INCR option supports a single increment-element pair',
    );
    expect(cli('ZADD', 'z', 'XX', 'INCR', '1', 'a')).toBe('(nil)');
  });

  it('ZRANGE LIMIT needs BYSCORE or BYLEX; WITHSCORES does not go with BYLEX', () => {
    const { cli } = testEngine();
    cli('ZADD', 'z', '1', 'a');
    expect(cli('ZRANGE', 'z', '0', '-1', 'LIMIT', '0', '1')).toBe(
      '(error) ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX',
    );
    expect(cli('ZRANGE', 'z', '-', '+', 'BYLEX', 'WITHSCORES')).toBe(
      '(error) ERR syntax error, WITHSCORES not supported in combination with BYLEX',
    );
    expect(cli('ZRANGEBYSCORE', 'z', 'a', 'b')).toBe('(error) ERR min or max is not a float');
    expect(cli('ZRANGEBYLEX', 'z', 'a', 'b')).toBe(
      '(error) ERR min or max not valid string range item',
    );
  });

  it('removing the last member deletes the key, whichever command does it', () => {
    const { cli } = testEngine();
    for (const remove of [
      ['ZREM', 'z', 'a'],
      ['ZPOPMIN', 'z'],
      ['ZREMRANGEBYRANK', 'z', '0', '-1'],
      ['ZREMRANGEBYSCORE', 'z', '-inf', '+inf'],
      ['ZREMRANGEBYLEX', 'z', '-', '+'],
      ['ZMPOP', '1', 'z', 'MAX'],
    ]) {
      cli('ZADD', 'z', '1', 'a');
      cli(...remove);
      expect(cli('EXISTS', 'z'), remove.join(' ')).toBe('(integer) 0');
    }
  });

  it('ZADD keeps the TTL; a STORE replaces the destination and its TTL', () => {
    const { cli } = testEngine();
    cli('ZADD', 'z', '1', 'a');
    cli('EXPIRE', 'z', '100');
    cli('ZADD', 'z', '2', 'b');
    cli('ZINCRBY', 'z', '1', 'a');
    expect(cli('TTL', 'z')).toBe('(integer) 100');
    cli('SET', 'dst', 'x', 'EX', '50');
    expect(cli('ZUNIONSTORE', 'dst', '1', 'z')).toBe('(integer) 2');
    expect(cli('TTL', 'dst')).toBe('(integer) -1');
    expect(cli('TYPE', 'dst')).toBe('zset');
  });

  it('counts writes in the dirty counter as Redis does', () => {
    const { cli, engine } = testEngine();
    const dirty = (...argv: string[]) => {
      const before = engine.dirty;
      cli(...argv);
      return engine.dirty - before;
    };
    expect(dirty('ZADD', 'z', '1', 'a', '2', 'b', '3', 'c')).toBe(3);
    expect(dirty('ZADD', 'z', '1', 'a', '5', 'b')).toBe(1);
    expect(dirty('ZREM', 'z', 'a', 'nope')).toBe(1);
    expect(dirty('ZPOPMIN', 'z', '5')).toBe(2);
    expect(dirty('ZADD', 'z', '1', 'a')).toBe(1);
    expect(dirty('ZUNIONSTORE', 'dst', '1', 'z')).toBe(1);
    expect(dirty('ZINTERSTORE', 'dst', '2', 'z', 'missing')).toBe(1);
    expect(dirty('ZINTERSTORE', 'dst', '2', 'z', 'missing')).toBe(0);
    expect(dirty('ZSCORE', 'z', 'a')).toBe(0);
  });

  it('signals every change to watchers, once a command', () => {
    const { cli, engine } = testEngine();
    const touched: string[] = [];
    engine.dbs[0]!.onModified = (_db, key) => touched.push(key);
    cli('ZADD', 'z', '1', 'a');
    cli('ZADD', 'z', '1', 'a');
    cli('ZINCRBY', 'z', '1', 'a');
    cli('ZRANGE', 'z', '0', '-1');
    cli('ZRANGESTORE', 'dst', 'z', '0', '-1');
    cli('ZPOPMIN', 'z');
    expect(touched).toEqual(['z', 'z', 'dst', 'z']);
  });

  it('RESP3 nests WITHSCORES pairs and returns doubles', () => {
    const { engine } = testEngine();
    const session = engine.createSession();
    session.protocol = 3;
    const run = (...argv: string[]) => formatReply(engine.execute(session, argv)!, 3);
    run('ZADD', 'z', '1.5', 'a', '2', 'b');
    expect(run('ZRANGE', 'z', '0', '-1', 'WITHSCORES')).toBe(
      ['1) 1) "a"', '   2) (double) 1.5', '2) 1) "b"', '   2) (double) 2'].join('\n'),
    );
    expect(run('ZSCORE', 'z', 'a')).toBe('(double) 1.5');
    expect(run('ZPOPMIN', 'z')).toBe('1) "a"\n2) (double) 1.5');
    expect(run('ZPOPMIN', 'z', '1')).toBe('1) 1) "b"\n   2) (double) 2');
  });

  it('ZSCAN returns a small set whole with cursor 0, and walks a big one by cursor', () => {
    const { cli, run } = testEngine();
    cli('ZADD', 'z', '2', 'b', '1', 'a');
    expect(cli('ZSCAN', 'z', '42')).toBe(
      ['1) "0"', '2) 1) "a"', '   2) "1"', '   3) "b"', '   4) "2"'].join('\n'),
    );
    for (let i = 0; i < 200; i++) cli('ZADD', 'big', String(i), `m${i}`);
    const first = run('ZSCAN', 'big', '0', 'COUNT', '50');
    if (first.kind !== 'array' || first.items[1]?.kind !== 'array') throw new Error('shape');
    expect(first.items[1].items).toHaveLength(100);
    expect(formatReply(first.items[0]!)).not.toBe('"0"');
  });

  it('ZRANDMEMBER draws with the engine Rng: the same seed gives the same members', () => {
    const a = testEngine();
    const b = testEngine();
    for (const e of [a, b]) for (let i = 0; i < 50; i++) e.cli('ZADD', 'z', String(i), `m${i}`);
    expect(a.cli('ZRANDMEMBER', 'z', '-10')).toBe(b.cli('ZRANDMEMBER', 'z', '-10'));
    const distinct = a.run('ZRANDMEMBER', 'z', '30');
    if (distinct.kind !== 'array') throw new Error('shape');
    expect(new Set(distinct.items.map((r) => formatReply(r))).size).toBe(30);
  });

  it('exposes the pop path for the blocking commands', () => {
    const { engine, session, cli } = testEngine();
    cli('ZADD', 'z', '1', 'a', '2', 'b');
    const argv = ['BZMPOP', '0', '2', 'missing', 'z', 'MAX', 'COUNT', '5'];
    const parsed = parseMpop(argv, 2);
    if ('kind' in parsed) throw new Error(formatReply(parsed));
    const ctx: CommandContext = {
      engine,
      session,
      db: engine.dbs[0]!,
      argv,
      nowMs: engine.nowMs(),
      spec: lookupCommand('zmpop')!,
    };
    const reply = zpopGeneric(ctx, parsed.keys, parsed.max, parsed.count, {
      emitKey: true,
      nested: true,
      nilWhenEmpty: true,
    });
    expect(formatReply(reply)).toBe(
      ['1) "z"', '2) 1) 1) "b"', '      2) "2"', '   2) 1) "a"', '      2) "1"'].join('\n'),
    );
    expect(cli('EXISTS', 'z')).toBe('(integer) 0');
  });
});
