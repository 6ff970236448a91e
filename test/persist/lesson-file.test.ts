import { describe, expect, it } from 'vitest';
import {
  lessonFileName,
  parseLessonFile,
  serializeLessonFile,
} from '../../src/persist/lesson-file.ts';

const lesson = {
  scene: 'cache' as const,
  seed: 7,
  step: 2,
  knobs: { ttl: 10, pattern: 'write-back', autoplay: false },
  snapshot: { version: 1, world: { nodes: [] } },
  history: ['GET key:1'],
};

describe('a lesson exported to a file imports back', () => {
  it('round-trips every field', () => {
    const parsed = parseLessonFile(serializeLessonFile(lesson));
    expect(parsed).toEqual({
      ok: true,
      value: { format: 'redis-sim-lesson', version: 1, ...lesson },
    });
    expect(lessonFileName('cache', 7)).toBe('redis-sim-cache-seed7.json');
  });

  it.each([
    ['not JSON', 'hello', /not JSON/],
    ['another app’s JSON', '{"name":"x"}', /not a redis-sim lesson/],
    [
      'a newer format',
      JSON.stringify({ ...JSON.parse(serializeLessonFile(lesson)), version: 9 }),
      /version 9/,
    ],
    [
      'an unknown lesson',
      serializeLessonFile({ ...lesson, scene: 'nope' as 'cache' }),
      /unknown lesson/,
    ],
    ['a negative seed', serializeLessonFile({ ...lesson, seed: -1 }), /seed/],
    ['step zero', serializeLessonFile({ ...lesson, step: 0 }), /step/],
    [
      'a knob holding an object',
      serializeLessonFile({ ...lesson, knobs: { ttl: {} as unknown as number } }),
      /knobs/,
    ],
    [
      'a history with a number',
      serializeLessonFile({ ...lesson, history: [1 as unknown as string] }),
      /history/,
    ],
    ['no saved state', serializeLessonFile({ ...lesson, snapshot: null }), /no saved state/],
  ])('refuses %s with a reason', (_name, text, reason) => {
    const parsed = parseLessonFile(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });
});
