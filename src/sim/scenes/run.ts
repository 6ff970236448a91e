import { fromSeconds } from '../core/clock.ts';
import { World, type WorldConfig } from '../world/world.ts';
import { directorPart } from './director.ts';
import { getScene, SCENE_OPTIONS } from './registry.ts';
import { resolveKnobs, type KnobValues } from './knobs.ts';
import { round4 } from './measure.ts';
import type { SceneDef, SceneSetup, SceneSummary } from './types.ts';

/** A scene's world, ready to run, with what it was built from. */
export interface SceneRun {
  readonly def: SceneDef;
  readonly knobs: KnobValues;
  readonly setup: SceneSetup;
  readonly world: World;
}

/**
 * Builds a scene's world: the scene's config plus a director part that plays its events,
 * fills and step markers. `set` overrides knobs by name, as text (CLI, URL), checked.
 * `metrics` replaces the scene's sampling (scenes turn it off headless; the UI charts it).
 * Sampling appends no trace record, so it leaves the trace hash as it is.
 */
export function createScene(
  id: string,
  seed: number,
  set: Readonly<Record<string, string>> = {},
  metrics?: WorldConfig['metrics'],
): SceneRun {
  const def = getScene(id);
  const knobs = resolveKnobs(def.knobs, set);
  const setup = def.build(knobs, seed);
  const director = directorPart({
    events: setup.events,
    steps: setup.steps,
    fills: setup.fills ?? [],
  });
  const world = World.create(
    {
      ...setup.world,
      ...(metrics === undefined ? {} : { metrics }),
      parts: [...(setup.world.parts ?? []), director],
    },
    SCENE_OPTIONS,
  );
  return { def, knobs, setup, world };
}

/** The summary of a scene's world as it stands now. */
export function summarizeScene(run: SceneRun): SceneSummary {
  const { def, knobs, world } = run;
  const f = def.summarize(world, knobs);
  const seconds = world.now / 1_000_000;
  const requests = f.requests ?? 0;
  return {
    scene: def.id,
    seed: world.config.seed,
    until: seconds,
    requests,
    latency: f.latency ?? { p50: 0, p95: 0, p99: 0 },
    throughput: round4(seconds > 0 ? requests / seconds : 0),
    hitRatio: f.hitRatio ?? null,
    databaseLoad: f.databaseLoad ?? null,
    writesAcknowledged: f.writesAcknowledged ?? 0,
    writesLost: f.writesLost ?? { count: 0, list: [] },
    traceHash: world.trace.hash(),
    knobs: { ...knobs },
    ...f.extra,
  };
}

/** Runs a scene headless to `untilSeconds` (default: the scene's own) and summarizes it. */
export function runScene(
  id: string,
  seed: number,
  untilSeconds?: number,
  set: Readonly<Record<string, string>> = {},
): SceneSummary {
  const run = createScene(id, seed, set);
  run.world.runUntil(fromSeconds(untilSeconds ?? run.def.defaultUntil));
  return summarizeScene(run);
}
