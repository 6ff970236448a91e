import { describe, expect, it } from 'vitest';
import type { KnobSpec } from '../../../src/sim/scenes/knobs.ts';
import { knobsFromForm } from '../../../src/ui/frame/knob-form.ts';

const shown: { name: string; spec: KnobSpec }[] = [
  { name: 'rate', spec: { kind: 'number', name: 'rate', default: 10, min: 1, max: 100 } },
  {
    name: 'keys',
    spec: { kind: 'number', name: 'keys', default: 5, min: 1, max: 50, integer: true },
  },
  { name: 'replicas', spec: { kind: 'boolean', name: 'replicas', default: true } },
  {
    name: 'pattern',
    spec: { kind: 'choice', name: 'pattern', default: 'a', choices: ['a', 'b'] },
  },
];

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

describe('knobsFromForm', () => {
  it('clamps numbers to the knob range, rounds integral knobs, reads checkboxes and choices', () => {
    expect(
      knobsFromForm(form({ rate: '500', keys: '7.6', replicas: 'on', pattern: 'b' }), shown),
    ).toEqual({ rate: 100, keys: 8, replicas: true, pattern: 'b' });
    expect(knobsFromForm(form({ rate: '0.5', keys: '-3' }), shown)).toEqual({
      rate: 1,
      keys: 1,
      replicas: false,
    });
  });

  it('leaves out an empty or non-numeric field, so that knob keeps its value', () => {
    expect(knobsFromForm(form({ rate: '', keys: 'many', pattern: 'a' }), shown)).toEqual({
      replicas: false,
      pattern: 'a',
    });
  });
});
