import { describe, expect, it } from 'vitest';
import { parseTimeout } from '../../src/engine/blocking.ts';
import { formatReply, type Engine } from '../../src/engine/index.ts';
import { testEngine } from '../helpers/engine.ts';

/** Another connection: what it sends, and the replies delivered to it later. */
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

describe('blocking list commands', () => {
  it('block with no reply when there is no data, and get it when another client pushes', () => {
    const { engine, cli } = testEngine();
    const a = connect(engine);
    expect(a.send('BLPOP', 'q', '0')).toBeUndefined();
    expect(engine.blocking.isBlocked(a.session)).toBe(true);
    expect(cli('RPUSH', 'q', 'job1', 'job2')).toBe('(integer) 2');
    expect(a.later).toEqual(['1) "q"\n2) "job1"']);
    expect(engine.blocking.isBlocked(a.session)).toBe(false);
    expect(cli('LRANGE', 'q', '0', '-1')).toBe('1) "job2"');
  });

  it('show blocked clients in INFO clients and as flag b in CLIENT LIST', () => {
    const { engine, cli } = testEngine();
    const a = connect(engine);
    const b = connect(engine);
    a.send('BLPOP', 'q', '0');
    b.send('BRPOP', 'q', '5');
    const info = cli('INFO', 'clients');
    expect(info).toContain('connected_clients:3');
    expect(info).toContain('blocked_clients:2');
    expect(info).toContain('clients_in_timeout_table:1');
    expect(cli('CLIENT', 'LIST')).toContain(`id=${a.session.id} `);
    expect(cli('CLIENT', 'LIST').match(/ flags=b /g)).toHaveLength(2);
    cli('RPUSH', 'q', 'x', 'y');
    expect(cli('INFO', 'clients')).toContain('blocked_clients:0');
  });

  it('serve several blocked clients in the order they blocked, one element each', () => {
    const { engine, cli } = testEngine();
    const clients = [connect(engine), connect(engine), connect(engine)];
    expect(clients[0]!.send('BRPOP', 'q', '0')).toBeUndefined();
    expect(clients[1]!.send('BLPOP', 'other', 'q', '0')).toBeUndefined();
    expect(clients[2]!.send('BLPOP', 'q', '0')).toBeUndefined();
    cli('RPUSH', 'q', 'a', 'b');
    expect(clients[0]!.later).toEqual(['1) "q"\n2) "b"']);
    expect(clients[1]!.later).toEqual(['1) "q"\n2) "a"']);
    expect(clients[2]!.later).toEqual([]);
    expect(cli('EXISTS', 'q')).toBe('(integer) 0');
    cli('LPUSH', 'q', 'c');
    expect(clients[2]!.later).toEqual(['1) "q"\n2) "c"']);
    expect(engine.blocking.blockedCount).toBe(0);
  });

  it('serve a client blocked on several keys once, from whichever key gets data', () => {
    const { engine, cli } = testEngine();
    const a = connect(engine);
    const b = connect(engine);
    a.send('BLPOP', 'k1', 'k2', 'k2', '0');
    b.send('BLPOP', 'k1', '0');
    cli('RPUSH', 'k2', 'x');
    expect(a.later).toEqual(['1) "k2"\n2) "x"']);
    cli('RPUSH', 'k1', 'y');
    expect(a.later).toHaveLength(1);
    expect(b.later).toEqual(['1) "k1"\n2) "y"']);
  });

  it('time out with a null reply once the deadline has passed, driven by the clock', () => {
    const { engine, clock } = testEngine();
    const a = connect(engine);
    const b = connect(engine);
    const forever = connect(engine);
    const start = engine.nowMs();
    a.send('BLPOP', 'q', '1.5');
    b.send('BLMOVE', 'q', 'd', 'LEFT', 'LEFT', '0.2');
    forever.send('BRPOP', 'q', '0');
    expect(engine.nextBlockingDeadline()).toBe(start + 201);
    clock.advanceMs(200);
    engine.expireBlockedClients(engine.nowMs());
    expect(b.later).toEqual([]);
    clock.advanceMs(1);
    engine.expireBlockedClients(engine.nowMs());
    expect(b.later).toEqual(['(nil)']);
    expect(engine.nextBlockingDeadline()).toBe(start + 1501);
    clock.advanceMs(10_000);
    engine.expireBlockedClients(engine.nowMs());
    expect(a.later).toEqual(['(nil)']);
    expect(engine.nextBlockingDeadline()).toBeUndefined();
    expect(engine.blocking.isBlocked(forever.session)).toBe(true);
  });

  it('reply with a null array on timeout (*-1 in RESP2, _ in RESP3), BLMOVE included', () => {
    const { engine, clock } = testEngine();
    const kinds: string[] = [];
    for (const argv of [
      ['BLPOP', 'q', '0.1'],
      ['BLMOVE', 'q', 'd', 'LEFT', 'LEFT', '0.1'],
      ['BLMPOP', '0.1', '1', 'q', 'LEFT'],
    ]) {
      const session = engine.createSession();
      session.deliver = (reply) => kinds.push(reply.kind);
      expect(engine.execute(session, argv)).toBeUndefined();
    }
    clock.advanceMs(200);
    engine.expireBlockedClients(engine.nowMs());
    expect(kinds).toEqual(['nullArray', 'nullArray', 'nullArray']);
  });

  it('a client that disconnects stops waiting and is never served', () => {
    const { engine, cli } = testEngine();
    const gone = connect(engine);
    const next = connect(engine);
    gone.send('BLPOP', 'q', '5');
    next.send('BLPOP', 'q', '0');
    engine.unblock(gone.session);
    expect(engine.nextBlockingDeadline()).toBeUndefined();
    cli('RPUSH', 'q', 'x');
    expect(gone.later).toEqual([]);
    expect(next.later).toEqual(['1) "q"\n2) "x"']);
  });

  it('BLMOVE chains: moving into a key others wait on serves them too', () => {
    const { engine, cli } = testEngine();
    const mover1 = connect(engine);
    const mover2 = connect(engine);
    const end = connect(engine);
    mover1.send('BLMOVE', 'a', 'b', 'LEFT', 'RIGHT', '0');
    mover2.send('BRPOPLPUSH', 'b', 'c', '0');
    end.send('BLPOP', 'c', '0');
    cli('LPUSH', 'a', 'token');
    expect(mover1.later).toEqual(['"token"']);
    expect(mover2.later).toEqual(['"token"']);
    expect(end.later).toEqual(['1) "c"\n2) "token"']);
    expect(cli('DBSIZE')).toBe('(integer) 0');
  });

  it('BLMOVE onto a key of the wrong type gets WRONGTYPE when served and leaves the data', () => {
    const { engine, cli } = testEngine();
    const mover = connect(engine);
    const popper = connect(engine);
    mover.send('BLMOVE', 'src', 'str', 'LEFT', 'LEFT', '0');
    popper.send('BLPOP', 'src', '0');
    cli('SET', 'str', 'v');
    cli('RPUSH', 'src', 'x');
    expect(mover.later).toEqual([
      '(error) WRONGTYPE Operation against a key holding the wrong kind of value',
    ]);
    expect(popper.later).toEqual(['1) "src"\n2) "x"']);
  });

  it('BLMPOP served takes up to COUNT elements; the next waiter gets the rest', () => {
    const { engine, cli } = testEngine();
    const a = connect(engine);
    const b = connect(engine);
    a.send('BLMPOP', '0', '2', 'x', 'q', 'RIGHT', 'COUNT', '2');
    b.send('BLMPOP', '0', '1', 'q', 'LEFT', 'COUNT', '5');
    cli('RPUSH', 'q', '1', '2', '3');
    expect(a.later).toEqual(['1) "q"\n2) 1) "3"\n   2) "2"']);
    expect(b.later).toEqual(['1) "q"\n2) 1) "1"']);
  });

  it('a key that becomes a string does not wake list waiters; a list later does', () => {
    const { engine, cli } = testEngine();
    const a = connect(engine);
    a.send('BLPOP', 'k', '0');
    cli('SET', 'k', 'v');
    expect(a.later).toEqual([]);
    cli('DEL', 'k');
    cli('RPUSH', 'k', 'x');
    expect(a.later).toEqual(['1) "k"\n2) "x"']);
  });

  it('waiters are per database', () => {
    const { engine, cli, session } = testEngine();
    const a = connect(engine);
    a.session.db = 1;
    a.send('BLPOP', 'q', '0');
    cli('RPUSH', 'q', 'db0');
    expect(a.later).toEqual([]);
    session.db = 1;
    cli('RPUSH', 'q', 'db1');
    expect(a.later).toEqual(['1) "q"\n2) "db1"']);
  });

  it('inside EXEC never block: they answer as if the timeout had passed', () => {
    const { engine, session, run } = testEngine();
    session.inExec = true;
    expect(run('BLPOP', 'q', '0').kind).toBe('nullArray');
    expect(run('BRPOP', 'q', '0').kind).toBe('nullArray');
    expect(run('BLMPOP', '0', '1', 'q', 'LEFT').kind).toBe('nullArray');
    expect(run('BLMOVE', 'q', 'd', 'LEFT', 'LEFT', '0').kind).toBe('null');
    expect(run('BRPOPLPUSH', 'q', 'd', '0').kind).toBe('null');
    expect(formatReply(run('BLPOP', 'q', '-1'))).toBe('(error) ERR timeout is negative');
    expect(engine.blocking.blockedCount).toBe(0);
  });

  it('inside EXEC, clients waiting on a pushed key are served only once EXEC is over', () => {
    const { engine, session, run } = testEngine();
    const a = connect(engine);
    a.send('BLPOP', 'q', '0');
    session.inExec = true;
    run('RPUSH', 'q', 'x');
    run('LPUSH', 'q', 'y');
    expect(a.later).toEqual([]);
    // EXEC itself returns through execute() with inExec cleared: that is when Redis serves.
    session.inExec = false;
    run('PING');
    expect(a.later).toEqual(['1) "q"\n2) "y"']);
  });

  it('with data already there, behave like the non-blocking command', () => {
    const { engine, cli } = testEngine();
    cli('RPUSH', 'q', 'a', 'b', 'c');
    const dirty = engine.dirty;
    expect(cli('BLPOP', 'none', 'q', '0')).toBe('1) "q"\n2) "a"');
    expect(cli('BLMOVE', 'q', 'd', 'RIGHT', 'LEFT', '0')).toBe('"c"');
    expect(cli('BLMPOP', '0', '1', 'q', 'LEFT', 'COUNT', '9')).toBe('1) "q"\n2) 1) "b"');
    expect(engine.dirty - dirty).toBe(3);
    expect(cli('BLPOP', 'd', '0')).toBe('1) "d"\n2) "c"');
  });
});

