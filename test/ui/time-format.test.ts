import { describe, expect, it } from 'vitest';
import {
  formatLatency,
  shortcutFor,
  SPEED_STEPS,
  sliderFromSpeed,
  speedFromSlider,
  stepAt,
} from '../../src/ui/frame/time-format.ts';

describe('frame helpers', () => {
  it('maps the speed slider on a log scale from 0.1x to 100x', () => {
    expect(speedFromSlider(0)).toBe(0.1);
    expect(speedFromSlider(1)).toBe(100);
    expect(speedFromSlider(1 / 3)).toBe(1);
    expect(speedFromSlider(2 / 3)).toBe(10);
    expect(speedFromSlider(sliderFromSpeed(42))).toBe(42);
    expect(sliderFromSpeed(1000)).toBe(1);
  });

  it('moves the speed slider one rounded speed per arrow key, 10x on a step', () => {
    const speeds = Array.from({ length: SPEED_STEPS + 1 }, (_, i) =>
      speedFromSlider(i / SPEED_STEPS),
    );
    // A step that rounds back to the previous speed would leave the slider stuck there.
    expect(new Set(speeds).size).toBe(speeds.length);
    speeds.forEach((speed, i) => expect(Math.round(sliderFromSpeed(speed) * SPEED_STEPS)).toBe(i));
    expect(speeds).toContain(10);
  });

  it('writes latencies people can read', () => {
    expect(formatLatency(180.4)).toBe('180 µs');
    expect(formatLatency(2400)).toBe('2.4 ms');
    expect(formatLatency(38_000)).toBe('38 ms');
    expect(formatLatency(1_200_000)).toBe('1.20 s');
  });

  it('finds the narrative step in effect', () => {
    expect(stepAt([0, 1000, null, 5000], 0)).toBe(0);
    expect(stepAt([0, 1000, null, 5000], 4000)).toBe(1);
    expect(stepAt([0, 1000, null, 5000], 5000)).toBe(3);
  });

  it('leaves keys alone while the learner types or works a slider', () => {
    const div = { tagName: 'DIV' };
    expect(shortcutFor(' ', div)).toBe('toggle');
    expect(shortcutFor('ArrowRight', div)).toBe('step');
    expect(shortcutFor('ArrowLeft', div)).toBe('back');
    expect(shortcutFor(' ', { tagName: 'BUTTON' })).toBeNull();
    expect(shortcutFor('ArrowRight', { tagName: 'INPUT', type: 'range' })).toBeNull();
    expect(shortcutFor(' ', { tagName: 'INPUT', type: 'text' })).toBeNull();
    expect(shortcutFor('a', div)).toBeNull();
  });
});
