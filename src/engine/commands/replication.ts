/**
 * The master side of replication (replication.c): SYNC / PSYNC turn a connection into a
 * replica that receives the RDB payload and then the propagated command stream, and
 * REPLCONF configures it. The engine has no sockets: a host able to stream (the RESP server)
 * sets engine.replicationHost and does the sending; elsewhere SYNC is refused.
 */
import { Err, replicationUnavailable, unrecognizedReplconfOption } from '../errors.ts';
import type { Session } from '../engine.ts';
import { parseInt64 } from '../numbers.ts';
import { OK, error, type Reply } from '../reply.ts';
import { NO_KEYS, type CommandContext, type CommandSpec } from './types.ts';

/** What a host that can stream to replicas provides. */
export interface ReplicationHost {
  /**
   * A full resynchronisation of this session: send `+FULLRESYNC <replid> <offset>` first
   * when `psync`, then the RDB payload, then every propagated command.
   */
  fullSync(session: Session, psync: boolean): void;
  /** Replicas acked within min-replicas-max-lag seconds (repl_good_slaves_count). */
  goodReplicas?(): number;
  /** ROLE on a master: its stream offset and attached replicas (none without a host). */
  masterRole?(): {
    offset: number;
    replicas: readonly { ip: string; port: number; offset: number }[];
  };
}

function sync(ctx: CommandContext): Reply {
  const { session, engine, argv } = ctx;
  // A replica asking again is ignored, without a reply (syncCommand).
  if (session.replica) return OK;
  const psync = argv[0]!.toLowerCase() === 'psync';
  if (psync && parseInt64(argv[2]!) === null) return error(Err.notInteger);
  const host = engine.replicationHost;
  if (host === undefined) return error(replicationUnavailable);
  session.replica = true;
  host.fullSync(session, psync);
  return OK;
}

function replconf(ctx: CommandContext): Reply {
  const { argv, session } = ctx;
  if (argv.length % 2 === 0) return error(Err.syntax);
  for (let j = 1; j < argv.length; j += 2) {
    const option = argv[j]!.toLowerCase();
    const value = argv[j + 1]!;
    switch (option) {
      case 'listening-port': {
        const port = parseInt64(value);
        if (port === null) return error(Err.notInteger);
        session.listeningPort = Number(port);
        break;
      }
      case 'ip-address':
      case 'capa':
        break;
      case 'ack':
      case 'getack':
        if (option === 'ack') {
          session.ackedOffset = Number(parseInt64(value) ?? 0);
          session.ackedAtMs = ctx.engine.nowMs();
        }
        // Acknowledgements are never answered; a master ignores GETACK.
        session.replyMode = session.replyMode === 'on' ? 'skip-next' : session.replyMode;
        return OK;
      case 'rdb-only': {
        const n = parseInt64(value);
        if (n === null || n < 0n || n > 1n) return error(Err.notInteger);
        break;
      }
      default:
        return error(unrecognizedReplconfOption(argv[j]!));
    }
  }
  return OK;
}

const syncFlags = ['admin', 'noscript', 'no_async_loading', 'no_multi'] as const;

export const replicationCommands: readonly CommandSpec[] = [
  {
    name: 'sync',
    arity: 1,
    flags: syncFlags,
    keys: NO_KEYS,
    group: 'server',
    complexity: '',
    summary: 'Internal command used for replication',
    since: '1.0.0',
    handler: sync,
  },
  {
    name: 'psync',
    arity: -3,
    flags: syncFlags,
    keys: NO_KEYS,
    group: 'server',
    complexity: '',
    summary: 'Internal command used for replication',
    since: '2.8.0',
    handler: sync,
  },
  {
    name: 'replconf',
    arity: -1,
    flags: ['admin', 'noscript', 'loading', 'stale', 'allow_busy'],
    keys: NO_KEYS,
    group: 'server',
    complexity: 'O(1)',
    summary: 'An internal command for configuring the replication stream',
    since: '3.0.0',
    handler: replconf,
  },
];
