import type { KnobSpec, KnobValue } from '../../sim/scenes/knobs.ts';

/**
 * The knob values a scene's settings form holds, read by each knob's spec: numbers clamped to
 * the spec's range (rounded when integral; an empty or non-numeric field is left out, so the
 * knob keeps its value), a checkbox as true/false, a choice as its text.
 */
export function knobsFromForm(
  data: FormData,
  shown: readonly { readonly name: string; readonly spec: KnobSpec }[],
): Record<string, KnobValue> {
  const knobs: Record<string, KnobValue> = {};
  for (const { name, spec } of shown) {
    const raw = data.get(name);
    if (spec.kind === 'boolean') {
      knobs[name] = raw === 'on';
    } else if (typeof raw !== 'string') {
      continue;
    } else if (spec.kind === 'number') {
      const n = Number(raw);
      if (raw.trim() !== '' && Number.isFinite(n)) {
        knobs[name] = Math.min(spec.max, Math.max(spec.min, spec.integer ? Math.round(n) : n));
      }
    } else knobs[name] = raw;
  }
  return knobs;
}
