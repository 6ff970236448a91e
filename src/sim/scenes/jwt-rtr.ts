import { fromSeconds } from '../core/clock.ts';
import type { JsonValue } from '../core/json.ts';
import { describeKeyspace } from '../../engine/index.ts';
import type { JwtApp } from '../patterns/jwt-rtr.ts';
import { replicationPart } from '../replication/replication.ts';
import type { World } from '../world/world.ts';
import { bool, num, type KnobSpec } from './knobs.ts';
import { liveKeys, percentiles } from './measure.ts';
import type { SceneDef } from './types.ts';

/**
 * jwt-rtr: users log in, refresh on every access-token expiry (each refresh rotates the
 * refresh token), then log out (even users) or go idle (odd users, whose keys expire). An
 * attacker copies one user's refresh token and replays it after the user has rotated it:
 * reuse is detected and the whole family revoked.
 *
 * `scripted: false` is the interactive form the UI drives: nobody acts on a schedule; the
 * learner's verbs (the part's `act`) do. `replica: true` adds a replica behind a link of
 * `replicaLag` seconds (a far or overloaded replica: the stream reaches it that late), so the
 * part's `failover` verb can lose a rotation the master acknowledged. The replica syncs at
 * once (repl-diskless-sync-delay 0, not 7.0's 5 s) so that it holds the tokens from the start.
 */

/** The replica's node name when the scene has one. */
export const JWT_REPLICA = 'replica';

const knobs: readonly KnobSpec[] = [
  { kind: 'number', name: 'users', default: 10, min: 1, max: 10_000, integer: true },
  { kind: 'number', name: 'accessTtl', default: 2, min: 0.01, max: 3600, unit: 's' },
  { kind: 'number', name: 'refreshTtl', default: 10, min: 0.1, max: 2_592_000, unit: 's' },
  { kind: 'number', name: 'refreshes', default: 5, min: 0, max: 100_000, integer: true },
  { kind: 'boolean', name: 'attack', default: true },
  { kind: 'number', name: 'victim', default: 1, min: 0, max: 9999, integer: true },
  { kind: 'number', name: 'stealAt', default: 3, min: 0, max: 86_400, unit: 's' },
  { kind: 'number', name: 'replayAt', default: 7, min: 0, max: 86_400, unit: 's' },
  { kind: 'boolean', name: 'scripted', default: true },
  { kind: 'boolean', name: 'replica', default: false },
  { kind: 'number', name: 'replicaLag', default: 1, min: 0.0001, max: 60, unit: 's' },
];

/** Keys the summary lists per node at most. */
const LISTED_KEYS = 40;

/** What the node holds now, as the data-types explorer draws it (expired keys left out). */
function keyspaceOf(world: World, node: string): JsonValue {
  const n = world.node(node);
  if (n.down) return { down: true, size: 0, keys: [], nowMs: n.engine.nowMs() };
  const view = describeKeyspace(n.engine, 0, {
    maxKeys: LISTED_KEYS,
    maxElements: 8,
    maxBytes: 64,
  });
  return { down: false, ...view } as unknown as JsonValue;
}

export const jwtRtr: SceneDef = {
  id: 'jwt-rtr',
  knobs,
  defaultUntil: 30,
  build(k, seed) {
    const scripted = bool(k, 'scripted');
    const attack = scripted && bool(k, 'attack') && num(k, 'victim') < num(k, 'users');
    const replica = bool(k, 'replica');
    return {
      world: {
        seed,
        nodes: replica ? [{ name: 'redis' }, { name: JWT_REPLICA }] : [{ name: 'redis' }],
        links: [
          { a: 'auth', b: 'redis', latencyMicros: 100, jitterMicros: 20 },
          ...(replica
            ? [
                { a: 'auth', b: JWT_REPLICA, latencyMicros: 100, jitterMicros: 20 },
                { a: 'redis', b: JWT_REPLICA, latencyMicros: fromSeconds(num(k, 'replicaLag')) },
              ]
            : []),
        ],
        parts: [
          {
            kind: 'jwt-app',
            name: 'auth',
            params: {
              users: num(k, 'users'),
              accessTtlMicros: fromSeconds(num(k, 'accessTtl')),
              refreshTtlSeconds: num(k, 'refreshTtl'),
              refreshes: num(k, 'refreshes'),
              victim: attack ? num(k, 'victim') : -1,
              stealMicros: fromSeconds(num(k, 'stealAt')),
              replayMicros: fromSeconds(num(k, 'replayAt')),
              ...(scripted ? {} : { scripted: false }),
              ...(replica ? { replica: JWT_REPLICA } : {}),
            },
          },
          ...(replica
            ? [
                replicationPart({ node: 'redis', replicaOf: null, disklessDelayMicros: 0 }),
                replicationPart({ node: JWT_REPLICA, replicaOf: 'redis', disklessDelayMicros: 0 }),
              ]
            : []),
        ],
        metrics: null,
      },
      events: [],
      steps: scripted
        ? [
            { id: 'login', at: 0 },
            { id: 'rotate', at: fromSeconds(num(k, 'accessTtl')) },
            ...(attack
              ? [
                  { id: 'theft', at: fromSeconds(num(k, 'stealAt')) },
                  { id: 'reuse', at: fromSeconds(num(k, 'replayAt')) },
                ]
              : []),
          ]
        : [],
    };
  },
  summarize(world) {
    const app = world.part('auth') as JwtApp;
    return {
      requests: app.latency.count,
      latency: percentiles(app.latency),
      hitRatio: null,
      databaseLoad: null,
      writesAcknowledged: 0,
      extra: {
        ...(app.counters as unknown as Record<string, JsonValue>),
        refreshKeys: liveKeys(world, 'redis', 'rt:'),
        liveFamilies: liveKeys(world, 'redis', 'fam:'),
        ...(app.params.scripted ? {} : interactive(world, app)),
      },
    };
  },
};

/** What the interactive stage shows: each user's tokens, the attacker's copy, both keyspaces. */
function interactive(world: World, app: JwtApp): Record<string, JsonValue> {
  const replica = app.params.replica;
  return {
    at: world.now,
    master: app.target,
    users: app.users.map((u) => ({
      phase: u.phase,
      token: u.token,
      accessUntil: u.accessUntil,
      relogin: u.relogin,
    })),
    stolen: app.stolen,
    stolenFrom: app.stolenFrom,
    keyspaces: {
      redis: keyspaceOf(world, 'redis'),
      ...(replica === '' ? {} : { [replica]: keyspaceOf(world, replica) }),
    },
  };
}
