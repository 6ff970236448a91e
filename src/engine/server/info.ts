/**
 * INFO: the sections and fields of Redis 7.0.15, in its order (genRedisInfoString). What
 * the engine knows it reports (keys, memory estimate, hits, evictions, expiry, commands,
 * errors); what only a real process or the world around it knows gets a plausible fixed
 * value, for a standalone master with no persistence. A host (the simulator) can restate
 * any section through Engine.infoProvider: it receives the engine's fields and returns the
 * fields to print, e.g. a replica's replication section or a running BGSAVE.
 */
import type { Engine } from '../engine.ts';
import { DICT_ENTRY_SIZE, ROBJ_SIZE, bytesToHuman } from '../memory/alloc.ts';
import { bulk, double, integer, map, type Reply } from '../reply.ts';

export type InfoField = readonly [string, string | number];
export type InfoSectionName =
  | 'server'
  | 'clients'
  | 'memory'
  | 'persistence'
  | 'stats'
  | 'replication'
  | 'cpu'
  | 'modules'
  | 'commandstats'
  | 'errorstats'
  | 'latencystats'
  | 'cluster'
  | 'keyspace';

/** Given a section and the fields the engine would print, the fields to print instead. */
export type InfoProvider = (
  section: InfoSectionName,
  fields: readonly InfoField[],
) => readonly InfoField[];

const SECTIONS: readonly (readonly [InfoSectionName, string, boolean])[] = [
  // name, header, in the default set
  ['server', 'Server', true],
  ['clients', 'Clients', true],
  ['memory', 'Memory', true],
  ['persistence', 'Persistence', true],
  ['stats', 'Stats', true],
  ['replication', 'Replication', true],
  ['cpu', 'CPU', true],
  ['modules', 'Modules', true],
  ['commandstats', 'Commandstats', false],
  ['errorstats', 'Errorstats', true],
  ['latencystats', 'Latencystats', false],
  ['cluster', 'Cluster', true],
  ['keyspace', 'Keyspace', true],
];

/** The memory a freshly started 7.0.15 reports with one client connected. */
export const BASE_USED_MEMORY = 916336;
const STARTUP_MEMORY = 876120;
const RUN_ID = '5a1f3c9e0d7b42e8a6c1b9f04e2d7a3c8b6f1e90';
const REPL_ID = '8c3e1b7a9f2d4c6e0a5b8d1f3e7c9a2b4d6f8e01';

/** The INFO text for these arguments (section names, "default", "all", "everything"). */
export function infoString(engine: Engine, args: readonly string[]): string {
  const wanted = new Set<string>();
  let all = false;
  if (args.length === 0) {
    for (const [name, , dflt] of SECTIONS) if (dflt) wanted.add(name);
  }
  for (const arg of args) {
    const a = arg.toLowerCase();
    if (a === 'default') {
      for (const [name, , dflt] of SECTIONS) if (dflt) wanted.add(name);
    } else if (a === 'all' || a === 'everything') all = true;
    else wanted.add(a === 'module_list' ? 'modules' : a);
  }
  const parts: string[] = [];
  for (const [name, header] of SECTIONS) {
    if (!all && !wanted.has(name)) continue;
    let fields: readonly InfoField[] = sectionFields(engine, name);
    if (engine.infoProvider) fields = engine.infoProvider(name, fields);
    let text = `# ${header}\r\n`;
    for (const [k, v] of fields) text += `${k}:${v}\r\n`;
    parts.push(text);
  }
  return parts.join('\r\n');
}

