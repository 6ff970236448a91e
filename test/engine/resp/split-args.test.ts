import { describe, expect, it } from 'vitest';
import { splitArgs } from '../../../src/engine/index.ts';

describe('splitArgs splits a line like redis-cli', () => {
  it('splits on any run of blanks', () => {
    expect(splitArgs('  SET   greeting\thello ')).toEqual(['SET', 'greeting', 'hello']);
    expect(splitArgs('')).toEqual([]);
    expect(splitArgs('   ')).toEqual([]);
  });

  it('keeps spaces inside quotes and decodes escapes in double quotes', () => {
    expect(splitArgs('SET k "hello world"')).toEqual(['SET', 'k', 'hello world']);
    expect(splitArgs('SET k "a\\nb\\tc\\"d\\\\e"')).toEqual(['SET', 'k', 'a\nb\tc"d\\e']);
    expect(splitArgs('SET k "\\x41\\xff\\x4"')).toEqual(['SET', 'k', 'A\xffx4']);
  });

  it("takes single quotes literally except for \\'", () => {
    expect(splitArgs("SET k 'a\\nb'")).toEqual(['SET', 'k', 'a\\nb']);
    expect(splitArgs("SET k 'it\\'s'")).toEqual(['SET', 'k', "it's"]);
  });

  it('joins a quoted part to the text before it', () => {
    expect(splitArgs('SET k ab"c d"')).toEqual(['SET', 'k', 'abc d']);
  });

  it('gives an empty argument for empty quotes', () => {
    expect(splitArgs('SET k ""')).toEqual(['SET', 'k', '']);
  });

  it('refuses unbalanced quotes and a closing quote followed by text', () => {
    expect(splitArgs('SET k "open')).toBeNull();
    expect(splitArgs("SET k 'open")).toBeNull();
    expect(splitArgs('SET k "a"b')).toBeNull();
  });
});