describe('blocking timeouts parse like getTimeoutFromObjectOrReply', () => {
  const now = 1_000_000;
  it.each([
    ['0', 0],
    ['1', now + 1000],
    ['0.5', now + 500],
    ['.5', now + 500],
    ['5.', now + 5000],
    ['+1', now + 1000],
    ['1e1', now + 10_000],
    ['0.0001', now + 1],
    ['1e-400', now + 1],
    ['0x10', now + 16_000],
    ['0x.8', now + 500],
    ['-0.0001', 0],
    ['9223372036854775', 0],
  ])('%s seconds -> deadline %d', (arg, deadline) => {
    expect(parseTimeout(arg, now)).toBe(deadline);
  });

  it.each(['abc', '', ' 1', '1 ', 'nan', '1e', '0x', '1e5000', '1e-5000', '1,5', '.'])(
    '%j is not a float',
    (arg) => {
      expect(parseTimeout(arg, now)).toEqual({
        kind: 'error',
        message: 'ERR timeout is not a float or out of range',
      });
    },
  );

  it.each(['-1', 'inf', '-inf', 'Infinity', '1e30', '1e400', '9223372036854776'])(
    '%s is negative',
    (arg) => {
      expect(parseTimeout(arg, now)).toEqual({ kind: 'error', message: 'ERR timeout is negative' });
    },
  );
});
