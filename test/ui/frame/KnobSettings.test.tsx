// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { KnobSpec, KnobValue } from '../../../src/sim/scenes/knobs.ts';
import { KnobSettings } from '../../../src/ui/frame/KnobSettings.tsx';

const specs: KnobSpec[] = [
  { kind: 'number', name: 'rate', default: 10, min: 1, max: 100 },
  { kind: 'boolean', name: 'replicas', default: true },
  { kind: 'choice', name: 'policy', default: 'lru', choices: ['lru', 'lfu'] },
  { kind: 'text', name: 'save', default: '60 1', pattern: '^[0-9 ]*$', hint: '60 1' },
  { kind: 'number', name: 'hidden', default: 1, min: 0, max: 2 },
];

function draw(values: Record<string, KnobValue>, applied: Record<string, KnobValue>[]) {
  return render(
    <KnobSettings
      idPrefix="t-knob"
      specs={specs}
      shown={['rate', 'replicas', 'policy', 'save', 'absent']}
      values={values}
      labels={{ rate: 'Rate', replicas: 'Replicas', policy: 'Policy' }}
      hints={{ rate: 'Requests a second.' }}
      apply="Apply"
      onApply={(k) => applied.push(k)}
    />,
  );
}

describe('KnobSettings', () => {
  afterEach(cleanup);

  it('draws one field of the knob kind each, labelled from the catalogue, in the order shown', () => {
    draw({ rate: 25 }, []);
    const rate = screen.getByRole('spinbutton', { name: 'Rate' });
    expect(rate).toHaveProperty('value', '25');
    expect(rate.getAttribute('min')).toBe('1');
    expect(rate.getAttribute('max')).toBe('100');
    expect(rate.getAttribute('aria-describedby')).toBe('t-knob-rate-hint');
    expect(document.getElementById('t-knob-rate-hint')?.textContent).toBe('Requests a second.');
    expect(screen.getByRole('checkbox', { name: 'Replicas' })).toHaveProperty('checked', true);
    expect(screen.getByRole('combobox', { name: 'Policy' })).toHaveProperty('value', 'lru');
    // No label in the catalogue: the knob's own name.
    expect(screen.getByRole('textbox', { name: 'save' })).toHaveProperty('value', '60 1');
    expect(screen.queryByText('hidden')).toBeNull();
    const labels = [...document.querySelectorAll('label')].map((l) => l.textContent);
    expect(labels).toEqual(['Rate', 'Replicas', 'Policy', 'save']);
  });

  it('hands the edited values to onApply', () => {
    const applied: Record<string, KnobValue>[] = [];
    draw({}, applied);
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Rate' }), {
      target: { value: '50' },
    });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Replicas' }));
    fireEvent.change(screen.getByRole('combobox', { name: 'Policy' }), {
      target: { value: 'lfu' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(applied).toEqual([{ rate: 50, replicas: false, policy: 'lfu', save: '60 1' }]);
  });
});
