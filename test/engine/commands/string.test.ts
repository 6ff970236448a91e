import { describe, expect, it } from 'vitest';
import { testEngine } from '../../helpers/engine.ts';

describe('string commands', () => {
  it('SET then GET returns the value; GET of a missing key is nil', () => {
    const { cli } = testEngine();
    expect(cli('SET', 'greeting', 'hello')).toBe('OK');
    expect(cli('GET', 'greeting')).toBe('"hello"');
    expect(cli('GET', 'nope')).toBe('(nil)');
  });

  it('GET with the wrong number of arguments names the command', () => {
    const { cli } = testEngine();
    expect(cli('GET')).toBe("(error) ERR wrong number of arguments for 'get' command");
    expect(cli('gEt', 'a', 'b')).toBe("(error) ERR wrong number of arguments for 'get' command");
  });

  it('SET EX expires the key once its time has passed, not a millisecond before', () => {
    const { cli, clock } = testEngine();
    cli('SET', 'session', 'abc', 'EX', '10');
    expect(cli('TTL', 'session')).toBe('(integer) 10');
    clock.advanceMs(10_000);
    expect(cli('GET', 'session')).toBe('"abc"');
    clock.advanceMs(1);
    expect(cli('GET', 'session')).toBe('(nil)');
    expect(cli('TTL', 'session')).toBe('(integer) -2');
  });

  it('SET over an expired key counts it as expired, as the real server does', () => {
    const { cli, clock } = testEngine();
    cli('SET', 'e', 'v', 'PX', '50');
    clock.advanceMs(200);
    expect(cli('SET', 'e', 'v2')).toBe('OK');
    expect(cli('INFO', 'stats')).toContain('expired_keys:1');
    expect(cli('TTL', 'e')).toBe('(integer) -1');
  });

  it('INCR keeps an int an int, and turns an INCRBYFLOAT result back into one', () => {
    const { cli } = testEngine();
    cli('SET', 'n', '100');
    expect(cli('INCR', 'n')).toBe('(integer) 101');
    expect(cli('OBJECT', 'ENCODING', 'n')).toBe('"int"');
    cli('SET', 'f', '1.5');
    expect(cli('INCRBYFLOAT', 'f', '0.5')).toBe('"2"');
    expect(cli('OBJECT', 'ENCODING', 'f')).toBe('"embstr"');
    expect(cli('INCR', 'f')).toBe('(integer) 3');
    expect(cli('OBJECT', 'ENCODING', 'f')).toBe('"int"');
  });

  it('SET without KEEPTTL clears the TTL; INCR and APPEND keep it', () => {
    const { cli } = testEngine();
    cli('SET', 'n', '1', 'PX', '5000');
    cli('INCR', 'n');
    cli('APPEND', 'n', '0');
    expect(cli('PTTL', 'n')).toBe('(integer) 5000');
    expect(cli('GET', 'n')).toBe('"20"');
    cli('SET', 'n', '3', 'KEEPTTL');
    expect(cli('PTTL', 'n')).toBe('(integer) 5000');
    cli('SET', 'n', '3');
    expect(cli('TTL', 'n')).toBe('(integer) -1');
  });

  it('SET EXAT/PXAT take absolute times; a past time is rejected only if not positive', () => {
    const { cli, clock } = testEngine(1_000_000);
    expect(cli('SET', 'k', 'v', 'PXAT', '1005000')).toBe('OK');
    expect(cli('PTTL', 'k')).toBe('(integer) 5000');
    clock.advanceMs(5001);
    expect(cli('EXISTS', 'k')).toBe('(integer) 0');
    expect(cli('SET', 'k', 'v', 'PXAT', '0')).toBe(
      "(error) ERR invalid expire time in 'set' command",
    );
  });

  it('INCR counts exactly past 2^53 and refuses to overflow int64', () => {
    const { cli } = testEngine();
    cli('SET', 'big', '9007199254740992');
    expect(cli('INCR', 'big')).toBe('(integer) 9007199254740993');
    cli('SET', 'max', '9223372036854775807');
    expect(cli('INCR', 'max')).toBe('(error) ERR increment or decrement would overflow');
    expect(cli('GET', 'max')).toBe('"9223372036854775807"');
  });

  it('INCR on a non-number fails and leaves the value alone', () => {
    const { cli } = testEngine();
    cli('SET', 'word', 'hello');
    expect(cli('INCR', 'word')).toBe('(error) ERR value is not an integer or out of range');
    expect(cli('GET', 'word')).toBe('"hello"');
  });

  it('STRLEN counts bytes, so a Korean syllable is three', () => {
    const { cli } = testEngine();
    cli('SET', 'k', '\xed\x95\x9c');
    expect(cli('STRLEN', 'k')).toBe('(integer) 3');
  });

  it('MSETNX sets all keys or none', () => {
    const { cli } = testEngine();
    cli('SET', 'a', '1');
    expect(cli('MSETNX', 'a', '2', 'b', '2')).toBe('(integer) 0');
    expect(cli('EXISTS', 'b')).toBe('(integer) 0');
    expect(cli('MSETNX', 'c', '3', 'b', '2')).toBe('(integer) 1');
    expect(cli('MGET', 'a', 'b', 'c', 'd')).toBe('1) "1"\n2) "2"\n3) "3"\n4) (nil)');
  });

  it('counts writes in the dirty counter that RDB save points will read', () => {
    const { run, engine } = testEngine();
    run('SET', 'a', '1');
    run('MSET', 'b', '1', 'c', '2');
    run('GET', 'a');
    expect(engine.dirty).toBe(3);
  });
});

