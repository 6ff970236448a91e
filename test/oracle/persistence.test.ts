/**
 * SAVE and SHUTDOWN where they are refused, against a real redis-server: inside MULTI
 * (no_multi dooms the transaction) and SHUTDOWN's option errors. Neither is run for real
 * here: the real server would save into the working directory or stop.
 */
import { it } from 'vitest';
import { withRealRedis } from '../helpers/real-redis.ts';
import { Oracle } from './oracle.ts';

const redis = withRealRedis();

it('SAVE and SHUTDOWN inside MULTI, and SHUTDOWN option errors', async () => {
  const o = new Oracle(redis.client);
  for (const command of [['SAVE'], ['SHUTDOWN'], ['SHUTDOWN', 'NOSAVE']]) {
    await o.both(['MULTI']);
    await o.both(['SET', 'foo', 'bar']);
    await o.both(command);
    await o.both(['EXEC']);
    await o.both(['GET', 'foo']);
  }
  await o.both(['SAVE', 'x']);
  await o.both(['SHUTDOWN', 'foo']);
  await o.both(['SHUTDOWN', 'NOSAVE', 'SAVE']);
  await o.both(['SHUTDOWN', 'ABORT', 'NOW']);
  await o.both(['SHUTDOWN', 'ABORT']);
});
