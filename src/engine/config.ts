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
  };
}
