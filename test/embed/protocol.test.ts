import { describe, expect, it } from 'vitest';
import {
  MAX_FRAME_HEIGHT_PX,
  envelope,
  parseFrameEvent,
  parseHostCommand,
} from '../../src/embed/protocol.ts';

describe('the embed channel accepts only its own well-formed messages', () => {
  it('passes play, pause and seek addressed to this embed', () => {
    expect(parseHostCommand(envelope('a', { type: 'play' }), 'a')).toEqual({ type: 'play' });
    expect(parseHostCommand(envelope('a', { type: 'pause' }), 'a')).toEqual({ type: 'pause' });
    expect(parseHostCommand(envelope('a', { type: 'seek', step: 3 }), 'a')).toEqual({
      type: 'seek',
      step: 3,
    });
  });

  it('ignores a command meant for another embed on the same page', () => {
    expect(parseHostCommand(envelope('b', { type: 'play' }), 'a')).toBeNull();
  });

  it.each([
    ['a string', 'play'],
    ['null', null],
    ['another tag', { tag: 'other', v: 1, id: 'a', msg: { type: 'play' } }],
    ['a future version', { tag: 'redis-sim', v: 2, id: 'a', msg: { type: 'play' } }],
    ['an unknown command', envelope('a', { type: 'eval', code: 'alert(1)' })],
    ['a seek to step 0', envelope('a', { type: 'seek', step: 0 })],
    ['a seek to a fraction', envelope('a', { type: 'seek', step: 1.5 })],
    ['a seek to a string', envelope('a', { type: 'seek', step: '2' })],
    ['a message that is an array', envelope('a', ['play'])],
  ])('drops %s', (_name, data) => {
    expect(parseHostCommand(data, 'a')).toBeNull();
  });

  it('passes the frame events and caps a runaway height', () => {
    expect(parseFrameEvent(envelope('a', { type: 'ready', steps: 5 }), 'a')).toEqual({
      type: 'ready',
      steps: 5,
    });
    expect(parseFrameEvent(envelope('a', { type: 'step', step: 2 }), 'a')).toEqual({
      type: 'step',
      step: 2,
    });
    expect(parseFrameEvent(envelope('a', { type: 'ended' }), 'a')).toEqual({ type: 'ended' });
    expect(parseFrameEvent(envelope('a', { type: 'height', px: 512.2 }), 'a')).toEqual({
      type: 'height',
      px: 513,
    });
    expect(parseFrameEvent(envelope('a', { type: 'height', px: 1e9 }), 'a')).toEqual({
      type: 'height',
      px: MAX_FRAME_HEIGHT_PX,
    });
  });

  it('drops heights that are not sizes', () => {
    for (const px of [-1, Number.NaN, Infinity, '300']) {
      expect(parseFrameEvent(envelope('a', { type: 'height', px }), 'a')).toBeNull();
    }
  });
});