describe('more string commands', () => {
  it('GETEX EXAT in the past returns the value and deletes the key', () => {
    const { cli } = testEngine();
    cli('SET', 'k', 'v');
    expect(cli('GETEX', 'k', 'EXAT', '1')).toBe('"v"');
    expect(cli('EXISTS', 'k')).toBe('(integer) 0');
  });

  it('GETEX PERSIST removes the TTL; GETEX EX sets it', () => {
    const { cli } = testEngine();
    cli('SET', 'k', 'v');
    expect(cli('GETEX', 'k', 'EX', '50')).toBe('"v"');
    expect(cli('TTL', 'k')).toBe('(integer) 50');
    expect(cli('GETEX', 'k', 'PERSIST')).toBe('"v"');
    expect(cli('TTL', 'k')).toBe('(integer) -1');
    expect(cli('GETEX', 'k', 'PERSIST', 'EX', '1')).toBe('(error) ERR syntax error');
  });

  it('INCRBYFLOAT keeps the TTL and refuses an infinite result', () => {
    const { cli } = testEngine();
    cli('SET', 'f', '10.5', 'EX', '100');
    expect(cli('INCRBYFLOAT', 'f', '0.1')).toBe('"10.6"');
    expect(cli('TTL', 'f')).toBe('(integer) 100');
    expect(cli('INCRBYFLOAT', 'f', 'inf')).toBe(
      '(error) ERR increment would produce NaN or Infinity',
    );
  });

  it('SETRANGE pads with zero bytes and refuses offsets past 512 MB', () => {
    const { cli } = testEngine();
    expect(cli('SETRANGE', 'k', '3', 'ab')).toBe('(integer) 5');
    expect(cli('GET', 'k')).toBe('"\\x00\\x00\\x00ab"');
    expect(cli('SETRANGE', 'k', '-1', 'a')).toBe('(error) ERR offset is out of range');
    expect(cli('SETRANGE', 'k', '536870912', 'a')).toBe(
      '(error) ERR string exceeds maximum allowed size (proto-max-bulk-len)',
    );
    expect(cli('GETRANGE', 'k', '-2', '-1')).toBe('"ab"');
  });

  it('LCS finds the longest common subsequence and its ranges', () => {
    const { cli } = testEngine();
    cli('MSET', 'a', 'ohmytext', 'b', 'mynewtext');
    expect(cli('LCS', 'a', 'b')).toBe('"mytext"');
    expect(cli('LCS', 'a', 'b', 'LEN')).toBe('(integer) 6');
  });
});
