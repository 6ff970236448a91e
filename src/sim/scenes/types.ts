import type { JsonValue } from '../core/json.ts';
import type { World, WorldConfig } from '../world/world.ts';
import type { Fill, SceneEvent, StepMarker } from './director.ts';
import type { KnobPreset, KnobSpec, KnobValues } from './knobs.ts';

/** Every lesson's id, as in the product brief; part of the public URL (#/ID). */
export type SceneId =
  | 'memory'
  | 'single-thread'
  | 'data-types'
  | 'cache'
  | 'persistence'
  | 'replication'
  | 'failover'
  | 'cluster'
  | 'jwt-rtr';

export const SCENE_IDS: readonly SceneId[] = [
  'memory',
  'single-thread',
  'data-types',
  'cache',
  'persistence',
  'replication',
  'failover',
  'cluster',
  'jwt-rtr',
];

/** What a scene builds from its knobs: the world, and the timeline the narrative hangs on. */
export interface SceneSetup {
  readonly world: WorldConfig;
  readonly events: readonly SceneEvent[];
  readonly steps: readonly StepMarker[];
  /** Keys put into nodes before the first event. */
  readonly fills?: readonly Fill[];
}

/** The fields every summary has; scenes add their own. Latencies in µs, throughput per s. */
export interface SceneSummary {
  readonly scene: SceneId;
  readonly seed: number;
  readonly until: number;
  readonly requests: number;
  readonly latency: { readonly p50: number; readonly p95: number; readonly p99: number };
  readonly throughput: number;
  readonly hitRatio: number | null;
  readonly databaseLoad: number | null;
  readonly writesAcknowledged: number;
  readonly writesLost: { readonly count: number; readonly list: readonly JsonValue[] };
  readonly traceHash: string;
  readonly [extra: string]: JsonValue;
}

/** A scene as data plus two pure functions: knobs → world, finished world → its figures. */
export interface SceneDef {
  readonly id: SceneId;
  readonly knobs: readonly KnobSpec[];
  /** Named knob sets the lesson offers as one choice each, in the order shown. */
  readonly presets?: readonly KnobPreset[];
  /** How long a headless run lasts by default, s. */
  readonly defaultUntil: number;
  build(knobs: KnobValues, seed: number): SceneSetup;
  /** The scene's own figures; the runner adds the common fields it can measure generally. */
  summarize(world: World, knobs: KnobValues): SceneFigures;
}

/** What a scene reports beyond the trace hash; omitted common fields are filled in. */
export interface SceneFigures {
  readonly requests?: number;
  readonly latency?: SceneSummary['latency'];
  readonly hitRatio?: number | null;
  readonly databaseLoad?: number | null;
  readonly writesAcknowledged?: number;
  readonly writesLost?: SceneSummary['writesLost'];
  readonly extra?: Readonly<Record<string, JsonValue>>;
}
