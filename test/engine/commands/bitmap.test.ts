import { describe, expect, it } from 'vitest';
import { testEngine } from '../../helpers/engine.ts';

describe('bitmap commands', () => {
  it('SETBIT grows the string with zero bytes and returns the old bit', () => {
    const { cli } = testEngine();
    expect(cli('SETBIT', 'b', '17', '1')).toBe('(integer) 0');
    expect(cli('GET', 'b')).toBe('"\\x00\\x00@"');
    expect(cli('SETBIT', 'b', '17', '0')).toBe('(integer) 1');
    expect(cli('GETBIT', 'b', '17')).toBe('(integer) 0');
    expect(cli('SETBIT', 'b', '4294967296', '1')).toBe(
      '(error) ERR bit offset is not an integer or out of range',
    );
    expect(cli('SETBIT', 'b', '1', '2')).toBe('(error) ERR bit is not an integer or out of range');
  });

  it('an unchanged SETBIT does not count as a write', () => {
    const { cli, engine } = testEngine();
    cli('SETBIT', 'b', '3', '1');
    const dirty = engine.dirty;
    cli('SETBIT', 'b', '3', '1');
    expect(engine.dirty).toBe(dirty);
    cli('SETBIT', 'b', '3', '0');
    expect(engine.dirty).toBe(dirty + 1);
  });

  it('BITCOUNT and BITPOS work in bits and bytes', () => {
    const { cli } = testEngine();
    cli('SET', 'k', '\x00\xff\xf0');
    expect(cli('BITCOUNT', 'k')).toBe('(integer) 12');
    expect(cli('BITCOUNT', 'k', '1', '1')).toBe('(integer) 8');
    expect(cli('BITCOUNT', 'k', '6', '9', 'BIT')).toBe('(integer) 2');
    expect(cli('BITPOS', 'k', '1')).toBe('(integer) 8');
    expect(cli('BITPOS', 'k', '0', '1')).toBe('(integer) 20');
    expect(cli('BITPOS', 'k', '0', '1', '1')).toBe('(integer) -1');
    expect(cli('BITPOS', 'k', '1', '2', '-1', 'BIT')).toBe('(integer) 8');
  });

  it('BITOP pads shorter sources with zeros and deletes the target on an empty result', () => {
    const { cli } = testEngine();
    cli('SET', 'a', '\xff\xff');
    cli('SET', 'b', '\x0f');
    expect(cli('BITOP', 'AND', 'd', 'a', 'b')).toBe('(integer) 2');
    expect(cli('GET', 'd')).toBe('"\\x0f\\x00"');
    expect(cli('BITOP', 'NOT', 'd', 'a', 'b')).toBe(
      '(error) ERR BITOP NOT must be called with a single source key.',
    );
    expect(cli('BITOP', 'OR', 'd', 'none')).toBe('(integer) 0');
    expect(cli('EXISTS', 'd')).toBe('(integer) 0');
  });
});