function sectionFields(engine: Engine, section: InfoSectionName): InfoField[] {
  switch (section) {
    case 'server':
      return serverSection(engine);
    case 'clients':
      return [
        ['connected_clients', engine.sessions.size],
        ['cluster_connections', 0],
        ['maxclients', engine.config.maxclients],
        ['client_recent_max_input_buffer', 20480],
        ['client_recent_max_output_buffer', 0],
        ['blocked_clients', engine.blocking.blockedCount],
        ['tracking_clients', 0],
        ['clients_in_timeout_table', engine.blocking.timedCount],
      ];
    case 'memory':
      return memorySection(engine);
    case 'persistence':
      return persistenceSection(engine);
    case 'stats':
      return statsSection(engine);
    case 'replication':
      return [
        ...roleFields(engine),
        ['connected_slaves', 0],
        ['master_failover_state', 'no-failover'],
        ['master_replid', REPL_ID],
        ['master_replid2', '0'.repeat(40)],
        ['master_repl_offset', 0],
        ['second_repl_offset', -1],
        ['repl_backlog_active', 0],
        ['repl_backlog_size', engine.config['repl-backlog-size']],
        ['repl_backlog_first_byte_offset', 0],
        ['repl_backlog_histlen', 0],
      ];
    case 'cpu': {
      // The main thread's busy time is the sum of the commands' service times.
      const user = (engine.stats.serviceMicros / 1e6).toFixed(6);
      return [
        ['used_cpu_sys', '0.000000'],
        ['used_cpu_user', user],
        ['used_cpu_sys_children', '0.000000'],
        ['used_cpu_user_children', '0.000000'],
        ['used_cpu_sys_main_thread', '0.000000'],
        ['used_cpu_user_main_thread', user],
      ];
    }
    case 'modules':
    case 'latencystats':
      return [];
    case 'commandstats': {
      const out: InfoField[] = [];
      for (const [name, s] of engine.stats.commands) {
        const perCall = s.calls ? (s.usec / s.calls).toFixed(2) : '0.00';
        out.push([
          `cmdstat_${name}`,
          `calls=${s.calls},usec=${s.usec},usec_per_call=${perCall},rejected_calls=${s.rejected},failed_calls=${s.failed}`,
        ]);
      }
      return out;
    }
    case 'errorstats': {
      const out: InfoField[] = [];
      for (const [prefix, count] of engine.stats.errors)
        out.push([`errorstat_${prefix}`, `count=${count}`]);
      return out;
    }
    case 'cluster':
      return [['cluster_enabled', engine.config['cluster-enabled'] === 'yes' ? 1 : 0]];
    case 'keyspace': {
      const out: InfoField[] = [];
      for (const db of engine.dbs) {
        if (db.keys.size || db.expires.size) {
          out.push([
            `db${db.id}`,
            `keys=${db.keys.size},expires=${db.expires.size},avg_ttl=${db.avgTtl}`,
          ]);
        }
      }
      return out;
    }
  }
}

function serverSection(engine: Engine): InfoField[] {
  const nowMicros = engine.clock.nowMicros();
  const uptime = Math.max(0, Math.floor((nowMicros - engine.stats.startMicros) / 1e6));
  return [
    ['redis_version', '7.0.15'],
    ['redis_git_sha1', '00000000'],
    ['redis_git_dirty', 0],
    ['redis_build_id', 'ae4d7c971a948f0'],
    ['redis_mode', 'standalone'],
    ['os', 'Linux 6.1.0 x86_64'],
    ['arch_bits', 64],
    ['monotonic_clock', 'POSIX clock_gettime'],
    ['multiplexing_api', 'epoll'],
    ['atomicvar_api', 'c11-builtin'],
    ['gcc_version', '12.2.0'],
    ['process_id', 1],
    ['process_supervised', 'no'],
    ['run_id', RUN_ID],
    ['tcp_port', engine.config.port],
    ['server_time_usec', nowMicros],
    ['uptime_in_seconds', uptime],
    ['uptime_in_days', Math.floor(uptime / 86400)],
    ['hz', engine.config.hz],
    ['configured_hz', engine.config.hz],
    ['lru_clock', Math.floor(nowMicros / 1e6) & 0xffffff],
    ['executable', '/usr/bin/redis-server'],
    ['config_file', ''],
    ['io_threads_active', 0],
  ];
}

