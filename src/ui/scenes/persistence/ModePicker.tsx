import type { KnobPreset } from '../../../sim/scenes/knobs.ts';
import { modeLabel, type PersistenceMessages } from './messages.ts';

/** The persistence modes as radio buttons: the presets the worker sent, in their order. */
export function ModePicker({
  presets,
  current,
  t,
  onPick,
}: {
  presets: readonly KnobPreset[];
  current: string | null;
  t: PersistenceMessages;
  onPick: (preset: KnobPreset) => void;
}) {
  return (
    <fieldset>
      <legend>{t.mode}</legend>
      {presets.map((p) => (
        <label key={p.id}>
          <input
            type="radio"
            name="ps-mode"
            value={p.id}
            checked={current === p.id}
            onChange={() => onPick(p)}
          />{' '}
          {modeLabel(t, p.id)}
        </label>
      ))}
    </fieldset>
  );
}
