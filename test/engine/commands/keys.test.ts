import { describe, expect, it } from 'vitest';
import { testEngine } from '../../helpers/engine.ts';

describe('key commands', () => {
  it('EXPIRE GT treats no TTL as infinite; LT always beats it', () => {
    const { cli } = testEngine();
    cli('SET', 'k', 'v');
    expect(cli('EXPIRE', 'k', '10', 'GT')).toBe('(integer) 0');
    expect(cli('EXPIRE', 'k', '10', 'LT')).toBe('(integer) 1');
    expect(cli('EXPIRE', 'k', '20', 'GT')).toBe('(integer) 1');
    expect(cli('TTL', 'k')).toBe('(integer) 20');
  });

  it('EXPIRE with a time in the past deletes the key and replies 1', () => {
    const { cli } = testEngine();
    cli('SET', 'k', 'v');
    expect(cli('EXPIRE', 'k', '0')).toBe('(integer) 1');
    expect(cli('EXISTS', 'k')).toBe('(integer) 0');
  });

  it('TTL rounds to the nearest second, as Redis does', () => {
    const { cli, clock } = testEngine();
    cli('SET', 'k', 'v', 'EX', '10');
    clock.advanceMs(9_400);
    expect(cli('TTL', 'k')).toBe('(integer) 1');
    clock.advanceMs(200);
    expect(cli('TTL', 'k')).toBe('(integer) 0');
    expect(cli('PTTL', 'k')).toBe('(integer) 400');
  });

  it('KEYS skips expired keys; DBSIZE still counts them until they are touched', () => {
    const { cli, clock } = testEngine();
    cli('MSET', 'a', '1', 'b', '2');
    cli('PEXPIRE', 'a', '10');
    clock.advanceMs(11);
    expect(cli('KEYS', '*')).toBe('1) "b"');
    expect(cli('DBSIZE')).toBe('(integer) 2');
    expect(cli('GET', 'a')).toBe('(nil)');
    expect(cli('DBSIZE')).toBe('(integer) 1');
  });

  it('DEL returns how many keys it removed; TYPE names the type', () => {
    const { cli } = testEngine();
    cli('MSET', 'a', '1', 'b', '2');
    expect(cli('TYPE', 'a')).toBe('string');
    expect(cli('TYPE', 'z')).toBe('none');
    expect(cli('DEL', 'a', 'b', 'z')).toBe('(integer) 2');
    expect(cli('FLUSHDB')).toBe('OK');
  });

  it('an unknown command echoes its name and first arguments', () => {
    const { cli } = testEngine();
    expect(cli('FOO', 'a', 'b')).toBe(
      "(error) ERR unknown command 'FOO', with args beginning with: 'a' 'b' ",
    );
    expect(cli('FOO')).toBe("(error) ERR unknown command 'FOO', with args beginning with: ");
  });
});
