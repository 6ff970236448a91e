/** The simulation's public surface: the worker, tools and tests import from here. */
export {
  SimClock,
  micros,
  fromMillis,
  fromSeconds,
  after,
  WORLD_EPOCH_MICROS,
  type Micros,
} from './core/clock.ts';
export { EventQueue, type SimEvent } from './core/event-queue.ts';
export { SimRng, ZipfSampler, type RngState } from './core/rng.ts';
export {
  Trace,
  TRACE_VERSION,
  type TraceRecord,
  type TraceType,
  type TraceListener,
  type TraceState,
} from './core/trace.ts';
export { toJsonSafe, fromJsonSafe, type JsonValue } from './core/json.ts';
export type { WorldContext, Message, Endpoint, Component } from './world/context.ts';
export { Network, type LinkConfig } from './world/network.ts';
export {
  RedisNode,
  type NodeConfig,
  DEFAULT_IO_READ_MICROS,
  DEFAULT_IO_WRITE_MICROS,
  CONNECTION_RESET,
  CONNECTION_REFUSED,
} from './world/node.ts';
export {
  Client,
  ScriptedClient,
  type Script,
  type ScriptRegistry,
  type ScriptedClientConfig,
  type LatencySummary,
} from './world/client.ts';
export {
  WorkloadClient,
  type WorkloadClientConfig,
  type Arrival,
  type KeyChoice,
} from './world/workload.ts';
export { builtinScripts } from './world/scripts.ts';
export { DiskDb, type DiskDbConfig } from './world/disk-db.ts';
export type { NodeHost, HostedReply } from './world/node-host.ts';
export { isActionable, type Actionable } from './world/actionable.ts';
export { Persistence, LOADING_ERROR, type PersistenceState } from './redis/persistence.ts';
export {
  DEFAULT_SETTINGS,
  parseSavePoints,
  type PersistenceConfig,
  type PersistenceSettings,
  type FsyncPolicy,
  type SavePoint,
} from './redis/persistence-config.ts';
export { REFERENCE_DISK, type DiskProfile } from './redis/disk.ts';
export type { AckedWrite, CrashKind, LoadSource, LossReport } from './redis/loss.ts';
export {
  Metrics,
  DEFAULT_METRICS,
  type MetricsConfig,
  type Probe,
  type Series,
} from './world/metrics.ts';
export { LatencyHistogram, type HistogramState } from './world/histogram.ts';
export {
  World,
  WORLD_SNAPSHOT_VERSION,
  type WorldConfig,
  type WorldOptions,
  type WorldSnapshot,
  type ClientConfig,
  type PartConfig,
  type Part,
  type PartKind,
  type PartKinds,
} from './world/world.ts';
