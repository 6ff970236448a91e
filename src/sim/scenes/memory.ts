import { fromSeconds } from '../core/clock.ts';
import type { JsonValue } from '../core/json.ts';
import type { SceneEvent } from './director.ts';
import { num, str, type KnobSpec } from './knobs.ts';
import { percentiles } from './measure.ts';
import {
  GIB,
  PAGE_FAULT_OVERHEAD_NS,
  MACHINE_PROFILES,
  PROFILE_IDS,
  SOURCES,
  TIERS,
  accessCurve,
  accessModel,
  roomFor,
} from './memory-model.ts';
import type { SceneDef } from './types.ts';

/**
 * memory: a GET served from Redis's DRAM beside the same read from a database on the SSD,
 * on a chosen machine; the dataset-size knob feeds the page-fault model; a power-off wipes
 * Redis (DRAM) while the database's rows (disk) stay.
 */

/** A row read: one random SSD read plus the query's own work (parse, plan, copy), µs. */
export const rowReadMicros = (ssdReadNs: number) => Math.round(ssdReadNs / 1000) + 50;

const knobs: readonly KnobSpec[] = [
  { kind: 'choice', name: 'profile', default: 'macbook-air-m2', choices: PROFILE_IDS },
  { kind: 'number', name: 'datasetGB', default: 4, min: 0.001, max: 65_536, unit: 'GB' },
  { kind: 'number', name: 'keys', default: 1000, min: 1, max: 1_000_000, integer: true },
  { kind: 'number', name: 'powerOffAt', default: 0, min: 0, max: 86_400, unit: 's (0: never)' },
];

export const memory: SceneDef = {
  id: 'memory',
  knobs,
  defaultUntil: 5,
  build(k, seed) {
    const profile = MACHINE_PROFILES.find((p) => p.id === str(k, 'profile'))!;
    const keys = num(k, 'keys');
    const rows: Record<string, string> = {};
    for (let i = 0; i < keys; i++) rows[`key:${i}`] = 'v';
    const powerOff = num(k, 'powerOffAt');
    const events: SceneEvent[] =
      powerOff > 0 ? [{ at: fromSeconds(powerOff), action: 'crash', node: 'redis' }] : [];
    const reader = (name: string, target: string) => ({
      kind: 'workload' as const,
      name,
      target,
      arrival: { kind: 'closed' as const, concurrency: 1, thinkMicros: 10_000 },
      readRatio: 1,
      keys: { dist: 'uniform' as const, count: keys, prefix: 'key:' },
      valueSize: 1,
    });
    return {
      world: {
        seed,
        nodes: [{ name: 'redis' }],
        databases: [
          {
            name: 'ssd-db',
            connections: 4,
            // A row read: one random SSD read plus the query's own work.
            readMicros: rowReadMicros(profile.ssdReadNs),
            writeMicros: Math.round(profile.ssdReadNs / 1000) * 2 + 50,
            rows,
          },
        ],
        links: [
          { a: 'from-ram', b: 'redis', latencyMicros: 10 },
          { a: 'from-ssd', b: 'ssd-db', latencyMicros: 10 },
        ],
        clients: [reader('from-ram', 'redis'), reader('from-ssd', 'ssd-db')],
        metrics: null,
      },
      fills: [{ node: 'redis', count: keys, prefix: 'key:', value: 'v' }],
      events,
      steps: [
        { id: 'hierarchy', at: 0 },
        { id: 'race', at: fromSeconds(0.5) },
        ...(powerOff > 0 ? [{ id: 'power-off', at: fromSeconds(powerOff) }] : []),
      ],
    };
  },
  summarize(world, k) {
    const profile = MACHINE_PROFILES.find((p) => p.id === str(k, 'profile'))!;
    const ram = world.client('from-ram');
    const ssd = world.client('from-ssd');
    const model = accessModel(profile, num(k, 'datasetGB') * GIB);
    return {
      requests: ram.completed + ssd.completed,
      latency: percentiles(ram.latency),
      hitRatio: null,
      databaseLoad: null,
      writesAcknowledged: 0,
      extra: {
        profile: profile as unknown as JsonValue,
        tiers: TIERS as unknown as JsonValue,
        ramReadP50: ram.latency.percentile(0.5),
        ssdReadP50: ssd.latency.percentile(0.5),
        model: model as unknown as JsonValue,
        sources: SOURCES as unknown as JsonValue,
        curve: accessCurve(profile),
        roomBytes: roomFor(profile),
        datasetBytes: num(k, 'datasetGB') * GIB,
        rowReadMicros: rowReadMicros(profile.ssdReadNs),
        pageFaultOverheadNs: PAGE_FAULT_OVERHEAD_NS,
        keysInRedis: world.node('redis').engine.dbs[0]!.size,
        rowsOnDisk: world.database('ssd-db').rows.size,
      },
    };
  },
};
