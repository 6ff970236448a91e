/**
 * A scene's knobs: named, typed settings with a default and their valid values. The UI
 * draws controls from them, the URL carries them, `npm run sim -- --set name=value` parses
 * them; all three go through parseKnob so they accept and refuse the same things.
 */

export type KnobSpec =
  | {
      readonly kind: 'number';
      readonly name: string;
      readonly default: number;
      readonly min: number;
      readonly max: number;
      readonly integer?: boolean;
      readonly unit?: string;
    }
  | {
      readonly kind: 'choice';
      readonly name: string;
      readonly default: string;
      readonly choices: readonly string[];
    }
  | { readonly kind: 'boolean'; readonly name: string; readonly default: boolean }
  /**
   * Free text matching `pattern` (a regular expression's source, anchored by the author),
   * for settings Redis itself takes as text, like `save "60 1000"`. `hint` shows the form.
   */
  | {
      readonly kind: 'text';
      readonly name: string;
      readonly default: string;
      readonly pattern: string;
      readonly hint: string;
    };

export type KnobValue = number | string | boolean;
export type KnobValues = Readonly<Record<string, KnobValue>>;

/**
 * A named set of knob values a lesson offers as one choice (the persistence modes). Choosing
 * it sets these knobs; the others keep their values.
 */
export interface KnobPreset {
  readonly id: string;
  readonly knobs: Readonly<Record<string, string>>;
}

/** What valid values of a knob look like, for error messages. */
export function describeKnob(spec: KnobSpec): string {
  switch (spec.kind) {
    case 'number':
      return `${spec.integer === true ? 'an integer' : 'a number'} in [${spec.min}, ${spec.max}]`;
    case 'choice':
      return `one of ${spec.choices.join(', ')}`;
    case 'boolean':
      return 'true or false';
    case 'text':
      return `text like ${spec.hint}`;
  }
}

/** A knob's value from text; throws a one-line message naming the knob and what is valid. */
export function parseKnob(spec: KnobSpec, text: string): KnobValue {
  const bad = (): Error =>
    new Error(`bad value '${text}' for knob '${spec.name}': expected ${describeKnob(spec)}`);
  switch (spec.kind) {
    case 'number': {
      const n = text.trim() === '' ? NaN : Number(text);
      if (!Number.isFinite(n) || n < spec.min || n > spec.max) throw bad();
      if (spec.integer === true && !Number.isInteger(n)) throw bad();
      return n;
    }
    case 'choice':
      if (!spec.choices.includes(text)) throw bad();
      return text;
    case 'boolean':
      if (text !== 'true' && text !== 'false') throw bad();
      return text === 'true';
    case 'text':
      if (!new RegExp(spec.pattern).test(text)) throw bad();
      return text;
  }
}

/** Defaults overridden by `overrides` (name → text), every name and value checked. */
export function resolveKnobs(
  specs: readonly KnobSpec[],
  overrides: Readonly<Record<string, string>> = {},
): Record<string, KnobValue> {
  const values: Record<string, KnobValue> = {};
  for (const spec of specs) values[spec.name] = spec.default;
  for (const [name, text] of Object.entries(overrides)) {
    const spec = specs.find((s) => s.name === name);
    if (spec === undefined) {
      const known = specs.map((s) => s.name).join(', ') || 'none';
      throw new Error(`unknown knob '${name}' (knobs: ${known})`);
    }
    values[name] = parseKnob(spec, text);
  }
  return values;
}

/** Typed reads of resolved knobs (the scene's own specs guarantee the type). */
export const num = (k: KnobValues, name: string): number => k[name] as number;
export const str = (k: KnobValues, name: string): string => k[name] as string;
export const bool = (k: KnobValues, name: string): boolean => k[name] as boolean;
