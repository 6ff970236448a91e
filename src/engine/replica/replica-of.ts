/**
 * The replica side of replication as the engine sees it (replication.c): whom this server
 * replicates (REPLICAOF host port), the state of its link to that master, and what a replica
 * refuses: writes (READONLY, replica-read-only) and, while the link is down with
 * replica-serve-stale-data no, every command not flagged `stale` (MASTERDOWN).
 *
 * The engine owns no sockets: the link itself (connecting, the handshake, loading the RDB
 * payload, applying the stream) is a host's job, reached through MasterLinkHost; the RESP
 * server (tools/replica-link.ts) is one, a simulation can be another. Without a host the
 * role, READONLY and MASTERDOWN still hold, with the link down.
 */
import type { Engine, Session } from '../engine.ts';
import { subcommandsOf } from '../commands/server.ts';
import type { CommandSpec } from '../commands/types.ts';
import { Err } from '../errors.ts';
import type { RedisValue } from '../keyspace/values.ts';
import { error } from '../reply.ts';

/** ROLE's link states (replication.c: connect, connecting, handshake, sync, connected). */
export type MasterLinkState = 'connect' | 'connecting' | 'handshake' | 'sync' | 'connected';

/** What a host able to reach a master provides. */
export interface MasterLinkHost {
  /** Replicate from host:port: connect, handshake, full sync, then apply the stream. */
  connect(host: string, port: number): void;
  /** Close the link to the master, if any (REPLICAOF NO ONE, or another master). */
  disconnect(): void;
  /** Close the connections of replicas attached to this server: they must sync again. */
  dropReplicas(): void;
}

export class ReplicaOf {
  state: MasterLinkState = 'connect';
  /** slave_repl_offset: the master's stream applied so far; -1 before the first sync. */
  offset = -1;
  /** When the link last carried data (Unix ms), for master_last_io_seconds_ago. */
  lastIoMs: number | undefined;
  /** When an established link went down (Unix ms), for master_link_down_since_seconds. */
  downSinceMs: number | undefined;

  constructor(
    readonly host: string,
    readonly port: number,
  ) {}

  get linkUp(): boolean {
    return this.state === 'connected';
  }
}

type Flag = 'write' | 'stale';

/**
 * A command's flag; a container (CONFIG, CLIENT...) states none itself, its subcommand's
 * count, as Redis looks up the subcommand before processCommand's checks.
 */
function has(spec: CommandSpec, argv: readonly string[], flag: Flag): boolean {
  if (spec.flags.length === 0 && argv.length > 1) {
    const sub = argv[1]!.toLowerCase();
    const found = subcommandsOf(spec.name)?.find((s) => s.name === sub);
    if (found !== undefined) return found.flags.includes(flag);
  }
  return spec.flags.includes(flag);
}

/**
 * processCommand's replication checks, in its order: NOREPLICAS for a write when fewer good
 * replicas than min-replicas-to-write are attached (only a host that counts them can say),
 * READONLY for a write on a replica, then MASTERDOWN while a replica's link is down and
 * stale data must not be served. EXEC counts its queued commands' flags.
 */
export function replicationRefusal(
  engine: Engine,
  session: Session,
  spec: CommandSpec,
): string | undefined {
  const queued = spec.name === 'exec' ? (session.multi ?? []) : [];
  const argv = session.currentArgv;
  const writes = has(spec, argv, 'write') || queued.some((q) => has(q.spec, q.argv, 'write'));
  const replicaOf = engine.replicaOf;
  const { config } = engine;
  if (writes && replicaOf === undefined && config['min-replicas-max-lag'] > 0) {
    const good = engine.replicationHost?.goodReplicas?.();
    if (good !== undefined && good < config['min-replicas-to-write']) return Err.noReplicas;
  }
  if (replicaOf === undefined) return undefined;
  if (writes && config['replica-read-only'] === 'yes') return Err.readonlyReplica;
  if (!replicaOf.linkUp && config['replica-serve-stale-data'] === 'no') {
    const stale = has(spec, argv, 'stale') && queued.every((q) => has(q.spec, q.argv, 'stale'));
    if (!stale) return Err.masterDown;
  }
  return undefined;
}

/** replicationSetMaster: become (or stay) a replica of host:port and start the link. */
export function setMaster(engine: Engine, host: string, port: number): void {
  engine.masterLink?.disconnect();
  // Clients blocked on this master's keys would wait for writes that now come from elsewhere.
  for (const session of engine.sessions.values()) {
    engine.blocking.interrupt(session, error(Err.unblockedRoleChange));
  }
  engine.replicaOf = new ReplicaOf(host, port);
  engine.refreshWriteGuards();
  engine.masterLink?.connect(host, port);
}

/** replicationUnsetMaster: a master again; attached replicas must resync (a new history). */
export function unsetMaster(engine: Engine): void {
  engine.masterLink?.disconnect();
  engine.replicaOf = undefined;
  engine.refreshWriteGuards();
  engine.masterLink?.dropReplicas();
}

/**
 * The end of a full sync (readSyncBulkPayload): the dataset is replaced by the master's,
 * as FLUSHALL would (watchers are touched) and then key by key.
 */
export function replaceDataset(
  engine: Engine,
  entries: readonly {
    db: number;
    key: string;
    value: RedisValue;
    expireAtMs: number | undefined;
  }[],
): void {
  // Keys loaded from an RDB fire no keyspace events (dbAddRDBLoad).
  const notifier = engine.notifier;
  engine.notifier = undefined;
  for (const db of engine.dbs) {
    engine.touchAllWatchedKeysInDb(db);
    db.clear();
  }
  for (const { db: id, key, value, expireAtMs } of entries) {
    const db = engine.dbs[id];
    if (db === undefined) continue;
    db.set(key, value);
    if (expireAtMs !== undefined) db.setExpire(key, expireAtMs);
  }
  engine.notifier = notifier;
  engine.masterLink?.dropReplicas();
}
