import { afterAll, beforeAll, describe, it } from 'vitest';
import { RealRedis, type RespClient } from '../helpers/real-redis.ts';
import { Oracle } from './oracle.ts';

let server: RealRedis;
let client: RespClient;

beforeAll(async () => {
  server = await RealRedis.start();
  client = await server.connect();
});

afterAll(() => {
  client?.close();
  server?.stop();
});

describe('FUNCTION with no library loaded answers like redis-server 7.0', () => {
  it('FLUSH and LIST, their options and errors', async () => {
    const oracle = new Oracle(client);
    for (const argv of [
      ['FUNCTION', 'FLUSH'],
      ['FUNCTION', 'FLUSH', 'SYNC'],
      ['FUNCTION', 'FLUSH', 'async'],
      ['FUNCTION', 'FLUSH', 'x'],
      ['FUNCTION', 'FLUSH', 'SYNC', 'x'],
      ['FUNCTION', 'LIST'],
      ['FUNCTION', 'LIST', 'WITHCODE'],
      ['FUNCTION', 'LIST', 'LIBRARYNAME', 'lib*'],
      ['FUNCTION', 'LIST', 'LIBRARYNAME'],
      ['FUNCTION', 'LIST', 'foo'],
      ['FUNCTION'],
      ['FUNCTION', 'NOPE'],
    ]) {
      await oracle.both(argv);
    }
  });
});
