import { describe, expect, it } from 'vitest';
import { globMatch } from '../../../src/engine/keyspace/glob.ts';

describe('globMatch follows stringmatchlen', () => {
  it.each([
    ['*', 'anything', true],
    ['h?llo', 'hello', true],
    ['h?llo', 'hllo', false],
    ['h*llo', 'heeeello', true],
    ['h[ae]llo', 'hallo', true],
    ['h[ae]llo', 'hillo', false],
    ['h[^e]llo', 'hallo', true],
    ['h[^e]llo', 'hello', false],
    ['h[a-b]llo', 'hbllo', true],
    ['h[b-a]llo', 'hbllo', true],
    ['h\\*llo', 'h*llo', true],
    ['h\\*llo', 'hello', false],
    ['', '', true],
    ['a', '', false],
    ['user:*', 'user:1', true],
    ['*:1', 'user:1', true],
  ])('%j against %j is %s', (pattern, subject, expected) => {
    expect(globMatch(pattern, subject)).toBe(expected);
  });

  it('stays fast on patterns that would backtrack exponentially', () => {
    const subject = 'a'.repeat(60);
    const pattern = 'a*'.repeat(30) + 'b';
    expect(globMatch(pattern, subject)).toBe(false);
  });

  it('matches case-insensitively on request', () => {
    expect(globMatch('HELLO', 'hello', true)).toBe(true);
    expect(globMatch('HELLO', 'hello')).toBe(false);
  });
});
