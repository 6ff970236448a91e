import { describe, expect, it } from 'vitest';
import { ReplicationFeed, Target, type PropagatedCommand } from '../../../src/engine/index.ts';
import { testEngine } from '../../helpers/engine.ts';

const START_MS = 1_700_000_000_000;

/** An engine with a listener that keeps every batch as lists of argv. */
function listening(targets: number = Target.both) {
  const t = testEngine(START_MS);
  const batches: PropagatedCommand[][] = [];
  const stop = t.engine.addPropagationListener((batch) => batches.push([...batch]), targets);
  const argvs = () => batches.map((batch) => batch.map((c) => c.argv.join(' ')));
  return { ...t, batches, argvs, stop };
}

describe('the engine propagation API', () => {
  it('costs nothing without a listener: no propagator exists until one subscribes', () => {
    const t = testEngine();
    expect(t.engine.propagator).toBeUndefined();
    const stop = t.engine.addPropagationListener(() => {});
    expect(t.engine.propagator).toBeDefined();
    stop();
    expect(t.engine.propagator).toBeUndefined();
  });

  it('hands each command over as its own batch, with the database it ran in', () => {
    const t = listening();
    t.run('SET', 'k', 'v');
    t.run('SELECT', '4');
    t.run('LPUSH', 'l', 'a');
    t.run('GET', 'k');
    expect(t.batches).toEqual([
      [{ db: 0, argv: ['SET', 'k', 'v'], targets: Target.both }],
      [{ db: 4, argv: ['LPUSH', 'l', 'a'], targets: Target.both }],
    ]);
  });

  it('rewrites relative expires to absolute times on the engine clock', () => {
    const t = listening();
    t.run('SET', 'k', 'v', 'EX', '10');
    t.run('EXPIRE', 'k', '20');
    t.run('GETEX', 'k', 'PX', '500');
    t.run('SETEX', 'j', '3', 'x');
    expect(t.argvs()).toEqual([
      [`SET k v PXAT ${START_MS + 10_000}`],
      [`PEXPIREAT k ${START_MS + 20_000}`],
      [`PEXPIREAT k ${START_MS + 500}`],
      [`SET j x PXAT ${START_MS + 3000}`],
    ]);
  });

  it('wraps a transaction of several writes in MULTI/EXEC, and only then', () => {
    const t = listening();
    for (const argv of [['MULTI'], ['SET', 'a', '1'], ['EXEC']]) t.run(...argv);
    for (const argv of [['MULTI'], ['SET', 'a', '1'], ['INCR', 'a'], ['GET', 'a'], ['EXEC']]) {
      t.run(...argv);
    }
    expect(t.argvs()).toEqual([['SET a 1'], ['MULTI', 'SET a 1', 'INCR a', 'EXEC']]);
  });

  it('a key found expired is deleted first, in one unit with the write that found it', () => {
    const t = listening();
    t.run('SET', 'k', '1', 'PX', '10');
    t.clock.advanceMs(20);
    t.run('INCR', 'k');
    t.run('SET', 'j', '1', 'PX', '10');
    t.clock.advanceMs(20);
    t.engine.config['lazyfree-lazy-expire'] = 'yes';
    t.run('GET', 'j');
    expect(t.argvs().slice(1)).toEqual([
      ['MULTI', 'DEL k', 'INCR k', 'EXEC'],
      [`SET j 1 PXAT ${START_MS + 30}`],
      ['UNLINK j'],
    ]);
  });

  it('the active expire cycle hands its deletions over without MULTI', () => {
    const t = listening();
    for (const key of ['a', 'b', 'c']) t.run('SET', key, '1', 'PX', '5');
    t.clock.advanceMs(10);
    t.engine.activeExpireCycle('slow');
    expect(t.argvs().slice(3)).toEqual([['DEL a', 'DEL b', 'DEL c']]);
  });

  it('evictions are deleted before the command that caused them, without MULTI', () => {
    const t = listening();
    for (let i = 0; i < 50; i++) t.run('SET', `key:${i}`, 'x'.repeat(100));
    t.engine.config.maxmemory = t.engine.usedMemory() - 500;
    t.engine.config['maxmemory-policy'] = 'allkeys-lru';
    t.run('SET', 'new', 'v');
    const [evictions, write] = t.argvs().slice(50);
    expect(evictions!.length).toBeGreaterThan(0);
    for (const argv of evictions!) expect(argv).toMatch(/^DEL key:\d+$/);
    expect(write).toEqual(['SET new v']);
  });

  it('a blocked client served later propagates the non-blocking form, after the push', () => {
    const t = listening();
    const waiter = t.engine.createSession();
    const served: unknown[] = [];
    waiter.deliver = (reply) => served.push(reply);
    expect(
      t.engine.execute(waiter, ['BLMOVE', 'src', 'dst', 'RIGHT', 'LEFT', '0']),
    ).toBeUndefined();
    t.run('RPUSH', 'src', 'a', 'b');
    expect(served).toHaveLength(1);
    expect(t.argvs()).toEqual([['RPUSH src a b'], ['LMOVE src dst right left']]);
  });

  it('PUBLISH reaches replica listeners only; FLUSHALL is propagated even when empty', () => {
    const aof = listening(Target.aof);
    const repl: string[] = [];
    aof.engine.addPropagationListener(
      (b) => repl.push(...b.map((c) => c.argv.join(' '))),
      Target.repl,
    );
    aof.run('PUBLISH', 'ch', 'hi');
    aof.run('FLUSHALL');
    expect(aof.argvs()).toEqual([['FLUSHALL']]);
    expect(repl).toEqual(['PUBLISH ch hi', 'FLUSHALL']);
  });

  it('the replication feed selects the database when it changes, and counts its bytes', () => {
    const feed = new ReplicationFeed();
    const bytes =
      feed.encode([{ db: 2, argv: ['SET', 'k', 'v'], targets: Target.both }]) +
      feed.encode([{ db: 2, argv: ['DEL', 'k'], targets: Target.both }]) +
      feed.encode([{ db: 0, argv: ['X'], targets: Target.aof }]);
    expect(bytes).toBe(
      '*2\r\n$6\r\nSELECT\r\n$1\r\n2\r\n*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n*2\r\n$3\r\nDEL\r\n$1\r\nk\r\n',
    );
    expect(feed.offset).toBe(bytes.length);
    feed.resetSelection();
    expect(feed.encode([{ db: 2, argv: ['DEL', 'k'], targets: Target.both }])).toMatch(
      /^\*2\r\n\$6\r\nSELECT/,
    );
  });
});
