import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/engine/index.ts';
import { fromSeconds } from '../../../src/sim/core/clock.ts';
import { familyOf, type JwtApp } from '../../../src/sim/patterns/jwt-rtr.ts';
import { createScene } from '../../../src/sim/scenes/index.ts';
import type { World } from '../../../src/sim/world/world.ts';

function scene(set: Record<string, string>) {
  const r = createScene('jwt-rtr', 4, set);
  return { world: r.world, app: r.world.part('auth') as JwtApp };
}

function redis(world: World, ...argv: string[]): Reply {
  const n = world.node('redis');
  return n.engine.execute(n.engine.createSession(), argv) ?? { kind: 'null' };
}

const exists = (world: World, key: string): boolean =>
  (redis(world, 'EXISTS', key) as { value: number }).value === 1;

describe('JWT refresh-token rotation', () => {
  it('rotates: the old token becomes a used tombstone, the new one is live in the family', () => {
    const { world, app } = scene({ users: '1', attack: 'false', refreshes: '3', accessTtl: '1' });
    world.runUntil(fromSeconds(0.5));
    const first = app.users[0]!.token;
    expect(redis(world, 'GET', `rt:${first}`)).toEqual({
      kind: 'bulk',
      value: `live|${familyOf(first)}|0`,
    });
    world.runUntil(fromSeconds(1.5));
    const second = app.users[0]!.token;
    expect(second).not.toBe(first);
    expect(familyOf(second)).toBe(familyOf(first));
    expect(redis(world, 'GET', `rt:${first}`)).toEqual({ kind: 'bulk', value: 'used' });
    expect(redis(world, 'SISMEMBER', `fam:${familyOf(first)}`, second)).toEqual({
      kind: 'integer',
      value: 1,
    });
    world.runUntil(fromSeconds(5));
    expect(app.counters.refreshes).toBe(3);
    expect(app.counters.reuseDetected).toBe(0);
  });

  it('a replayed old token is detected and revokes the whole family; the user logs in again', () => {
    const { world, app } = scene({ users: '2', victim: '1', stealAt: '1.5', replayAt: '4.5' });
    world.runUntil(fromSeconds(1.6));
    const stolen = app.stolen;
    const family = familyOf(stolen);
    world.runUntil(fromSeconds(4.4));
    expect(app.users[1]!.token).not.toBe(stolen);
    expect(exists(world, `fam:${family}`)).toBe(true);
    world.runUntil(fromSeconds(4.6));
    expect(app.counters.reuseDetected).toBe(1);
    expect(app.counters.familiesRevoked).toBe(1);
    expect(app.counters.attackerRejected).toBe(1);
    expect(app.counters.attackerRotations).toBe(0);
    expect(exists(world, `fam:${family}`)).toBe(false);
    expect(exists(world, `rt:${stolen}`)).toBe(false);
    expect(exists(world, `rt:${app.users[1]!.token}`)).toBe(false);
    // The victim's next refresh fails and it logs in again, in a new family.
    world.runUntil(fromSeconds(7));
    expect(app.counters.refreshFailures).toBe(1);
    expect(app.counters.relogins).toBe(1);
    expect(familyOf(app.users[1]!.token)).not.toBe(family);
    expect(app.users[0]!.phase).not.toBe('out');
  });

  it('logout removes every key of the family', () => {
    const { world, app } = scene({ users: '1', attack: 'false', refreshes: '2', accessTtl: '1' });
    world.runUntil(fromSeconds(0.5));
    const family = familyOf(app.users[0]!.token);
    world.runUntil(fromSeconds(5));
    expect(app.counters.logouts).toBe(1);
    expect(app.users[0]!.phase).toBe('done');
    expect(redis(world, 'KEYS', `*${family}*`)).toEqual({ kind: 'array', items: [] });
  });

  it('an idle user loses the session when the refresh TTL runs out', () => {
    const set = { users: '2', attack: 'false', refreshes: '1', accessTtl: '1', refreshTtl: '3' };
    const { world, app } = scene(set);
    world.runUntil(fromSeconds(2.5));
    const token = app.users[1]!.token;
    expect(app.users[1]!.phase).toBe('idle');
    expect(exists(world, `rt:${token}`)).toBe(true);
    world.runUntil(fromSeconds(6));
    expect(exists(world, `rt:${token}`)).toBe(false);
    expect(exists(world, `fam:${familyOf(token)}`)).toBe(false);
    expect(app.counters.idle).toBe(1);
  });

  it('issues the same token ids for the same seed', () => {
    const a = scene({});
    const b = scene({});
    a.world.runUntil(fromSeconds(3));
    b.world.runUntil(fromSeconds(3));
    expect(a.app.users.map((u) => u.token)).toEqual(b.app.users.map((u) => u.token));
  });
});
