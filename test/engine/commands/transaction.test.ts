import { describe, expect, it } from 'vitest';
import { formatReply } from '../../../src/engine/index.ts';
import { stringValue } from '../../../src/engine/keyspace/values.ts';
import { testEngine } from '../../helpers/engine.ts';

function twoClients() {
  const t = testEngine();
  const other = t.engine.createSession();
  const cli2 = (...argv: string[]) => formatReply(t.engine.execute(other, argv)!);
  return { ...t, other, cli2 };
}

describe('MULTI / EXEC', () => {
  it('queues commands and runs them in order at EXEC', () => {
    const { cli } = testEngine();
    expect(cli('MULTI')).toBe('OK');
    expect(cli('SET', 'a', '1')).toBe('QUEUED');
    expect(cli('INCR', 'a')).toBe('QUEUED');
    expect(cli('GET', 'a')).toBe('QUEUED');
    expect(cli('EXEC')).toBe('1) OK\n2) (integer) 2\n3) "2"');
    expect(cli('GET', 'a')).toBe('"2"');
  });

  it('discards the whole transaction when a command was refused while queueing', () => {
    const { cli } = testEngine();
    cli('MULTI');
    expect(cli('SET', 'a', '1')).toBe('QUEUED');
    expect(cli('NOSUCH', 'x')).toBe(
      "(error) ERR unknown command 'NOSUCH', with args beginning with: 'x' ",
    );
    expect(cli('GET')).toBe("(error) ERR wrong number of arguments for 'get' command");
    expect(cli('EXEC')).toBe('(error) EXECABORT Transaction discarded because of previous errors.');
    expect(cli('GET', 'a')).toBe('(nil)');
    expect(cli('EXEC')).toBe('(error) ERR EXEC without MULTI');
  });

  it('lets a command fail at run time without rolling back the others', () => {
    const { cli } = testEngine();
    cli('SET', 's', 'text');
    cli('MULTI');
    cli('SET', 'a', '1');
    cli('INCR', 's');
    cli('SET', 'b', '2');
    expect(cli('EXEC')).toBe(
      '1) OK\n2) (error) ERR value is not an integer or out of range\n3) OK',
    );
    expect(cli('GET', 'b')).toBe('"2"');
  });

  it('refuses nested MULTI, WATCH inside MULTI and EXEC/DISCARD alone', () => {
    const { cli } = testEngine();
    expect(cli('DISCARD')).toBe('(error) ERR DISCARD without MULTI');
    expect(cli('EXEC')).toBe('(error) ERR EXEC without MULTI');
    cli('MULTI');
    expect(cli('MULTI')).toBe('(error) ERR MULTI calls can not be nested');
    expect(cli('WATCH', 'a')).toBe('(error) ERR WATCH inside MULTI is not allowed');
    expect(cli('PING')).toBe('QUEUED');
    // Neither error dooms the transaction: they are command errors, not queueing refusals.
    expect(cli('EXEC')).toBe('1) PONG');
  });

  it('DISCARD forgets the queue and the watches', () => {
    const { cli, cli2 } = twoClients();
    cli('WATCH', 'k');
    cli('MULTI');
    cli('SET', 'a', '1');
    expect(cli('DISCARD')).toBe('OK');
    cli2('SET', 'k', 'x');
    cli('MULTI');
    cli('GET', 'a');
    expect(cli('EXEC')).toBe('1) (nil)');
  });

  it('marks the session as inside EXEC only while the queue runs', () => {
    const { engine, session, cli } = testEngine();
    const seen: boolean[] = [];
    engine.dbs[0]!.onModified = () => seen.push(session.inExec);
    cli('SET', 'a', '1');
    cli('MULTI');
    cli('SET', 'b', '2');
    cli('EXEC');
    expect(seen).toEqual([false, true]);
    expect(session.inExec).toBe(false);
  });
});

describe('WATCH', () => {
  it('makes EXEC return a null array when another client changes a watched key', () => {
    const { cli, cli2 } = twoClients();
    cli('SET', 'k', '1');
    expect(cli('WATCH', 'k')).toBe('OK');
    cli2('INCR', 'k');
    cli('MULTI');
    cli('SET', 'k', '100');
    expect(cli('EXEC')).toBe('(nil)');
    expect(cli('GET', 'k')).toBe('"2"');
  });

  it('lets EXEC run when the watched key was left alone, or after UNWATCH', () => {
    const { cli, cli2 } = twoClients();
    cli('WATCH', 'k');
    cli2('SET', 'other', '1');
    cli('MULTI');
    cli('SET', 'k', 'mine');
    expect(cli('EXEC')).toBe('1) OK');
    cli('WATCH', 'k');
    cli2('SET', 'k', 'theirs');
    expect(cli('UNWATCH')).toBe('OK');
    cli('MULTI');
    cli('GET', 'k');
    expect(cli('EXEC')).toBe('1) "theirs"');
  });

  it('notices changes made by the watching client itself', () => {
    const { cli } = testEngine();
    cli('WATCH', 'k');
    cli('SET', 'k', 'v');
    cli('MULTI');
    cli('PING');
    expect(cli('EXEC')).toBe('(nil)');
  });

  it('watches a key in the database selected at WATCH time', () => {
    const { engine, cli, cli2, other } = twoClients();
    cli('WATCH', 'k');
    other.db = 1;
    cli2('SET', 'k', 'in db 1');
    cli('MULTI');
    cli('PING');
    expect(cli('EXEC')).toBe('1) PONG');
    expect(engine.dbs[1]!.size).toBe(1);
  });

  it('fails EXEC when a watched key expires meanwhile', () => {
    const { cli, clock } = testEngine();
    cli('SET', 'k', 'v', 'PX', '100');
    cli('WATCH', 'k');
    clock.advanceMs(200);
    cli('MULTI');
    cli('PING');
    expect(cli('EXEC')).toBe('(nil)');
  });

  it('ignores a key that had already expired when it was watched', () => {
    const { cli, clock } = testEngine();
    cli('SET', 'k', 'v', 'PX', '100');
    clock.advanceMs(200);
    cli('WATCH', 'k');
    cli('MULTI');
    cli('PING');
    expect(cli('EXEC')).toBe('1) PONG');
  });

  it('fails EXEC after FLUSHDB emptied a watched key, but not for a missing one', () => {
    const { cli, cli2 } = twoClients();
    cli('SET', 'k', 'v');
    cli('WATCH', 'k');
    cli2('FLUSHDB');
    cli('MULTI');
    cli('PING');
    expect(cli('EXEC')).toBe('(nil)');
    cli('WATCH', 'missing');
    cli2('FLUSHDB');
    cli('MULTI');
    cli('PING');
    expect(cli('EXEC')).toBe('1) PONG');
  });

  it('exposes touchAllWatchedKeysInDb for SWAPDB', () => {
    const { engine, cli } = twoClients();
    cli('WATCH', 'k');
    engine.dbs[1]!.set('k', stringValue('x'));
    engine.touchAllWatchedKeysInDb(engine.dbs[0]!, engine.dbs[1]);
    cli('MULTI');
    cli('PING');
    expect(cli('EXEC')).toBe('(nil)');
  });

  it('forgets the watches of a closed session', () => {
    const { engine, other, cli2, cli } = twoClients();
    cli2('WATCH', 'k');
    engine.closeSession(other);
    cli('SET', 'k', 'v');
    expect(engine.sessions.has(other.id)).toBe(false);
  });
});
