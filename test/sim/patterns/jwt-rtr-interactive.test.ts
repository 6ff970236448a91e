import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/engine/index.ts';
import { fromSeconds } from '../../../src/sim/core/clock.ts';
import { familyOf, type JwtApp } from '../../../src/sim/patterns/jwt-rtr.ts';
import { createScene } from '../../../src/sim/scenes/index.ts';
import type { World } from '../../../src/sim/world/world.ts';

/** The scene as the UI drives it: nobody acts until told to. */
function scene(set: Record<string, string> = {}) {
  const r = createScene('jwt-rtr', 1, { users: '3', scripted: 'false', refreshTtl: '10', ...set });
  const world = r.world;
  const app = world.part('auth') as JwtApp;
  const noted: string[] = [];
  world.trace.subscribe((rec) => {
    if (rec.type === 'note') noted.push(rec.text);
  });
  let t = 0;
  /** Runs a verb, then lets the world run `seconds` on. */
  const act = (verb: string, args: string[] = [], seconds = 0.1) => {
    app.act(verb, args);
    t += seconds;
    world.runUntil(fromSeconds(t));
  };
  const wait = (seconds: number) => {
    t += seconds;
    world.runUntil(fromSeconds(t));
  };
  const notes = (prefix: string) => noted.filter((n) => n.startsWith(prefix));
  return { world, app, act, wait, notes };
}

function redis(world: World, node: string, ...argv: string[]): Reply {
  const n = world.node(node);
  return n.engine.execute(n.engine.createSession(), argv) ?? { kind: 'null' };
}
const get = (world: World, key: string, node = 'redis') => redis(world, node, 'GET', key);

