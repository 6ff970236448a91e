/**
 * REPLICAOF / SLAVEOF and ROLE (replication.c replicaofCommand, roleCommand): which server
 * this one replicates, and what it says of its role. The link itself is the host's
 * (replica/replica-of.ts).
 */
import { Err } from '../errors.ts';
import { parseInt64 } from '../numbers.ts';
import { OK, array, bulk, error, integer, status, type Reply } from '../reply.ts';
import { setMaster, unsetMaster } from '../replica/replica-of.ts';
import { NO_KEYS, type CommandContext, type CommandSpec } from './types.ts';

const ALREADY_CONNECTED = status('OK Already connected to specified master');

function replicaof(ctx: CommandContext): Reply {
  const { engine, argv, session } = ctx;
  if (engine.config['cluster-enabled'] === 'yes') return error(Err.replicaofInCluster);
  const [, host, port] = argv as [string, string, string];
  if (host.toLowerCase() === 'no' && port.toLowerCase() === 'one') {
    if (engine.replicaOf !== undefined) unsetMaster(engine);
    return OK;
  }
  // Becoming a replica may drop the replicas, this connection among them.
  if (session.replica) return error(Err.replicaofFromReplica);
  const n = parseInt64(port);
  if (n === null || n < 0 || n > 65535) return error(Err.invalidMasterPort);
  const current = engine.replicaOf;
  if (current !== undefined && current.host.toLowerCase() === host.toLowerCase()) {
    if (current.port === Number(n)) return ALREADY_CONNECTED;
  }
  setMaster(engine, host, Number(n));
  return OK;
}

function role(ctx: CommandContext): Reply {
  const { engine } = ctx;
  const replicaOf = engine.replicaOf;
  if (replicaOf !== undefined) {
    return array([
      bulk('slave'),
      bulk(replicaOf.host),
      integer(replicaOf.port),
      bulk(replicaOf.state),
      integer(replicaOf.offset),
    ]);
  }
  const master = engine.replicationHost?.masterRole?.() ?? { offset: 0, replicas: [] };
  return array([
    bulk('master'),
    integer(master.offset),
    array(
      master.replicas.map((r) => array([bulk(r.ip), bulk(String(r.port)), bulk(String(r.offset))])),
    ),
  ]);
}

const replicaofRow = (name: string, since: string): CommandSpec => ({
  name,
  arity: 3,
  flags: ['admin', 'noscript', 'stale', 'no_async_loading'],
  keys: NO_KEYS,
  group: 'server',
  complexity: 'O(1)',
  summary: 'Make the server a replica of another instance, or promote it as master.',
  since,
  handler: replicaof,
});

export const replicaofCommands: readonly CommandSpec[] = [
  replicaofRow('replicaof', '5.0.0'),
  replicaofRow('slaveof', '1.0.0'),
  {
    name: 'role',
    arity: 1,
    flags: ['noscript', 'loading', 'stale', 'fast'],
    keys: NO_KEYS,
    group: 'server',
    complexity: 'O(1)',
    summary: 'Return the role of the instance in the context of replication',
    since: '2.8.12',
    handler: role,
  },
];