/** The memory figures INFO memory and MEMORY STATS share; process-level ones are modelled. */
function memoryFigures(engine: Engine) {
  const used = engine.usedMemory();
  const peak = engine.stats.memoryPeak;
  const overhead = STARTUP_MEMORY + engine.keyspaceOverhead();
  const dataset = Math.max(0, used - overhead);
  const rss = Math.ceil((used * 1.1 + 5.5 * 1024 * 1024) / 4096) * 4096;
  const allocated = used + 774512;
  const active = Math.ceil((allocated * 1.08) / 4096) * 4096;
  const resident = Math.max(rss - 2158592, active);
  return { used, peak, overhead, dataset, rss, allocated, active, resident };
}

/** MEMORY STATS: the same figures as INFO memory, as memory.c's map. */
export function memoryStats(engine: Engine): Reply {
  const m = memoryFigures(engine);
  const entries: [Reply, Reply][] = [];
  const add = (name: string, value: Reply): void => {
    entries.push([bulk(name), value]);
  };
  add('peak.allocated', integer(m.peak));
  add('total.allocated', integer(m.used));
  add('startup.allocated', integer(STARTUP_MEMORY));
  for (const name of ['replication.backlog', 'clients.slaves', 'clients.normal']) {
    add(name, integer(0));
  }
  for (const name of ['cluster.links', 'aof.buffer', 'lua.caches']) add(name, integer(0));
  add('functions.caches', integer(200));
  let keys = 0;
  for (const db of engine.dbs) {
    keys += db.keys.size;
    if (db.keys.size === 0) continue;
    const main = db.keys.size * (DICT_ENTRY_SIZE + ROBJ_SIZE) + 8 * buckets(db.keys.size);
    const expires = db.expires.size
      ? db.expires.size * DICT_ENTRY_SIZE + 8 * buckets(db.expires.size)
      : 0;
    add(
      `db.${db.id}`,
      map([
        [bulk('overhead.hashtable.main'), integer(main)],
        [bulk('overhead.hashtable.expires'), integer(expires)],
        [bulk('overhead.hashtable.slot-to-keys'), integer(0)],
      ]),
    );
  }
  add('overhead.total', integer(m.overhead));
  add('keys.count', integer(keys));
  add('keys.bytes-per-key', integer(keys ? Math.floor((m.used - STARTUP_MEMORY) / keys) : 0));
  add('dataset.bytes', integer(m.dataset));
  const net = m.used - STARTUP_MEMORY;
  add('dataset.percentage', double(net > 0 ? (m.dataset * 100) / net : 0));
  add('peak.percentage', double(m.peak > 0 ? (m.used * 100) / m.peak : 0));
  add('allocator.allocated', integer(m.allocated));
  add('allocator.active', integer(m.active));
  add('allocator.resident', integer(m.resident));
  add('allocator-fragmentation.ratio', double(m.active / m.allocated));
  add('allocator-fragmentation.bytes', integer(m.active - m.allocated));
  add('allocator-rss.ratio', double(m.resident / m.active));
  add('allocator-rss.bytes', integer(m.resident - m.active));
  add('rss-overhead.ratio', double(m.rss / m.resident));
  add('rss-overhead.bytes', integer(m.rss - m.resident));
  add('fragmentation', double(m.rss / m.used));
  add('fragmentation.bytes', integer(m.rss - m.used));
  return map(entries);
}

function buckets(n: number): number {
  let size = 4;
  while (size < n) size *= 2;
  return size;
}

