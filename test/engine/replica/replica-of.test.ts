/**
 * The replica role in the pure engine, driven through its injected MasterLinkHost as a
 * simulation would drive it: REPLICAOF asks the host to connect, the host reports the link,
 * and READONLY / MASTERDOWN follow the state it reports.
 */
import { expect, it } from 'vitest';
import type { MasterLinkHost } from '../../../src/engine/index.ts';
import { testEngine } from '../../helpers/engine.ts';

function withHost() {
  const t = testEngine();
  const calls: string[] = [];
  const host: MasterLinkHost = {
    connect: (h, p) => calls.push(`connect ${h}:${p}`),
    disconnect: () => calls.push('disconnect'),
    dropReplicas: () => calls.push('drop'),
  };
  t.engine.masterLink = host;
  return { ...t, calls };
}

it('REPLICAOF asks the host to connect; the link state it reports decides MASTERDOWN', () => {
  const t = withHost();
  t.run('CONFIG', 'SET', 'replica-serve-stale-data', 'no');
  expect(t.cli('REPLICAOF', 'm1', '6379')).toBe('OK');
  expect(t.calls).toEqual(['disconnect', 'connect m1:6379']);
  expect(t.cli('GET', 'k')).toMatch(/^\(error\) MASTERDOWN/);
  const link = t.engine.replicaOf!;
  link.state = 'connected';
  link.offset = 42;
  expect(t.cli('GET', 'k')).toBe('(nil)');
  expect(t.cli('SET', 'k', 'v')).toMatch(/^\(error\) READONLY/);
  expect(t.cli('ROLE')).toBe(
    '1) "slave"\n2) "m1"\n3) (integer) 6379\n4) "connected"\n5) (integer) 42',
  );
  // The master's own connection is obeyed.
  const fromMaster = t.engine.createSession();
  fromMaster.fromMaster = true;
  expect(t.engine.execute(fromMaster, ['SET', 'k', 'v'])).toEqual({ kind: 'status', value: 'OK' });
  expect(t.cli('GET', 'k')).toBe('"v"');
  expect(t.cli('REPLICAOF', 'NO', 'ONE')).toBe('OK');
  expect(t.calls.slice(2)).toEqual(['disconnect', 'drop']);
  expect(t.cli('SET', 'k', 'w')).toBe('OK');
});

it('a client blocked on a master is released when the server becomes a replica', () => {
  const t = withHost();
  const blocked = t.engine.createSession();
  const delivered: string[] = [];
  blocked.deliver = (r) => delivered.push(r.kind === 'error' ? r.message : r.kind);
  expect(t.engine.execute(blocked, ['BLPOP', 'q', '0'])).toBeUndefined();
  t.run('REPLICAOF', 'm1', '6379');
  expect(delivered).toEqual([
    'UNBLOCKED force unblock from blocking operation, instance state changed (master -> replica?)',
  ]);
});

it('with notifications off no notifier exists; setting the flags creates one', () => {
  const t = testEngine();
  expect(t.engine.notifier).toBeUndefined();
  t.run('CONFIG', 'SET', 'notify-keyspace-events', 'KEA');
  expect(t.engine.notifier).toBeDefined();
  expect(t.cli('CONFIG', 'GET', 'notify-keyspace-events')).toBe(
    '1) "notify-keyspace-events"\n2) "AKE"',
  );
  t.run('CONFIG', 'SET', 'notify-keyspace-events', '');
  expect(t.engine.notifier).toBeUndefined();
});
