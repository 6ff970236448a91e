import { describe, expect, it } from 'vitest';
import { Engine, ManualClock, SeededRng } from '../../../src/engine/index.ts';
import { runScene } from '../../../src/sim/scenes/index.ts';

/** SCAN arrives with the keys branch; until then the SCAN half of the comparison waits. */
const engine = new Engine({ clock: new ManualClock(0), rng: new SeededRng(1) });
const hasScan = engine.execute(engine.createSession(), ['SCAN', '0'])?.kind === 'array';

const p99s = (walk: string): number[] => {
  const s = runScene('single-thread', 5, 3, { walk, raceRounds: '0', walks: '3' });
  return Object.values(s.clientP99 as Record<string, number>);
};

describe('single-thread scene', () => {
  it('KEYS * on 100k keys raises every client p99', () => {
    const quiet = p99s('none');
    const keys = p99s('keys');
    expect(keys).toHaveLength(4);
    keys.forEach((p99, i) => {
      expect(p99).toBeGreaterThan(20_000);
      expect(p99).toBeGreaterThan(50 * quiet[i]!);
    });
  });

  it.skipIf(!hasScan)('SCAN over the same keyspace leaves every client p99 alone', () => {
    const quiet = p99s('none');
    const s = runScene('single-thread', 5, 3, { walk: 'scan', raceRounds: '0', walks: '3' });
    expect(s.walkCommands as number).toBeGreaterThan(1000);
    Object.values(s.clientP99 as Record<string, number>).forEach((p99, i) => {
      expect(p99).toBeLessThan(2 * quiet[i]!);
    });
  });

  it('GET-then-SET from two app servers loses updates; INCR loses none', () => {
    const set = { walk: 'none', clients: '1', raceRounds: '500' };
    const race = runScene('single-thread', 2, 2, { ...set, counter: 'get-then-set' });
    const incr = runScene('single-thread', 2, 2, { ...set, counter: 'incr' });
    expect(race.counterExpected).toBe(1000);
    expect(race.lostUpdates as number).toBeGreaterThan(100);
    expect(incr.counterFinal).toBe(1000);
    expect(incr.lostUpdates).toBe(0);
  });

  it('io threads make the sockets cheaper, never the execution parallel', () => {
    const one = runScene('single-thread', 3, 1, { walk: 'none', raceRounds: '0', rate: '20000' });
    const four = runScene('single-thread', 3, 1, {
      walk: 'none',
      raceRounds: '0',
      rate: '20000',
      ioThreads: '4',
    });
    expect(four.latency.p99).toBeLessThan(one.latency.p99);
    // Execution time is the same work either way: one thread runs every command.
    expect(four.nodeBusyMicros as number).toBeGreaterThan(0.9 * (one.nodeBusyMicros as number));
  });
});

describe('single-thread race with WATCH/MULTI/EXEC', () => {
  it('optimistic transactions lose no update, retrying the ones WATCH aborted', () => {
    const set = { walk: 'none', clients: '1', raceRounds: '300' };
    const multi = runScene('single-thread', 2, 2, { ...set, counter: 'watch-multi' });
    expect(multi.counterFinal).toBe(600);
    expect(multi.lostUpdates).toBe(0);
  });
});
