import type { SceneRun } from '../sim/scenes/index.ts';
import type { KnobPreset, KnobSpec, KnobValues } from '../sim/scenes/knobs.ts';
import type { SceneEvent, StepMarker } from '../sim/scenes/director.ts';

/** What the UI draws a scene from: its controls, its narrative marks and its topology. */
export interface SceneInfo {
  readonly id: string;
  readonly seed: number;
  /** Every knob with its type, range and default, for the controls. */
  readonly knobs: readonly KnobSpec[];
  /** The values in effect (defaults plus overrides). */
  readonly values: KnobValues;
  /** Named knob sets offered as one choice each (the persistence modes); often none. */
  readonly presets: readonly KnobPreset[];
  /** Where the narrative may pause (µs), in the order of the timeline. */
  readonly steps: readonly StepMarker[];
  /** Scripted events (a crash at t = 12 s...), µs. */
  readonly events: readonly SceneEvent[];
  readonly defaultUntil: number;
  readonly topology: Topology;
}

export interface Topology {
  readonly nodes: readonly string[];
  readonly clients: readonly string[];
  readonly databases: readonly string[];
  /** Parts such as app servers (the director is left out: it is not on stage). */
  readonly parts: readonly { readonly name: string; readonly kind: string }[];
  readonly links: readonly { readonly a: string; readonly b: string; readonly latency: number }[];
  /** Nodes that can lose power differently from a kill (they persist to disk). */
  readonly persistent: readonly string[];
}

export function sceneInfo(run: SceneRun, seed: number): SceneInfo {
  const c = run.setup.world;
  return {
    id: run.def.id,
    seed,
    knobs: run.def.knobs,
    values: { ...run.knobs },
    presets: run.def.presets ?? [],
    steps: [...run.setup.steps].sort((x, y) => x.at - y.at),
    events: run.setup.events,
    defaultUntil: run.def.defaultUntil,
    topology: {
      nodes: (c.nodes ?? []).map((n) => n.name),
      clients: (c.clients ?? []).map((x) => x.name),
      databases: (c.databases ?? []).map((d) => d.name),
      parts: (c.parts ?? []).map((p) => ({ name: p.name, kind: p.kind })),
      links: (c.links ?? []).map((l) => ({ a: l.a, b: l.b, latency: l.latencyMicros })),
      persistent: (c.persistence ?? []).map((p) => p.node),
    },
  };
}
