import { describe, expect, it } from 'vitest';
import { SeededRng } from '../../src/engine/index.ts';
import { encodingOf } from '../../src/engine/keyspace/value-ops.ts';
import { withRealRedis } from '../helpers/real-redis.ts';
import { Oracle } from './oracle.ts';

const redis = withRealRedis();

const pick = <T>(rng: SeededRng, xs: readonly T[]): T => xs[Math.floor(rng.next() * xs.length)]!;

describe('the engine answers like redis-server 7.0 (more string commands)', () => {
  const cases: [string, string[][]][] = [
    [
      'GETSET and GETDEL',
      [
        ['GETSET', 'k', 'a'],
        ['GETSET', 'k', 'b'],
        ['GET', 'k'],
        ['SET', 't', 'v', 'EX', '100'],
        ['GETSET', 't', 'w'],
        ['TTL', 't'],
        ['GETDEL', 'k'],
        ['GETDEL', 'k'],
        ['EXISTS', 'k'],
        ['GETSET', 'k'],
        ['GETDEL', 'k', 'x'],
      ],
    ],
    [
      'GETEX with every option and every wrong combination',
      [
        ['GETEX', 'nokey'],
        ['GETEX', 'nokey', 'EX', '-1'],
        ['GETEX', 'nokey', 'BOGUS'],
        ['SET', 'k', 'v'],
        ['GETEX', 'k'],
        ['GETEX', 'k', 'EX', '100'],
        ['TTL', 'k'],
        ['GETEX', 'k', 'PX', '200000'],
        ['TTL', 'k'],
        ['GETEX', 'k', 'EXAT', '99999999999'],
        ['EXPIRETIME', 'k'],
        ['GETEX', 'k', 'PXAT', '99999999999123'],
        ['PEXPIRETIME', 'k'],
        ['GETEX', 'k', 'PERSIST'],
        ['TTL', 'k'],
        ['GETEX', 'k', 'PERSIST', 'PERSIST'],
        ['GETEX', 'k', 'EX', '10', 'EX', '20'],
        ['TTL', 'k'],
        ['GETEX', 'k', 'EX', '10', 'PX', '20'],
        ['GETEX', 'k', 'EX', '10', 'PERSIST'],
        ['GETEX', 'k', 'PERSIST', 'EX', '10'],
        ['GETEX', 'k', 'KEEPTTL'],
        ['GETEX', 'k', 'NX'],
        ['GETEX', 'k', 'GET'],
        ['GETEX', 'k', 'EX'],
        ['GETEX', 'k', 'EX', '0'],
        ['GETEX', 'k', 'EX', '-5'],
        ['GETEX', 'k', 'EX', 'abc'],
        ['GETEX', 'k', 'PX', '1.5'],
        ['GETEX', 'k', 'EX', '9223372036854775807'],
        ['GETEX', 'k', 'PX', '9223372036854775807'],
        ['GETEX', 'k', 'EXAT', '1'],
        ['EXISTS', 'k'],
        ['SET', 'k', 'v'],
        ['GETEX', 'k', 'PXAT', '1'],
        ['GET', 'k'],
        ['GETEX'],
      ],
    ],
    [
      'SET accepts a repeated time option and rejects mixed ones',
      [
        ['SET', 'k', 'v', 'EX', '10', 'EX', '20'],
        ['TTL', 'k'],
        ['SET', 'k', 'v', 'PX', '10000', 'PX', '30000'],
        ['TTL', 'k'],
        ['SET', 'k', 'v', 'EX', '10', 'PXAT', '20'],
        ['SET', 'k', 'v', 'PERSIST'],
        ['SET', 'k', 'v', 'KEEPTTL', 'KEEPTTL'],
        ['SET', 'k', 'v', 'NX', 'NX'],
        ['SET', 'k', 'v', 'GET', 'GET'],
      ],
    ],
    [
      'INCRBYFLOAT prints like long double %.17Lf',
      [
        ['INCRBYFLOAT', 'f', '10.5'],
        ['INCRBYFLOAT', 'f', '0.1'],
        ['INCRBYFLOAT', 'f', '-5.0e3'],
        ['INCRBYFLOAT', 'f', '3e-5'],
        ['INCRBYFLOAT', 'f', '1.23456789012345678901'],
        ['SET', 'f', '0.000003814697265625'],
        ['INCRBYFLOAT', 'f', '0'],
        ['SET', 'f', '1e4000'],
        ['INCRBYFLOAT', 'f', '1'],
        ['SET', 'f', '1.7976931348623157e308'],
        ['INCRBYFLOAT', 'f', '1.7976931348623157e308'],
        ['INCRBYFLOAT', 'f', '1e4932'],
        ['INCRBYFLOAT', 'f', '1e4933'],
        ['INCRBYFLOAT', 'g', '1e-4940'],
        ['INCRBYFLOAT', 'g', '1e-5000'],
        ['INCRBYFLOAT', 'g', '-1e-4940'],
        ['INCRBYFLOAT', 'h', 'inf'],
        ['INCRBYFLOAT', 'h', '-Infinity'],
        ['INCRBYFLOAT', 'h', 'nan'],
        ['INCRBYFLOAT', 'h', '0x1p3'],
        ['INCRBYFLOAT', 'h', '0X.8P-1'],
        ['INCRBYFLOAT', 'h', '0x'],
        ['INCRBYFLOAT', 'h', '.5'],
        ['INCRBYFLOAT', 'h', '5.'],
        ['INCRBYFLOAT', 'h', '+1'],
        ['INCRBYFLOAT', 'h', '-0'],
        ['INCRBYFLOAT', 'h', ' 1'],
        ['INCRBYFLOAT', 'h', '1 '],
        ['INCRBYFLOAT', 'h', ''],
        ['INCRBYFLOAT', 'h', '1e'],
        ['INCRBYFLOAT', 'h', '1e+'],
        ['INCRBYFLOAT', 'h', '1E+2'],
        ['INCRBYFLOAT', 'h', '1\x002'],
        ['INCRBYFLOAT', 'z', '-1e-30'],
        ['SET', 's', 'abc'],
        ['INCRBYFLOAT', 's', '1'],
        ['SET', 's', '9223372036854775807'],
        ['INCRBYFLOAT', 's', '1'],
        ['SET', 't', '1', 'EX', '100'],
        ['INCRBYFLOAT', 't', '1'],
        ['TTL', 't'],
        ['INCRBYFLOAT', 't'],
      ],
    ],
    [
      'GETRANGE, SUBSTR and SETRANGE',
      [
        ['SET', 's', 'Hello World'],
        ['GETRANGE', 's', '0', '4'],
        ['GETRANGE', 's', '-5', '-1'],
        ['GETRANGE', 's', '-1', '-5'],
        ['GETRANGE', 's', '5', '2'],
        ['GETRANGE', 's', '0', '-100'],
        ['GETRANGE', 's', '-100', '3'],
        ['GETRANGE', 's', '0', '9223372036854775807'],
        ['GETRANGE', 's', '-9223372036854775808', '2'],
        ['GETRANGE', 's', '20', '30'],
        ['GETRANGE', 's', 'a', '1'],
        ['GETRANGE', 'nokey', '0', '-1'],
        ['GETRANGE', 'nokey', 'x', '-1'],
        ['SUBSTR', 's', '1', '3'],
        ['SET', 'n', '12345'],
        ['GETRANGE', 'n', '1', '2'],
        ['SETRANGE', 's', '6', 'Redis'],
        ['GET', 's'],
        ['SETRANGE', 's', '15', '!'],
        ['GET', 's'],
        ['SETRANGE', 's', '0', ''],
        ['SETRANGE', 'new', '3', ''],
        ['EXISTS', 'new'],
        ['SETRANGE', 'new', '3', 'x'],
        ['GET', 'new'],
        ['SETRANGE', 's', '-1', 'x'],
        ['SETRANGE', 's', 'x', 'x'],
        ['SETRANGE', 's', '536870912', 'x'],
        ['SETRANGE', 's', '536870911', ''],
        ['SETRANGE', 's', '9223372036854775807', 'x'],
        ['SET', 'e', 'v', 'EX', '100'],
        ['SETRANGE', 'e', '0', 'w'],
        ['TTL', 'e'],
        ['SETRANGE', 'e', '0'],
      ],
    ],
    [
      'LCS',
      [
        ['MSET', 'a', 'ohmytext', 'b', 'mynewtext'],
        ['LCS', 'a', 'b'],
        ['LCS', 'a', 'b', 'LEN'],
        ['LCS', 'a', 'b', 'IDX'],
        ['LCS', 'a', 'b', 'IDX', 'MINMATCHLEN', '4'],
        ['LCS', 'a', 'b', 'IDX', 'MINMATCHLEN', '4', 'WITHMATCHLEN'],
        ['LCS', 'a', 'b', 'IDX', 'WITHMATCHLEN', 'MINMATCHLEN', '-3'],
        ['LCS', 'a', 'b', 'LEN', 'IDX'],
        ['LCS', 'a', 'b', 'MINMATCHLEN'],
        ['LCS', 'a', 'b', 'MINMATCHLEN', 'x'],
        ['LCS', 'a', 'b', 'FOO'],
        ['LCS', 'a', 'nokey'],
        ['LCS', 'nokey', 'nokey2', 'IDX'],
        ['MSET', 'c', 'aaaa', 'd', 'aa'],
        ['LCS', 'c', 'd', 'IDX', 'WITHMATCHLEN'],
        ['LCS', 'a'],
      ],
    ],
  ];

  for (const [name, commands] of cases) {
    it(name, async () => {
      const oracle = new Oracle(redis.client);
      for (const argv of commands) await oracle.both(argv);
    });
  }

  it('OBJECT ENCODING follows how the string was made', async () => {
    const oracle = new Oracle(redis.client);
    const steps: string[][] = [
      ['SET', 'int', '12345'],
      ['SET', 'neg', '-9223372036854775808'],
      ['SET', 'big', '9223372036854775808'],
      ['SET', 'lead0', '012'],
      ['SET', 'e44', 'x'.repeat(44)],
      ['SET', 'r45', 'x'.repeat(45)],
      ['SET', 'app', 'abc'],
      ['APPEND', 'app', 'd'],
      ['APPEND', 'newapp', '12'],
      ['SET', 'appint', '1'],
      ['APPEND', 'appint', '2'],
      ['SET', 'fl', '1.5'],
      ['INCRBYFLOAT', 'fl', '1.5'],
      ['INCR', 'cnt'],
      ['INCRBY', 'cnt', '100000'],
      ['SETRANGE', 'sr', '0', 'ab'],
      ['SET', 'sr2', 'abc'],
      ['SETRANGE', 'sr2', '0', ''],
      ['SET', 'sr3', 'abc'],
      ['SETRANGE', 'sr3', '1', 'x'],
      ['SETBIT', 'bit', '3', '1'],
      ['SET', 'bit2', 'a'],
      ['GETBIT', 'bit2', '1'],
      ['SET', 'bit3', 'a'],
      ['SETBIT', 'bit3', '1', '1'],
      ['MSET', 'm1', '7', 'm2', 'seven'],
      ['GETSET', 'gs', '42'],
      ['SET', 'ren', '5'],
      ['APPEND', 'ren', 'x'],
      ['RENAME', 'ren', 'renamed'],
      ['COPY', 'app', 'copied'],
      ['COPY', 'int', 'copiedint'],
      ['BITOP', 'OR', 'bo', 'int', 'e44'],
      ['SET', 'empty', ''],
    ];
    for (const argv of steps) await oracle.both(argv);
    const db = oracle.local.engine.dbs[0]!;
    for (const key of db.keys.keys()) {
      const real = await redis.client.call('OBJECT', 'ENCODING', key);
      expect(encodingOf(db.keys.get(key)!), key).toBe(real.kind === 'bulk' ? real.value : '?');
    }
  });
});

