import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/engine/index.ts';
import { MAX_CONSOLE_REPLY_ITEMS } from '../../src/worker/console-limits.ts';
import {
  ConsoleSession,
  NO_PUBLISHER,
  READING_MESSAGES,
  blocksForever,
  type ConsoleOutput,
} from '../../src/worker/console-session.ts';

/** A console on a hand-moved clock whose timers fire when the test advances time. */
function console1() {
  const clock = new ManualClock(1_700_000_000_000 * 1000);
  let timers: { at: number; run: () => void }[] = [];
  const nowMs = () => clock.nowMicros() / 1000;
  const session = new ConsoleSession(clock, 1, {
    setTimeout: (run, ms) => timers.push({ at: nowMs() + ms, run }),
  });
  /** Moves the wall clock on, firing the timers that fall due, in order. */
  const advance = (ms: number): void => {
    const end = nowMs() + ms;
    for (;;) {
      timers.sort((a, b) => a.at - b.at);
      const next = timers[0];
      if (next === undefined || next.at > end) break;
      timers = timers.slice(1);
      clock.set(Math.max(nowMs(), next.at) * 1000);
      next.run();
    }
    clock.set(end * 1000);
  };
  const now = (line: string): ConsoleOutput => {
    const out = session.run(line);
    if (out instanceof Promise) throw new Error(`${line} did not answer at once`);
    return out;
  };
  return { session, advance, now, pending: () => timers.length };
}

describe('the data-types console', () => {
  it('waits out a blocking command timeout on the wall clock, like redis-cli', async () => {
    const { session, advance } = console1();
    const out = session.run('BLPOP q 1.5');
    expect(out).toBeInstanceOf(Promise);
    let done: ConsoleOutput | undefined;
    void (out as Promise<ConsoleOutput>).then((o) => (done = o));
    advance(1000);
    await Promise.resolve();
    expect(done).toBeUndefined();
    advance(600);
    await out;
    expect(done).toEqual({ text: '(nil)\n(1.50s)', kind: 'reply', wrote: false, db: 0 });
  });

  it('prints no timing line for a wait under half a second, and keeps going afterwards', async () => {
    const { session, advance, now } = console1();
    const out = session.run('BZPOPMIN z 0.2');
    advance(300);
    expect(await out).toMatchObject({ text: '(nil)', kind: 'reply' });
    expect(now('RPUSH q a').text).toBe('(integer) 1');
    expect(now('BLPOP q 0').text).toBe('1) "q"\n2) "a"');
  });

  it('waits through a timer that fires early', async () => {
    const clock = new ManualClock(1_700_000_000_000 * 1000);
    const fire: (() => void)[] = [];
    const session = new ConsoleSession(clock, 1, { setTimeout: (run) => fire.push(run) });
    const out = session.run('BLMPOP 1 1 q LEFT') as Promise<ConsoleOutput>;
    clock.advanceMs(400);
    fire.shift()!();
    expect(fire).toHaveLength(1);
    clock.advanceMs(700);
    fire.shift()!();
    expect((await out).text).toBe('(nil)\n(1.10s)');
  });

  it('refuses a blocking command with timeout 0 instead of hanging the tab', () => {
    const { now, pending } = console1();
    const out = now('BLPOP q 0');
    expect(out).toEqual({ text: blocksForever('BLPOP'), kind: 'error', wrote: false, db: 0 });
    expect(out.text).not.toContain('\n');
    expect(pending()).toBe(0);
    expect(now('BRPOPLPUSH a b 0').text).toBe(blocksForever('BRPOPLPUSH'));
    expect(now('RPUSH q x').text).toBe('(integer) 1');
    expect(now('LRANGE q 0 -1').text).toBe('1) "x"');
  });

  it('does not block inside MULTI: EXEC answers nil at once', () => {
    const { now } = console1();
    now('MULTI');
    expect(now('BLPOP q 0').text).toBe('QUEUED');
    expect(now('EXEC').text).toBe('1) (nil)');
  });

  it('shows SUBSCRIBE as redis-cli does, explains that nothing can arrive, and returns', () => {
    const { now } = console1();
    const out = now('SUBSCRIBE news alerts');
    expect(out.text).toBe(
      [
        READING_MESSAGES,
        '1) "subscribe"\n2) "news"\n3) (integer) 1',
        '1) "subscribe"\n2) "alerts"\n3) (integer) 2',
        NO_PUBLISHER,
      ].join('\n'),
    );
    expect(out.kind).toBe('reply');
    // Back at a normal prompt: not stuck in subscribed mode.
    expect(now('SET k v').text).toBe('OK');
    expect(now('PUBSUB NUMSUB news').text).toBe('1) "news"\n2) (integer) 0');
    expect(now('PSUBSCRIBE n*').text).toContain('1) "psubscribe"\n2) "n*"\n3) (integer) 1');
    expect(now('SUBSCRIBE')).toMatchObject({
      text: `${READING_MESSAGES}\n(error) ERR wrong number of arguments for 'subscribe' command`,
      kind: 'error',
    });
  });

  it('refuses random draws with repeats whose reply would freeze the page', () => {
    const { now } = console1();
    now('SADD s a b c');
    now('ZADD z 1 a');
    now('HSET h f v');
    for (const line of [
      'SRANDMEMBER s -1000000000',
      'ZRANDMEMBER z -1000000000 WITHSCORES',
      'HRANDFIELD h -9223372036854775807',
    ]) {
      const out = now(line);
      expect(out.kind, line).toBe('error');
      expect(out.text, line).toMatch(/^Not run: .* would print \d+ elements/);
    }
    // Small enough, positive, missing keys, wrong types and bad arguments run as usual.
    expect(now(`SRANDMEMBER s -${MAX_CONSOLE_REPLY_ITEMS}`).text.split('\n')).toHaveLength(
      MAX_CONSOLE_REPLY_ITEMS,
    );
    expect(now('SRANDMEMBER s 1000000000').text.split('\n')).toHaveLength(3);
    expect(now('SRANDMEMBER nope -1000000000').text).toBe('(empty array)');
    expect(now('SRANDMEMBER z -1000000000').text).toMatch(/^\(error\) WRONGTYPE/);
    expect(now('ZRANDMEMBER z -1000000000 WITHSCORE').text).toBe('(error) ERR syntax error');
    expect(now('HRANDFIELD h -9223372036854775807 WITHVALUES').text).toBe(
      '(error) ERR value is out of range',
    );
    expect(now('SRANDMEMBER s -9223372036854775808').text).toMatch(/^\(error\)/);
  });
});