describe('JWT refresh-token rotation, driven by a learner', () => {
  it('does nothing on its own', () => {
    const { world, app, wait } = scene();
    wait(5);
    expect(app.counters.logins).toBe(0);
    expect(redis(world, 'redis', 'DBSIZE')).toEqual({ kind: 'integer', value: 0 });
  });

  it('logs in with a token and a family under the refresh TTL, in one MULTI/EXEC', () => {
    const { world, app, act, notes } = scene();
    act('login', ['1']);
    const token = app.users[1]!.token;
    expect(app.users[1]!.phase).toBe('in');
    expect(get(world, `rt:${token}`)).toEqual({ kind: 'bulk', value: `live|${familyOf(token)}|1` });
    const ttl = redis(world, 'redis', 'PTTL', `rt:${token}`) as { value: number };
    expect(ttl.value).toBeGreaterThan(9_000);
    expect(ttl.value).toBeLessThanOrEqual(10_000);
    expect(notes('jwt:cmds user 1 MULTI ; SET rt:')).toHaveLength(1);
    expect(notes('jwt:cmds')[0]).toMatch(/; EXEC$/);
  });

  it('rotates on refresh: the old token is a used tombstone, the new one live in the family', () => {
    const { world, app, act, notes } = scene();
    act('login', ['0'], 2);
    const first = app.users[0]!.token;
    act('refresh', ['0']);
    const second = app.users[0]!.token;
    expect(second).not.toBe(first);
    expect(familyOf(second)).toBe(familyOf(first));
    expect(get(world, `rt:${first}`)).toEqual({ kind: 'bulk', value: 'used' });
    expect(get(world, `rt:${second}`)).toEqual({
      kind: 'bulk',
      value: `live|${familyOf(first)}|0`,
    });
    // The rotation pushed the session's end: the new token has the whole TTL again.
    const ttl = (k: string) => (redis(world, 'redis', 'PTTL', k) as { value: number }).value;
    expect(ttl(`rt:${second}`)).toBeGreaterThan(ttl(`rt:${first}`) + 1_500);
    expect(ttl(`fam:${familyOf(first)}`)).toBeGreaterThan(9_000);
    expect(notes(`jwt:rotated user 0 ${first} ${second}`)).toHaveLength(1);
    expect(
      notes(`jwt:cmds user 0 MULTI ; SET rt:${first} used XX GET KEEPTTL ; SET rt:`),
    ).toHaveLength(1);
  });

  it('a stolen token replayed after the rotation is reuse: the whole family is revoked', () => {
    const { world, app, act, notes } = scene();
    act('login', ['2']);
    const stolen = app.users[2]!.token;
    act('steal', ['2']);
    expect(app.stolen).toBe(stolen);
    act('refresh', ['2']);
    const current = app.users[2]!.token;
    act('replay');
    expect(app.counters.reuseDetected).toBe(1);
    expect(app.counters.familiesRevoked).toBe(1);
    expect(app.counters.attackerRotations).toBe(0);
    for (const key of [`rt:${stolen}`, `rt:${current}`, `fam:${familyOf(stolen)}`]) {
      expect(redis(world, 'redis', 'EXISTS', key)).toEqual({ kind: 'integer', value: 0 });
    }
    expect(notes('jwt:revoked reuse attacker 2')).toHaveLength(1);
    // The user's own token died with the family: the next refresh sends them to log in.
    act('refresh', ['2']);
    expect(app.users[2]!.phase).toBe('out');
    expect(app.users[2]!.relogin).toBe(true);
  });

  it('logout deletes the token and its family', () => {
    const { world, app, act } = scene();
    act('login', ['0']);
    act('refresh', ['0']);
    const family = familyOf(app.users[0]!.token);
    act('logout', ['0']);
    expect(app.users[0]!.phase).toBe('done');
    expect(app.counters.logouts).toBe(1);
    expect(redis(world, 'redis', 'KEYS', `*${family}*`)).toEqual({ kind: 'array', items: [] });
  });

  it('an idle session ends when the refresh TTL runs out; a late refresh is refused', () => {
    const { world, app, act, wait } = scene({ refreshTtl: '3' });
    act('login', ['1']);
    const token = app.users[1]!.token;
    wait(2.5);
    expect(redis(world, 'redis', 'EXISTS', `rt:${token}`)).toEqual({ kind: 'integer', value: 1 });
    wait(1);
    expect(redis(world, 'redis', 'EXISTS', `rt:${token}`)).toEqual({ kind: 'integer', value: 0 });
    act('refresh', ['1']);
    expect(app.users[1]!.phase).toBe('out');
    expect(app.counters.refreshFailures).toBe(1);
    // The token the refused transaction wrote is cleaned up: nothing of the family is left.
    expect(redis(world, 'redis', 'DBSIZE')).toEqual({ kind: 'integer', value: 0 });
  });

  it('a failover right after a rotation loses it: new token unknown, the stolen old one live again', () => {
    const { world, app, act, wait } = scene({ replica: 'true', replicaLag: '1' });
    wait(4);
    act('login', ['0'], 2);
    const old = app.users[0]!.token;
    expect(get(world, `rt:${old}`, 'replica')).toEqual({
      kind: 'bulk',
      value: `live|${familyOf(old)}|0`,
    });
    act('steal', ['0'], 0);
    act('refresh', ['0'], 0.2);
    const fresh = app.users[0]!.token;
    // Acknowledged by the master, not yet on the replica.
    expect(get(world, `rt:${old}`)).toEqual({ kind: 'bulk', value: 'used' });
    expect(get(world, `rt:${old}`, 'replica')).toEqual({
      kind: 'bulk',
      value: `live|${familyOf(old)}|0`,
    });
    expect(get(world, `rt:${fresh}`, 'replica')).toEqual({ kind: 'null' });
    act('failover', [], 0.2);
    expect(app.target).toBe('replica');
    expect(world.node('redis').down).toBe(true);
    // Even after the lag has passed, the lost rotation never arrives.
    act('replay', [], 2);
    expect(app.counters.attackerRotations).toBe(1);
    expect(app.counters.reuseDetected).toBe(0);
    act('refresh', ['0']);
    expect(app.users[0]!.phase).toBe('out');
    expect(app.counters.refreshFailures).toBe(1);
  });

  it('without the failover the same replay is caught', () => {
    const { app, act, wait } = scene({ replica: 'true', replicaLag: '1' });
    wait(4);
    act('login', ['0'], 2);
    act('steal', ['0'], 0);
    act('refresh', ['0'], 0.2);
    act('replay', [], 2);
    expect(app.counters.reuseDetected).toBe(1);
    expect(app.counters.attackerRotations).toBe(0);
  });
});
