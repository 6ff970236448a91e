import { describe, expect, it } from 'vitest';
import { presentFromSearch, searchWithPresent } from '../../../src/ui/app/presentation.ts';

describe('presentation mode in the URL', () => {
  it('is on for ?present=1 (or true, or bare) and off otherwise', () => {
    expect(presentFromSearch('?present=1')).toBe(true);
    expect(presentFromSearch('?present=true')).toBe(true);
    expect(presentFromSearch('?present')).toBe(true);
    expect(presentFromSearch('?present=0')).toBe(false);
    expect(presentFromSearch('?present=<b>')).toBe(false);
    expect(presentFromSearch('')).toBe(false);
  });

  it('is set and cleared without touching the other parameters', () => {
    expect(searchWithPresent('', true)).toBe('?present=1');
    expect(searchWithPresent('?lang=ko', true)).toBe('?lang=ko&present=1');
    expect(searchWithPresent('?lang=ko&present=1', false)).toBe('?lang=ko');
    expect(searchWithPresent('?present=1', false)).toBe('');
  });
});
