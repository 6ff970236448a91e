import { describe, expect, it } from 'vitest';
import { formatReply } from '../../../src/engine/index.ts';
import { testEngine } from '../../helpers/engine.ts';

describe('SMOVE and WATCH', () => {
  it('touches the destination only when the member was added to it', () => {
    const { engine, cli } = testEngine();
    const other = engine.createSession();
    const cli2 = (...argv: string[]) => formatReply(engine.execute(other, argv)!);
    cli('SADD', 'src', 'a', 'b');
    cli('SADD', 'dst', 'a');
    cli('WATCH', 'dst');
    cli('MULTI');
    cli('SADD', 'dst', 'c');
    expect(cli2('SMOVE', 'src', 'dst', 'a')).toBe('(integer) 1');
    expect(cli('EXEC')).toBe('1) (integer) 1');
    expect(cli('SCARD', 'dst')).toBe('(integer) 2');

    cli('WATCH', 'dst');
    cli('MULTI');
    cli('SADD', 'dst', 'd');
    expect(cli2('SMOVE', 'src', 'dst', 'b')).toBe('(integer) 1');
    expect(cli('EXEC')).toBe('(nil)');
  });
});
