import { describe, expect, it } from 'vitest';
import { Database } from '../../../src/engine/keyspace/database.ts';
import { stringValue } from '../../../src/engine/keyspace/values.ts';
import { fromSeconds } from '../../../src/sim/core/clock.ts';
import {
  failoverFigures,
  failoverLostTracker,
  FAILOVER_NODES,
} from '../../../src/sim/scenes/failover.ts';
import { createScene } from '../../../src/sim/scenes/index.ts';
import { SCENE_OPTIONS } from '../../../src/sim/scenes/registry.ts';
import {
  LOST_LISTED,
  LostWritesTracker,
  lostWritesFromScratch,
} from '../../../src/sim/sentinel/lost-writes.ts';
import { World } from '../../../src/sim/world/world.ts';
import { applyAction } from '../../../src/worker/sim-actions.ts';

/** The figures a poll shows, kept up to date, beside the same figures counted from scratch. */
function both(world: World) {
  return {
    kept: failoverFigures(world, 0, 2),
    scratch: failoverFigures(world, 0, 2, true),
  };
}

function pollEvery(world: World, stepSeconds: number, untilSeconds: number): number {
  let polls = 0;
  for (let t = world.now / 1e6 + stepSeconds; t <= untilSeconds + 1e-9; t += stepSeconds) {
    world.runUntil(fromSeconds(t));
    const { kept, scratch } = both(world);
    expect(kept).toEqual(scratch);
    polls++;
  }
  return polls;
}

describe('failover summary kept between polls', () => {
  it('a scripted kill, the old master back, then a learner killing the new master: same figures at every poll', () => {
    const run = createScene('failover', 4, {
      'down-after-milliseconds': '1000',
      returnAfter: '5',
      rate: '2000',
    });
    const polls = pollEvery(run.world, 0.5, 25);
    const f = both(run.world).kept;
    expect(f.promoted).toMatch(/^redis-[23]$/);
    expect(f.ackedWrites).toBeGreaterThan(40_000);
    // Polls follow the run; only the master changing (and a restart) rebuild the answer.
    expect(failoverLostTracker(run.world).rebuilds).toBeLessThan(polls / 4);

    // The promoted master dies too and comes back empty: every write is lost on it.
    applyAction(run.world, { kind: 'crash', node: f.promoted!, crash: 'kill' });
    pollEvery(run.world, 0.5, 28);
    expect(both(run.world).kept.ackedWritesLost).toBeGreaterThan(0);
  });

  it('a partition (split brain): tens of thousands lost, the count exact and the list bounded', () => {
    const run = createScene('failover', 1, {
      'down-after-milliseconds': '1000',
      event: 'partition',
      returnAfter: '20',
    });
    pollEvery(run.world, 1, 45);
    const f = both(run.world).kept;
    expect(f.ackedWritesLost).toBeGreaterThan(15_000);
    expect(f.lostKeys).toHaveLength(LOST_LISTED);
    expect(f.lostKeys.every((k) => k.startsWith('w:'))).toBe(true);
  });

  it('a restored checkpoint gives the same figures as the run it came from', () => {
    const run = createScene('failover', 2, {
      'down-after-milliseconds': '1000',
      event: 'partition',
      returnAfter: '8',
    });
    pollEvery(run.world, 1, 6);
    const restored = World.restore(run.world.snapshot(), SCENE_OPTIONS);
    for (const t of [6, 9, 14, 20]) {
      run.world.runUntil(fromSeconds(t));
      restored.runUntil(fromSeconds(t));
      const a = both(run.world);
      const b = both(restored);
      expect(a.kept).toEqual(a.scratch);
      expect(b.kept).toEqual(b.scratch);
      expect(b.kept).toEqual(a.kept);
    }
    expect(both(restored).kept.ackedWritesLost).toBeGreaterThan(1000);
    expect(FAILOVER_NODES).toContain(both(restored).kept.promoted);
  });
});

describe('LostWritesTracker', () => {
  const put = (db: Database, key: string) => db.set(key, stringValue('x'));

  it('follows writes acknowledged, keys found late, deletions and a flush', () => {
    const db = new Database(0);
    const acked: number[] = [];
    const tracker = new LostWritesTracker();
    const check = () => {
      const kept = tracker.read(acked, 'w:', db);
      expect(kept).toEqual(lostWritesFromScratch(acked, 'w:', db));
      return kept;
    };
    for (let n = 0; n < 50; n++) {
      acked.push(n);
      if (n % 3 !== 0) put(db, `w:${n}`);
    }
    expect(check().lost).toBe(17);
    // Keys that arrive later (a replica catching up) are no longer lost; other keys do not count.
    put(db, 'w:0');
    put(db, 'w:3');
    put(db, 'w:03');
    put(db, 'other');
    expect(check().lost).toBe(15);
    expect(check().first.slice(0, 2)).toEqual([6, 9]);
    const before = tracker.rebuilds;
    for (let n = 50; n < 60; n++) {
      acked.push(n);
      put(db, `w:${n}`);
      check();
    }
    expect(tracker.rebuilds).toBe(before);
    // A deletion is a loss the tracker cannot follow: it recounts.
    db.delete('w:1');
    expect(check().lost).toBe(16);
    expect(check().first.slice(0, 2)).toEqual([1, 6]);
    db.clear();
    expect(check().lost).toBe(acked.length);
    // Most lost keys found again: the list still names the first remaining ones, in order.
    for (let n = 0; n < 55; n++) put(db, `w:${n}`);
    expect(check().first).toEqual([55, 56, 57, 58, 59]);
  });
});
