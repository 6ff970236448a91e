import { useStore } from 'zustand';
import type { SimStore } from '../../store/sim-store.ts';
import { KnobSettings, type KnobSettingsProps } from './KnobSettings.tsx';

export type SceneSettingsProps<V> = Omit<KnobSettingsProps, 'specs' | 'values' | 'onApply'> & {
  readonly store: SimStore<V>;
};

/**
 * A scene's settings form bound to its store: the knob definitions the worker sent, the
 * values in effect (the learner's choices over the scene's defaults, so a choice shows at
 * once while its reload is queued), and Apply restarting the scene with the new knobs.
 * Nothing is drawn until the worker has described the scene.
 */
export function SceneSettings<V>({ store, ...form }: SceneSettingsProps<V>) {
  const info = useStore(store, (x) => x.info);
  const knobs = useStore(store, (x) => x.knobs);
  if (info === null) return null;
  const values = { ...info.values, ...knobs };
  return (
    <KnobSettings
      // A new key when the values in effect change, so the fields start from them again.
      key={JSON.stringify(values)}
      {...form}
      specs={info.knobs}
      values={values}
      onApply={(k) => void store.getState().reload({ knobs: k })}
    />
  );
}