function memorySection(engine: Engine): InfoField[] {
  const { used, peak, overhead, dataset, rss, allocated, active, resident } = memoryFigures(engine);
  const maxmemory = engine.config.maxmemory;
  const pct = (a: number, b: number): string => (b > 0 ? ((a * 100) / b).toFixed(2) : '0.00');
  return [
    ['used_memory', used],
    ['used_memory_human', bytesToHuman(used)],
    ['used_memory_rss', rss],
    ['used_memory_rss_human', bytesToHuman(rss)],
    ['used_memory_peak', peak],
    ['used_memory_peak_human', bytesToHuman(peak)],
    ['used_memory_peak_perc', `${pct(used, peak)}%`],
    ['used_memory_overhead', overhead],
    ['used_memory_startup', STARTUP_MEMORY],
    ['used_memory_dataset', dataset],
    ['used_memory_dataset_perc', `${pct(dataset, used - STARTUP_MEMORY)}%`],
    ['allocator_allocated', allocated],
    ['allocator_active', active],
    ['allocator_resident', resident],
    ['total_system_memory', 8589934592],
    ['total_system_memory_human', bytesToHuman(8589934592)],
    ['used_memory_lua', 32768],
    ['used_memory_vm_eval', 32768],
    ['used_memory_lua_human', '32.00K'],
    ['used_memory_scripts_eval', 0],
    ['number_of_cached_scripts', 0],
    ['number_of_functions', 0],
    ['number_of_libraries', 0],
    ['used_memory_vm_functions', 33792],
    ['used_memory_vm_total', 66560],
    ['used_memory_vm_total_human', '65.00K'],
    ['used_memory_functions', 200],
    ['used_memory_scripts', 200],
    ['used_memory_scripts_human', '200B'],
    ['maxmemory', maxmemory],
    ['maxmemory_human', bytesToHuman(maxmemory)],
    ['maxmemory_policy', engine.config['maxmemory-policy']],
    ['allocator_frag_ratio', (active / allocated).toFixed(2)],
    ['allocator_frag_bytes', active - allocated],
    ['allocator_rss_ratio', (resident / active).toFixed(2)],
    ['allocator_rss_bytes', resident - active],
    ['rss_overhead_ratio', (rss / resident).toFixed(2)],
    ['rss_overhead_bytes', rss - resident],
    ['mem_fragmentation_ratio', (rss / used).toFixed(2)],
    ['mem_fragmentation_bytes', rss - used],
    ['mem_not_counted_for_evict', 0],
    ['mem_replication_backlog', 0],
    ['mem_total_replication_buffers', 0],
    ['mem_clients_slaves', 0],
    ['mem_clients_normal', 22400],
    ['mem_cluster_links', 0],
    ['mem_aof_buffer', 0],
    ['mem_allocator', 'jemalloc-5.3.0'],
    ['active_defrag_running', 0],
    ['lazyfree_pending_objects', 0],
    ['lazyfreed_objects', 0],
  ];
}

function persistenceSection(engine: Engine): InfoField[] {
  return [
    ['loading', 0],
    ['async_loading', 0],
    ['current_cow_peak', 0],
    ['current_cow_size', 0],
    ['current_cow_size_age', 0],
    ['current_fork_perc', '0.00'],
    ['current_save_keys_processed', 0],
    ['current_save_keys_total', 0],
    ['rdb_changes_since_last_save', engine.dirty],
    ['rdb_bgsave_in_progress', 0],
    ['rdb_last_save_time', Math.floor(engine.stats.startMicros / 1e6)],
    ['rdb_last_bgsave_status', 'ok'],
    ['rdb_last_bgsave_time_sec', -1],
    ['rdb_current_bgsave_time_sec', -1],
    ['rdb_saves', 0],
    ['rdb_last_cow_size', 0],
    ['rdb_last_load_keys_expired', 0],
    ['rdb_last_load_keys_loaded', 0],
    ['aof_enabled', engine.config.appendonly === 'yes' ? 1 : 0],
    ['aof_rewrite_in_progress', 0],
    ['aof_rewrite_scheduled', 0],
    ['aof_last_rewrite_time_sec', -1],
    ['aof_current_rewrite_time_sec', -1],
    ['aof_last_bgrewrite_status', 'ok'],
    ['aof_rewrites', 0],
    ['aof_rewrites_consecutive_failures', 0],
    ['aof_last_write_status', 'ok'],
    ['aof_last_cow_size', 0],
    ['module_fork_in_progress', 0],
    ['module_fork_last_cow_size', 0],
  ];
}

