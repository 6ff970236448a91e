/**
 * The engine's public surface. Everything outside src/engine imports from here, so the
 * engine's inner layout can change without touching its callers.
 */
export {
  Engine,
  Session,
  type EngineOptions,
  type SessionAddress,
  type QueuedCommand,
} from './engine.ts';
export { ManualClock, SeededRng, type Clock, type Rng } from './clock.ts';
export type { Reply, ReplyKind } from './reply.ts';
export { commandList, lookupCommand } from './commands/table.ts';
export type { CommandSpec, CommandFlag, CommandGroup } from './commands/types.ts';
export { formatReply, formatReplyRaw, cliPrintsRaw, quoteBytes, toResp2 } from './resp/format.ts';
export { splitArgs } from './resp/split-args.ts';
export { utf8ToBytes, bytesToUtf8 } from './bytes.ts';
export {
  dumpKeyspace,
  restoreKeyspace,
  type KeyspaceSnapshot,
  type DatabaseSnapshot,
} from './snapshot.ts';
export { encodeReply, encodeCommand } from './resp/encode.ts';
export { ReplyParser } from './resp/reply-parser.ts';
export { RequestParser, isProtocolError, type ProtocolError } from './resp/request-parser.ts';
export { defaultConfig, type EngineConfig } from './config.ts';
export { serviceTimeMicros } from './cost-model.ts';
export type { ServiceTimeHook } from './engine.ts';
export type { InfoProvider, InfoField, InfoSectionName } from './server/info.ts';
export type { ExpireCycleOptions, ExpireCycleResult } from './server/expire-cycle.ts';
export type { SlowlogEntry } from './server/slowlog.ts';
export { subcommandsOf } from './commands/server.ts';
export {
  describeKeyspace,
  defaultDescribeLimits,
  type DescribeLimits,
  type KeyspaceView,
  type KeyView,
  type StringView,
  type ListView,
  type SetView,
  type HashView,
  type ZsetView,
  type ZsetEntryView,
} from './keyspace/describe.ts';
export { elementCount } from './keyspace/value-ops.ts';
export { ReplicationFeed } from './propagation/replication-feed.ts';
export { encodeRdb } from './propagation/rdb.ts';
export { Target, type PropagatedCommand, type PropagationListener } from './propagation/types.ts';
export type { ReplicationHost } from './commands/replication.ts';
export {
  ReplicaOf,
  replaceDataset,
  type MasterLinkHost,
  type MasterLinkState,
} from './replica/replica-of.ts';
export { readRdbFile, type RdbEntry } from './rdb/file.ts';
export type { PersistenceHost } from './commands/persistence.ts';
