/** The scenes: ids, the registry, knobs and the headless runner. */
export { SCENES, SCENE_OPTIONS, getScene, sceneIds } from './registry.ts';
export {
  SCENE_IDS,
  type SceneDef,
  type SceneId,
  type SceneSetup,
  type SceneSummary,
} from './types.ts';
export { resolveKnobs, parseKnob, describeKnob, type KnobSpec, type KnobValues } from './knobs.ts';
export { createScene, runScene, summarizeScene, type SceneRun } from './run.ts';
export type { SceneEvent, StepMarker, Fill } from './director.ts';
export { MACHINE_PROFILES, TIERS, accessModel } from './memory-model.ts';
