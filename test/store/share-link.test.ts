import { describe, expect, it } from 'vitest';
import { SHARE_LIMITS, decodeShareLink, encodeShareLink } from '../../src/store/share-link.ts';

describe('a lesson link carries its run', () => {
  it('reads back exactly what was written: step, seed, knobs and console commands', () => {
    const state = {
      step: 3,
      seed: 4242,
      knobs: { ttl: '10', pattern: 'write-back', save: '60 1000' },
      commands: ['SET greeting "hello world"', 'GET greeting', 'ZADD z 1 a&b=c'],
    };
    const hash = `#${encodeShareLink('cache', state)}`;
    expect(hash.startsWith('#/cache?')).toBe(true);
    expect(decodeShareLink(hash)).toEqual({ route: 'cache', share: state, notices: [] });
  });

  it('a plain lesson route is a route without state', () => {
    expect(decodeShareLink('#/memory')).toEqual({
      route: 'memory',
      share: { step: null, seed: null, knobs: {}, commands: [] },
      notices: [],
    });
    expect(decodeShareLink('').route).toBe('');
  });
});

describe('a tampered or cut link still opens, with notices', () => {
  it('drops malformed values and names them', () => {
    const d = decodeShareLink('#/cache?step=-1&seed=1e9&knob.ttl=5&knob.$$=1&theme=<script>');
    expect(d.route).toBe('cache');
    expect(d.share).toEqual({ step: null, seed: null, knobs: { ttl: '5' }, commands: [] });
    expect(d.notices).toEqual([
      { param: 'step', problem: 'malformed' },
      { param: 'seed', problem: 'malformed' },
      { param: 'knob', problem: 'malformed' },
      { param: 'theme', problem: 'unknown' },
    ]);
  });

  it('bounds the number and length of console commands', () => {
    const many = Array.from({ length: 60 }, (_, i) => `cmd=INCR%20c${i}`).join('&');
    const d = decodeShareLink(`#/data-types?${many}&cmd=${'x'.repeat(600)}`);
    expect(d.share.commands).toHaveLength(SHARE_LIMITS.commands);
    expect(d.share.commands[0]).toBe('INCR c0');
    expect(d.notices).toEqual([{ param: 'cmd', problem: 'too-many' }]);

    const long = decodeShareLink(`#/data-types?cmd=${'x'.repeat(600)}&cmd=PING`);
    expect(long.share.commands).toEqual(['PING']);
    expect(long.notices).toEqual([{ param: 'cmd', problem: 'too-long' }]);
  });

  it('cuts an over-long link and says so', () => {
    const d = decodeShareLink(`#/cache?seed=7&cmd=${'a'.repeat(20_000)}`);
    expect(d.share.seed).toBe(7);
    expect(d.notices).toContainEqual({ param: 'link', problem: 'too-long' });
  });

  it('never carries more than the knob limit', () => {
    const knobs = Array.from({ length: 40 }, (_, i) => `knob.k${i}=1`).join('&');
    const d = decodeShareLink(`#/cache?${knobs}`);
    expect(Object.keys(d.share.knobs)).toHaveLength(SHARE_LIMITS.knobs);
    expect(d.notices.every((n) => n.problem === 'too-many')).toBe(true);
  });
});
