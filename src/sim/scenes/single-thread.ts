import { bytesToUtf8 } from '../../engine/index.ts';
import { fromSeconds } from '../core/clock.ts';
import type { ClientConfig } from '../world/world.ts';
import { num, str, type KnobSpec } from './knobs.ts';
import { mergeHistograms, percentiles } from './measure.ts';
import type { SceneDef } from './types.ts';

/**
 * single-thread: clients in front of one node. An admin walks a big keyspace with KEYS *
 * (every client waits behind it) or with SCAN (small pieces; nobody notices); two app
 * servers bump a counter with GET-then-SET (lost updates) or INCR (none); I/O threads can
 * be switched on (faster sockets, the same one executor).
 */

const knobs: readonly KnobSpec[] = [
  { kind: 'number', name: 'clients', default: 4, min: 1, max: 32, integer: true },
  { kind: 'number', name: 'rate', default: 1000, min: 1, max: 50_000, unit: 'req/s per client' },
  { kind: 'number', name: 'keyspace', default: 100_000, min: 0, max: 2_000_000, integer: true },
  /** 'manual': no scripted walk; the admin connection sends what the learner asks for. */
  { kind: 'choice', name: 'walk', default: 'keys', choices: ['keys', 'scan', 'none', 'manual'] },
  { kind: 'number', name: 'walkAt', default: 1, min: 0, max: 3600, unit: 's' },
  { kind: 'number', name: 'walkEvery', default: 0.5, min: 0.01, max: 60, unit: 's' },
  { kind: 'number', name: 'walks', default: 5, min: 1, max: 1000, integer: true },
  { kind: 'number', name: 'ioThreads', default: 0, min: 0, max: 8, integer: true },
  {
    kind: 'choice',
    name: 'counter',
    default: 'get-then-set',
    choices: ['get-then-set', 'incr', 'watch-multi'],
  },
  { kind: 'number', name: 'raceRounds', default: 1000, min: 0, max: 1_000_000, integer: true },
  /** Lists `big:1..bigKeys` of `bigKeySize` elements: LRANGE 0 -1 and DEL have work to do. */
  { kind: 'number', name: 'bigKeys', default: 0, min: 0, max: 8, integer: true },
  { kind: 'number', name: 'bigKeySize', default: 100_000, min: 1, max: 2_000_000, integer: true },
];

/** The name of the i-th (1-based) big list. */
export const bigKeyName = (i: number): string => `big:${i}`;

const RACERS = ['app1', 'app2'];

export const singleThread: SceneDef = {
  id: 'single-thread',
  knobs,
  defaultUntil: 5,
  build(k, seed) {
    const n = num(k, 'clients');
    const names = Array.from({ length: n }, (_, i) => `c${i + 1}`);
    const walk = str(k, 'walk');
    const clients: ClientConfig[] = names.map((name) => ({
      kind: 'workload',
      name,
      target: 'redis',
      arrival: { kind: 'open', rate: num(k, 'rate') },
      readRatio: 0.8,
      keys: { dist: 'uniform', count: Math.max(1, num(k, 'keyspace')), prefix: 'key:' },
      valueSize: 32,
    }));
    if (walk === 'manual') {
      // An idle connection: the learner's sends go through it (the worker's 'send' action).
      clients.push({
        kind: 'scripted',
        name: 'admin',
        target: 'redis',
        script: 'repeat',
        params: { argv: ['PING'], rounds: 0 },
      });
    } else if (walk !== 'none') {
      clients.push({
        kind: 'scripted',
        name: 'admin',
        target: 'redis',
        ...(walk === 'keys'
          ? {
              script: 'repeat',
              params: { argv: ['KEYS', '*'], rounds: num(k, 'walks') },
              thinkMicros: fromSeconds(num(k, 'walkEvery')),
            }
          : { script: 'scan-all', params: { rounds: num(k, 'walks'), count: 100 } }),
        startMicros: fromSeconds(num(k, 'walkAt')),
      });
    }
    const rounds = num(k, 'raceRounds');
    if (rounds > 0) {
      for (const name of RACERS) {
        clients.push({
          kind: 'scripted',
          name,
          target: 'redis',
          script: str(k, 'counter'),
          params: { key: 'counter', rounds },
        });
      }
    }
    const endpoints = [...names, 'admin', ...RACERS];
    return {
      world: {
        seed,
        nodes: [{ name: 'redis', ioThreads: num(k, 'ioThreads') }],
        links: endpoints.map((c) => ({ a: c, b: 'redis', latencyMicros: 100, jitterMicros: 20 })),
        clients,
        metrics: null,
      },
      fills: [
        { node: 'redis', count: num(k, 'keyspace'), prefix: 'key:', value: 'v' },
        ...Array.from({ length: num(k, 'bigKeys') }, (_, i) => ({
          node: 'redis',
          count: num(k, 'bigKeySize'),
          prefix: bigKeyName(i + 1),
          value: 'x',
          shape: 'list' as const,
        })),
      ],
      events: [{ at: fromSeconds(num(k, 'walkAt')), action: 'note', text: `walk:${walk}` }],
      steps: [
        { id: 'one-queue', at: 0 },
        { id: 'slow-command', at: fromSeconds(num(k, 'walkAt')) },
      ],
    };
  },
  summarize(world, k) {
    const workers = [...world.clients.values()].filter((c) => /^c\d+$/.test(c.name));
    const merged = mergeHistograms(workers.map((c) => c.latency));
    const counter = world.node('redis').engine.dbs[0]!.keys.get('counter');
    const final =
      counter?.type === 'string' ? Number.parseInt(bytesToUtf8(String(counter.value)), 10) : 0;
    const rounds = num(k, 'raceRounds');
    const increments = world.clients.has('app1') ? rounds * RACERS.length : 0;
    const node = world.node('redis');
    const admin = world.clients.get('admin');
    return {
      requests: merged.count,
      latency: percentiles(merged),
      hitRatio: null,
      databaseLoad: null,
      writesAcknowledged: 0,
      extra: {
        walk: str(k, 'walk'),
        ioThreads: num(k, 'ioThreads'),
        clientP99: Object.fromEntries(workers.map((c) => [c.name, c.latency.percentile(0.99)])),
        walkLatencyMax: admin?.latency.max ?? 0,
        walkCommands: admin?.completed ?? 0,
        counter: str(k, 'counter'),
        counterExpected: increments,
        counterFinal: Number.isFinite(final) ? final : 0,
        lostUpdates: increments - (Number.isFinite(final) ? final : 0),
        nodeExecuted: node.executed,
        nodeBusyMicros: node.busyMicros,
      },
    };
  },
};
