// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { KnobPreset } from '../../../../src/sim/scenes/knobs.ts';
import { createScene } from '../../../../src/sim/scenes/index.ts';
import { persistenceCatalogues } from '../../../../src/ui/scenes/persistence/messages.ts';
import { modeKnobs, modeOf } from '../../../../src/ui/scenes/persistence/model.ts';
import { ModePicker } from '../../../../src/ui/scenes/persistence/ModePicker.tsx';
import { sceneInfo } from '../../../../src/worker/scene-info.ts';

const t = persistenceCatalogues.en;

/** The scene info the worker sends for the persistence scene with these knobs. */
const infoFor = (knobs: Record<string, string> = {}) =>
  sceneInfo(createScene('persistence', 1, knobs), 1);

describe('persistence mode picker', () => {
  afterEach(cleanup);

  it('draws one radio a mode the worker sends, in its order, and checks the world’s mode', () => {
    const info = infoFor({ appendonly: 'yes', appendfsync: 'always', save: '' });
    expect(info.presets.length).toBeGreaterThan(1);
    render(
      <ModePicker
        presets={info.presets}
        current={modeOf(info.values, info.presets)}
        t={t}
        onPick={() => undefined}
      />,
    );
    const radios = screen.getAllByRole('radio');
    expect(radios.map((r) => r.getAttribute('value'))).toEqual(info.presets.map((p) => p.id));
    expect(screen.getByRole('radio', { name: t.modes['aof-always'] })).toHaveProperty(
      'checked',
      true,
    );
    expect(radios.filter((r) => (r as HTMLInputElement).checked)).toHaveLength(1);
  });

  it('names a mode the catalogue lacks by its id, and hands the chosen preset back', () => {
    const presets: KnobPreset[] = [
      ...infoFor().presets,
      { id: 'aof-rewrite', knobs: { appendonly: 'yes' } },
    ];
    const picked: KnobPreset[] = [];
    render(<ModePicker presets={presets} current="rdb" t={t} onPick={(p) => picked.push(p)} />);
    fireEvent.click(screen.getByRole('radio', { name: 'aof-rewrite' }));
    expect(picked.map((p) => p.id)).toEqual(['aof-rewrite']);
  });

  it('each mode’s knobs, loaded by the worker, come back as that mode', () => {
    for (const preset of infoFor().presets) {
      const info = infoFor(modeKnobs(preset, '5 100'));
      expect(modeOf(info.values, info.presets)).toBe(preset.id);
    }
  });
});
