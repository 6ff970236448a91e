import { describe, expect, it } from 'vitest';
import {
  dumpKeyspace,
  formatReply,
  restoreKeyspace,
  type Engine,
} from '../../../src/engine/index.ts';
import { testEngine } from '../../helpers/engine.ts';

function connect(engine: Engine) {
  const session = engine.createSession();
  const later: string[] = [];
  session.deliver = (reply) => later.push(formatReply(reply));
  const send = (...argv: string[]): string | undefined => {
    const reply = engine.execute(session, argv);
    return reply === undefined ? undefined : formatReply(reply);
  };
  return { session, later, send };
}

describe('SWAPDB and the clients around it', () => {
  it('fails a transaction watching a key that exists on either side of the swap', () => {
    const { engine, cli } = testEngine();
    const w = connect(engine);
    cli('SELECT', '1');
    cli('SET', 'only-in-1', 'v');
    cli('SELECT', '0');
    cli('SET', 'only-in-0', 'v');
    for (const key of ['only-in-0', 'only-in-1']) {
      w.send('WATCH', key);
      cli('SWAPDB', '0', '1');
      w.send('MULTI');
      w.send('PING');
      expect(w.send('EXEC'), key).toBe('(nil)');
    }
    w.send('WATCH', 'nowhere');
    cli('SWAPDB', '0', '1');
    w.send('MULTI');
    w.send('PING');
    expect(w.send('EXEC')).toBe('1) PONG');
  });

  it('leaves transactions watching other databases alone', () => {
    const { engine, cli } = testEngine();
    const w = connect(engine);
    w.send('SELECT', '2');
    w.send('SET', 'k', 'v');
    w.send('WATCH', 'k');
    cli('SET', 'k', 'v');
    cli('SWAPDB', '0', '1');
    w.send('MULTI');
    w.send('PING');
    expect(w.send('EXEC')).toBe('1) PONG');
  });

  it('keeps a watch on an already expired key clean when the swap only removes it', () => {
    const { engine, cli, clock } = testEngine();
    const w = connect(engine);
    cli('SET', 'k', 'v', 'PX', '10');
    clock.advanceMs(20);
    w.send('WATCH', 'k');
    cli('SWAPDB', '0', '1');
    w.send('MULTI');
    w.send('PING');
    expect(w.send('EXEC')).toBe('1) PONG');
  });

  it('serves a client blocked on a key the swap brings in, after the SWAPDB reply', () => {
    const { engine, cli } = testEngine();
    const list = connect(engine);
    const zset = connect(engine);
    const wrongType = connect(engine);
    expect(list.send('BLPOP', 'q', '0')).toBeUndefined();
    expect(zset.send('BZPOPMIN', 'z', '0')).toBeUndefined();
    expect(wrongType.send('BLPOP', 'z', '0')).toBeUndefined();
    cli('SELECT', '1');
    cli('RPUSH', 'q', 'a', 'b');
    cli('ZADD', 'z', '1', 'm');
    expect(list.later).toEqual([]);
    expect(cli('SWAPDB', '1', '0')).toBe('OK');
    expect(list.later).toEqual(['1) "q"\n2) "a"']);
    expect(zset.later).toEqual(['1) "z"\n2) "m"\n3) "1"']);
    expect(wrongType.later).toEqual([]);
    expect(engine.blocking.isBlocked(wrongType.session)).toBe(true);
    cli('SELECT', '0');
    expect(cli('LRANGE', 'q', '0', '-1')).toBe('1) "b"');
  });

  it('costs nothing per key: a swap of big databases does not visit their keys', () => {
    const { engine, cli } = testEngine();
    const db0 = engine.dbs[0]!;
    let touched = 0;
    db0.onModified = () => touched++;
    for (let i = 0; i < 1000; i++) cli('SET', `k${i}`, 'v');
    touched = 0;
    cli('SWAPDB', '0', '1');
    expect(touched).toBe(0);
  });
});

describe('loading a keyspace snapshot', () => {
  it('serves clients blocked on keys the snapshot fills', () => {
    const { engine, cli } = testEngine();
    const source = testEngine();
    source.cli('RPUSH', 'q', 'x');
    const a = connect(engine);
    a.send('BLPOP', 'q', '0');
    restoreKeyspace(engine, dumpKeyspace(source.engine));
    expect(a.later).toEqual(['1) "q"\n2) "x"']);
    expect(cli('EXISTS', 'q')).toBe('(integer) 0');
  });
});