function statsSection(engine: Engine): InfoField[] {
  const t = engine.tracker;
  const s = engine.stats;
  const cycle = engine.expireCycle;
  return [
    ['total_connections_received', 1],
    ['total_commands_processed', engine.commandsProcessed],
    ['instantaneous_ops_per_sec', 0],
    ['total_net_input_bytes', 0],
    ['total_net_output_bytes', 0],
    ['total_net_repl_input_bytes', 0],
    ['total_net_repl_output_bytes', 0],
    ['instantaneous_input_kbps', '0.00'],
    ['instantaneous_output_kbps', '0.00'],
    ['instantaneous_input_repl_kbps', '0.00'],
    ['instantaneous_output_repl_kbps', '0.00'],
    ['rejected_connections', 0],
    ['sync_full', 0],
    ['sync_partial_ok', 0],
    ['sync_partial_err', 0],
    ['expired_keys', t.expiredKeys],
    ['expired_stale_perc', (cycle.stalePerc * 100).toFixed(2)],
    ['expired_time_cap_reached_count', cycle.timeCapReached],
    ['expire_cycle_cpu_milliseconds', Math.floor(cycle.timeUsedMicros / 1000)],
    ['evicted_keys', t.evictedKeys],
    ['evicted_clients', 0],
    ['total_eviction_exceeded_time', 0],
    ['current_eviction_exceeded_time', 0],
    ['keyspace_hits', t.hits],
    ['keyspace_misses', t.misses],
    ['pubsub_channels', 0],
    ['pubsub_patterns', 0],
    ['pubsubshard_channels', 0],
    ['latest_fork_usec', 0],
    ['total_forks', 0],
    ['migrate_cached_sockets', 0],
    ['slave_expires_tracked_keys', 0],
    ['active_defrag_hits', 0],
    ['active_defrag_misses', 0],
    ['active_defrag_key_hits', 0],
    ['active_defrag_key_misses', 0],
    ['total_active_defrag_time', 0],
    ['current_active_defrag_time', 0],
    ['tracking_total_keys', 0],
    ['tracking_total_items', 0],
    ['tracking_total_prefixes', 0],
    ['unexpected_error_replies', 0],
    ['total_error_replies', s.errorReplies],
    ['dump_payload_sanitizations', 0],
    ['total_reads_processed', engine.commandsProcessed],
    ['total_writes_processed', engine.commandsProcessed],
    ['io_threaded_reads_processed', 0],
    ['io_threaded_writes_processed', 0],
    ['reply_buffer_shrinks', 0],
    ['reply_buffer_expands', 0],
  ];
}

/** INFO replication's first lines: the role, and a replica's view of its master link. */
function roleFields(engine: Engine): InfoField[] {
  const master = engine.replicaOf;
  if (master === undefined) return [['role', 'master']];
  const now = engine.nowMs();
  const seconds = (since: number | undefined) =>
    since === undefined ? -1 : Math.floor((now - since) / 1000);
  const offset = Math.max(0, master.offset);
  return [
    ['role', 'slave'],
    ['master_host', master.host],
    ['master_port', master.port],
    ['master_link_status', master.linkUp ? 'up' : 'down'],
    ['master_last_io_seconds_ago', seconds(master.lastIoMs)],
    ['master_sync_in_progress', master.state === 'sync' ? 1 : 0],
    ['slave_read_repl_offset', offset],
    ['slave_repl_offset', offset],
    ...(master.linkUp
      ? []
      : ([['master_link_down_since_seconds', seconds(master.downSinceMs)]] as InfoField[])),
    ['slave_priority', 100],
    ['slave_read_only', engine.config['replica-read-only'] === 'yes' ? 1 : 0],
    ['replica_announced', 1],
  ];
}
