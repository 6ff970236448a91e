/**
 * The configuration parameters the engine honours, with Redis 7.0.15's built-in defaults
 * (what `redis-server` uses with no config file; redis-facts.md §4). CONFIG GET/SET read and
 * write this object; datatypes read their encoding thresholds from it.
 */
export interface EngineConfig {
  /** Bytes; 0 means no limit. */
  maxmemory: number;
  'maxmemory-policy':
    | 'noeviction'
    | 'allkeys-lru'
    | 'volatile-lru'
    | 'allkeys-lfu'
    | 'volatile-lfu'
    | 'allkeys-random'
    | 'volatile-random'
    | 'volatile-ttl';
  'maxmemory-samples': number;
  'lfu-log-factor': number;
  /** Minutes. */
  'lfu-decay-time': number;
  hz: number;
  'slowlog-log-slower-than': number;
  'slowlog-max-len': number;
  'hash-max-listpack-entries': number;
  'hash-max-listpack-value': number;
  'zset-max-listpack-entries': number;
  'zset-max-listpack-value': number;
  'set-max-intset-entries': number;
  'list-max-listpack-size': number;
  'list-compress-depth': number;
  /** RDB save points, as CONFIG GET prints them ("3600 1 300 100 60 10000"). */
  save: string;
  appendonly: 'yes' | 'no';
  appendfsync: 'everysec' | 'always' | 'no';
  /** Fixed at start-up (the Engine's database count). */
  databases: number;
  'io-threads': number;
  'active-expire-effort': number;
  'maxmemory-eviction-tenacity': number;
  /** Client buffers' memory limit; the engine accepts and reports it. */
  'maxmemory-clients': number;
  /** DEBUG is refused unless a host enables it (immutable from CONFIG SET, as in Redis). */
  'enable-debug-command': 'no' | 'yes' | 'local';
  port: number;
  maxclients: number;
  timeout: number;
  'tcp-keepalive': number;
  'dynamic-hz': 'yes' | 'no';
  'lazyfree-lazy-eviction': 'yes' | 'no';
  'lazyfree-lazy-expire': 'yes' | 'no';
  'proto-max-bulk-len': number;
  'repl-backlog-size': number;
  'replica-read-only': 'yes' | 'no';
  /** 'no': a replica whose master link is down answers MASTERDOWN to most commands. */
  'replica-serve-stale-data': 'yes' | 'no';
  'min-replicas-to-write': number;
  'min-replicas-max-lag': number;
  'repl-timeout': number;
  /** Seconds between the master's PINGs to its replicas. */
  'repl-ping-replica-period': number;
  'cluster-enabled': 'yes' | 'no';
  'busy-reply-threshold': number;
  'latency-tracking': 'yes' | 'no';
  /** Keyspace event classes as bits (notify/flags.ts); CONFIG GET prints them as letters. */
  'notify-keyspace-events': number;
}

export function defaultConfig(): EngineConfig {
  return {
    maxmemory: 0,
    'maxmemory-policy': 'noeviction',
    'maxmemory-samples': 5,
    'lfu-log-factor': 10,
    'lfu-decay-time': 1,
    hz: 10,
    'slowlog-log-slower-than': 10000,
    'slowlog-max-len': 128,
    'hash-max-listpack-entries': 512,
    'hash-max-listpack-value': 64,
    'zset-max-listpack-entries': 128,
    'zset-max-listpack-value': 64,
    'set-max-intset-entries': 512,
    'list-max-listpack-size': -2,
    'list-compress-depth': 0,
    save: '3600 1 300 100 60 10000',
    appendonly: 'no',
    appendfsync: 'everysec',
    databases: 16,
    'io-threads': 1,
    'active-expire-effort': 1,
    'maxmemory-eviction-tenacity': 10,
    'maxmemory-clients': 0,
    'enable-debug-command': 'no',
    port: 6379,
    maxclients: 10000,
    timeout: 0,
    'tcp-keepalive': 300,
    'dynamic-hz': 'yes',
    'lazyfree-lazy-eviction': 'no',
    'lazyfree-lazy-expire': 'no',
    'proto-max-bulk-len': 512 * 1024 * 1024,
    'repl-backlog-size': 1024 * 1024,
    'replica-read-only': 'yes',
    'replica-serve-stale-data': 'yes',
    'min-replicas-to-write': 0,
    'min-replicas-max-lag': 10,
    'repl-timeout': 60,
    'repl-ping-replica-period': 10,
    'cluster-enabled': 'no',
    'busy-reply-threshold': 5000,
    'latency-tracking': 'yes',
    'notify-keyspace-events': 0,
  };
}