describe('seeded random streams of float and range commands give identical replies', () => {
  const keys = ['f0', 'f1', 's0', 's1'];
  const floats = ['0', '1', '-1', '0.1', '10.5', '5.0e3', '3e-5', '1e308', '-1e308', '1e-20'];
  floats.push('123456789012345678', '.5', '7.', '+2', '-0.0', '1e4900', '-1e4900', 'inf');
  floats.push('abc', '', ' 1', '1.7976931348623157e308', '2.5e-4900', '0x1.8p1');
  const strings = ['', 'a', 'hello', '10', '3.5', 'x\r\ny', '\xff\x00\x7f', 'é'];
  const ints = ['0', '1', '-1', '3', '-3', '100', '-100', '9223372036854775807', 'x', '1.5'];

  function randomCommand(rng: SeededRng): string[] {
    const k = () => pick(rng, keys);
    const f = () => pick(rng, floats);
    const i = () => pick(rng, ints);
    const ttl = () => pick(rng, ['1000', '-1', 'x', '0', '3000000', '99999999999']);
    const commands: (() => string[])[] = [
      () => ['INCRBYFLOAT', k(), f()],
      () => ['INCRBYFLOAT', k(), f()],
      () => ['SET', k(), f()],
      () => ['SET', k(), pick(rng, strings)],
      () => ['GET', k()],
      () => ['INCR', k()],
      () => ['APPEND', k(), pick(rng, strings)],
      () => ['GETRANGE', k(), i(), i()],
      () => ['SUBSTR', k(), i(), i()],
      () => ['SETRANGE', k(), pick(rng, ['0', '1', '5', '-1', 'x', '20']), pick(rng, strings)],
      () => ['GETSET', k(), pick(rng, strings)],
      () => ['GETDEL', k()],
      // TTLs long enough (or times far enough in the past) that the two clocks cannot disagree.
      () => ['GETEX', k(), pick(rng, ['EX', 'PX', 'PERSIST', 'EXAT', 'PXAT', 'KEEPTTL']), ttl()],
      () => ['GETEX', k(), 'PERSIST'],
      () => ['TTL', k()],
      () => ['STRLEN', k()],
      () => ['LCS', k(), k(), pick(rng, ['LEN', 'IDX', 'WITHMATCHLEN', 'MINMATCHLEN'])],
      () => [pick(rng, ['INCRBYFLOAT', 'GETRANGE', 'SETRANGE', 'GETSET', 'GETDEL']), k()],
    ];
    return pick(rng, commands)();
  }

  for (const seed of [11, 12, 13, 14, 15]) {
    it(`seed ${seed}: 400 commands`, async () => {
      const rng = new SeededRng(seed);
      const oracle = new Oracle(redis.client);
      for (let n = 0; n < 400; n++) await oracle.both(randomCommand(rng));
      for (const key of keys) await oracle.both(['GET', key]);
    });
  }
});

describe('INCRBYFLOAT rounds like long double on random decimals', () => {
  function randomDecimal(rng: SeededRng): string {
    const digits = 1 + Math.floor(rng.next() * 24);
    let m = String(1 + Math.floor(rng.next() * 9));
    for (let i = 1; i < digits; i++) m += String(Math.floor(rng.next() * 10));
    const point = Math.floor(rng.next() * (digits + 1));
    const body = point === digits ? m : `${m.slice(0, point)}.${m.slice(point)}`;
    const exp = rng.next() < 0.5 ? '' : `e${Math.floor(rng.next() * 80) - 40}`;
    return (rng.next() < 0.3 ? '-' : '') + body + exp;
  }

  for (const seed of [41, 42, 43]) {
    it(`seed ${seed}: 300 additions`, async () => {
      const rng = new SeededRng(seed);
      const oracle = new Oracle(redis.client);
      for (let n = 0; n < 300; n++) {
        if (rng.next() < 0.2) await oracle.both(['SET', 'f', randomDecimal(rng)]);
        await oracle.both(['INCRBYFLOAT', 'f', randomDecimal(rng)]);
      }
    });
  }
});
