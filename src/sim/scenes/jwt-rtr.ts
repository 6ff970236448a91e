import { fromSeconds } from '../core/clock.ts';
import type { JsonValue } from '../core/json.ts';
import type { JwtApp } from '../patterns/jwt-rtr.ts';
import { bool, num, type KnobSpec } from './knobs.ts';
import { liveKeys, percentiles } from './measure.ts';
import type { SceneDef } from './types.ts';

/**
 * jwt-rtr: users log in, refresh on every access-token expiry (each refresh rotates the
 * refresh token), then log out (even users) or go idle (odd users, whose keys expire). An
 * attacker copies one user's refresh token and replays it after the user has rotated it:
 * reuse is detected and the whole family revoked.
 */

const knobs: readonly KnobSpec[] = [
  { kind: 'number', name: 'users', default: 10, min: 1, max: 10_000, integer: true },
  { kind: 'number', name: 'accessTtl', default: 2, min: 0.01, max: 3600, unit: 's' },
  { kind: 'number', name: 'refreshTtl', default: 10, min: 0.1, max: 2_592_000, unit: 's' },
  { kind: 'number', name: 'refreshes', default: 5, min: 0, max: 100_000, integer: true },
  { kind: 'boolean', name: 'attack', default: true },
  { kind: 'number', name: 'victim', default: 1, min: 0, max: 9999, integer: true },
  { kind: 'number', name: 'stealAt', default: 3, min: 0, max: 86_400, unit: 's' },
  { kind: 'number', name: 'replayAt', default: 7, min: 0, max: 86_400, unit: 's' },
];

export const jwtRtr: SceneDef = {
  id: 'jwt-rtr',
  knobs,
  defaultUntil: 30,
  build(k, seed) {
    const attack = bool(k, 'attack') && num(k, 'victim') < num(k, 'users');
    return {
      world: {
        seed,
        nodes: [{ name: 'redis' }],
        links: [{ a: 'auth', b: 'redis', latencyMicros: 100, jitterMicros: 20 }],
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
            },
          },
        ],
        metrics: null,
      },
      events: [],
      steps: [
        { id: 'login', at: 0 },
        { id: 'rotate', at: fromSeconds(num(k, 'accessTtl')) },
        ...(attack
          ? [
              { id: 'theft', at: fromSeconds(num(k, 'stealAt')) },
              { id: 'reuse', at: fromSeconds(num(k, 'replayAt')) },
            ]
          : []),
      ],
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
      },
    };
  },
};
