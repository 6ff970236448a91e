import { describe, expect, it } from 'vitest';
import { SHARE_LIMITS, decodeShareLink, encodeShareLink } from '../../src/store/share-link.ts';

describe('a lesson link carries its run', () => {
  it('reads back exactly what was written: step, seed, moment, knobs, commands and acts', () => {
    const state = {
      step: 3,
      seed: 4242,
      time: 2_500_000,
      knobs: { ttl: '10', pattern: 'write-back', save: '60 1000' },
      actions: [
        { at: 0, line: 'SET greeting "hello world"' },
        { at: 1_000_000, line: 'GET greeting' },
        { at: 1_200_000, act: { kind: 'send', client: 'admin', argv: ['KEYS', '*'] } },
        { at: 2_000_000, line: 'ZADD z 1 a&b=c' },
      ],
    };
    const hash = `#${encodeShareLink('cache', state)}`;
    expect(hash.startsWith('#/cache?')).toBe(true);
    expect(decodeShareLink(hash)).toEqual({ route: 'cache', share: state, notices: [] });
  });

  it('a plain lesson route is a route without state', () => {
    expect(decodeShareLink('#/memory')).toEqual({
      route: 'memory',
      share: { step: null, seed: null, time: null, knobs: {}, actions: [] },
      notices: [],
    });
    expect(decodeShareLink('').route).toBe('');
  });
});

describe('a tampered or cut link still opens, with notices', () => {
  it('drops malformed values and names them', () => {
    const d = decodeShareLink('#/cache?step=-1&seed=1e9&knob.ttl=5&knob.$$=1&theme=<script>');
    expect(d.route).toBe('cache');
    expect(d.share).toEqual({
      step: null,
      seed: null,
      time: null,
      knobs: { ttl: '5' },
      actions: [],
    });
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
    expect(d.share.actions).toHaveLength(SHARE_LIMITS.commands);
    expect(d.share.actions[0]).toEqual({ at: 0, line: 'INCR c0' });
    expect(d.notices).toEqual([{ param: 'cmd', problem: 'too-many' }]);

    const long = decodeShareLink(`#/data-types?cmd=${'x'.repeat(600)}&cmd=PING`);
    expect(long.share.actions).toEqual([{ at: 0, line: 'PING' }]);
    expect(long.notices).toEqual([{ param: 'cmd', problem: 'too-long' }]);
  });

  it('refuses a bad moment or an act that is not a journal entry, keeping the rest', () => {
    const d = decodeShareLink(
      '#/cache?cmd=99999999999999@GET%20a&act=5@[1,2]&act=7@%7B%22kind%22%3A%22crash%22%7D&t=-4&cmd=3@GET%20b&cmd=1@GET%20c',
    );
    expect(d.share.actions).toEqual([
      { at: 1, line: 'GET c' },
      { at: 3, line: 'GET b' },
      { at: 7, act: { kind: 'crash' } },
    ]);
    expect(d.notices).toEqual([
      { param: 'cmd', problem: 'malformed' },
      { param: 'act', problem: 'malformed' },
      { param: 't', problem: 'malformed' },
    ]);
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
