import { describe, expect, it } from 'vitest';
import { isPresentToggle, presentActionFor } from '../../../src/ui/frame/present-keys.ts';

const body = { tagName: 'BODY' };
const input = { tagName: 'INPUT' };

describe('presentation keys', () => {
  it('Space plays and pauses, arrows and Page keys move through the steps', () => {
    expect(presentActionFor(' ', body)).toEqual({ kind: 'toggle-play' });
    expect(presentActionFor('ArrowRight', body)).toEqual({ kind: 'next' });
    expect(presentActionFor('PageDown', body)).toEqual({ kind: 'next' });
    expect(presentActionFor('ArrowLeft', body)).toEqual({ kind: 'previous' });
    expect(presentActionFor('PageUp', body)).toEqual({ kind: 'previous' });
  });

  it('1 to 9 jump to that step; 0 and other keys do nothing', () => {
    for (let n = 1; n <= 9; n++) {
      expect(presentActionFor(String(n), body)).toEqual({ kind: 'jump', step: n });
    }
    expect(presentActionFor('0', body)).toBeNull();
    expect(presentActionFor('a', body)).toBeNull();
    expect(presentActionFor('12', body)).toBeNull();
  });

  it('keys typed into a field stay in the field', () => {
    expect(presentActionFor('2', input)).toBeNull();
    expect(presentActionFor(' ', { tagName: 'TEXTAREA' })).toBeNull();
    expect(presentActionFor(' ', { tagName: 'DIV', isContentEditable: true })).toBeNull();
    expect(isPresentToggle('p', input)).toBe(false);
    expect(isPresentToggle('p', body)).toBe(true);
    expect(isPresentToggle('P', body)).toBe(true);
    expect(isPresentToggle('o', body)).toBe(false);
  });
});
