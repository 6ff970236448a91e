import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  restoreSceneRecord,
  restoreSettingsRecord,
} from '../../src/persist/scene-record.ts';

describe('a saved lesson is checked before it is used', () => {
  const good = { version: 1, scene: 'cache', step: 2, snapshot: { scene: 'cache' } };

  it('passes when whole', () => {
    expect(restoreSceneRecord(good, 'cache')).toEqual({ ok: true, value: good });
  });

  it.each([
    ['a newer build', { ...good, version: 2 }, /newer version/],
    ['an older unknown version', { ...good, version: 0 }, /version 0/],
    ['not an object', 'x', /not an object/],
    ['a bad step', { ...good, step: 0 }, /step/],
    ['another lesson', { ...good, scene: 'memory' }, /another lesson/],
    ['a snapshot of another scene', { ...good, snapshot: { scene: 'memory' } }, /another lesson/],
    ['no snapshot', { ...good, snapshot: null }, /missing/],
  ])('is refused with a reason: %s', (_what, raw, reason) => {
    const r = restoreSceneRecord(raw, 'cache');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
});

describe('saved settings are checked before they apply', () => {
  it('passes when whole', () => {
    const s = { ...DEFAULT_SETTINGS, lang: 'ko', theme: 'dark', speed: 2, motion: 'reduce' };
    expect(restoreSettingsRecord(s)).toEqual({ ok: true, value: s });
  });

  it.each([
    ['a newer build', { ...DEFAULT_SETTINGS, version: 9 }, /newer version/],
    ['an unknown language', { ...DEFAULT_SETTINGS, lang: 'fr' }, /language/],
    ['an unknown theme', { ...DEFAULT_SETTINGS, theme: 'sepia' }, /theme/],
    ['a speed out of range', { ...DEFAULT_SETTINGS, speed: 1000 }, /speed/],
    ['a speed that is not a number', { ...DEFAULT_SETTINGS, speed: '2' }, /speed/],
    ['an unknown motion setting', { ...DEFAULT_SETTINGS, motion: 'fast' }, /motion/],
  ])('is refused with a reason: %s', (_what, raw, reason) => {
    const r = restoreSettingsRecord(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
});
