import type { FormEvent } from 'react';
import type { KnobSpec, KnobValue } from '../../sim/scenes/knobs.ts';
import { knobsFromForm } from './knob-form.ts';
import './knob-settings.css';

export interface KnobSettingsProps {
  /** Prefix of the fields' ids (`<idPrefix>-<knob>`), unique on the page. */
  readonly idPrefix: string;
  /** The scene's knob definitions (the worker's `SceneInfo.knobs`). */
  readonly specs: readonly KnobSpec[];
  /** The knobs shown, in this order; a name the scene lacks is skipped. */
  readonly shown: readonly string[];
  /** The values the fields start from (a knob missing here starts from its default). */
  readonly values: Readonly<Record<string, KnobValue>>;
  /** Each knob's label, from the scene's message catalogue (the knob's name without one). */
  readonly labels: Readonly<Record<string, string | undefined>>;
  /** A line under a field, tied to it with aria-describedby. */
  readonly hints?: Readonly<Record<string, string | undefined>>;
  /** The submit button's text. */
  readonly apply: string;
  readonly onApply: (knobs: Record<string, KnobValue>) => void;
}

/**
 * A scene's settings form, drawn from its knob definitions: a number field with the knob's
 * range, a checkbox, a list of choices or a text field with the knob's pattern. Submitting
 * hands the values read by `knobsFromForm` to `onApply` (the scene restarts with them). Give
 * it a `key` that changes with the values in effect, so the fields start from them again.
 */
export function KnobSettings({
  idPrefix,
  specs,
  shown,
  values,
  labels,
  hints = {},
  apply,
  onApply,
}: KnobSettingsProps) {
  const fields = shown.flatMap((name) => {
    const spec = specs.find((s) => s.name === name);
    return spec === undefined ? [] : [{ name, spec }];
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    onApply(knobsFromForm(new FormData(e.currentTarget), fields));
  };
  return (
    <form className="knob-settings" onSubmit={submit}>
      {fields.map(({ name, spec }) => {
        const id = `${idPrefix}-${name}`;
        const hint = hints[name];
        const described = hint === undefined ? {} : { 'aria-describedby': `${id}-hint` };
        const value = values[name] ?? spec.default;
        return (
          <div key={name} className="knob-field">
            <label htmlFor={id}>{labels[name] ?? name}</label>
            <KnobInput id={id} spec={spec} value={value} described={described} />
            {hint !== undefined && (
              <small id={`${id}-hint`} className="hint">
                {hint}
              </small>
            )}
          </div>
        );
      })}
      <button type="submit">{apply}</button>
    </form>
  );
}

function KnobInput({
  id,
  spec,
  value,
  described,
}: {
  id: string;
  spec: KnobSpec;
  value: KnobValue;
  described: Record<string, string>;
}) {
  const name = spec.name;
  switch (spec.kind) {
    case 'choice':
      return (
        <select id={id} name={name} defaultValue={String(value)} {...described}>
          {spec.choices.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      );
    case 'boolean':
      return (
        <input id={id} name={name} type="checkbox" defaultChecked={value === true} {...described} />
      );
    case 'text':
      return (
        <input
          id={id}
          name={name}
          defaultValue={String(value)}
          pattern={spec.pattern}
          spellCheck={false}
          {...described}
        />
      );
    case 'number':
      return (
        <input
          id={id}
          name={name}
          type="number"
          min={spec.min}
          max={spec.max}
          step="any"
          defaultValue={String(value)}
          {...described}
        />
      );
  }
}
