import { describe, expect, it } from 'vitest';
import { bytesToUtf8 } from '../../../src/engine/index.ts';
import type { PersistenceConfig } from '../../../src/sim/redis/persistence-config.ts';
import { World, fromSeconds, peek } from '../helpers/worlds.ts';

/** INFO persistence on a simulated node shows the persistence model's live state. */

type Settings = NonNullable<PersistenceConfig['settings']>;

/** The field names `redis-cli info persistence` prints on redis-server 7.0.15, AOF off. */
const REDIS_7_FIELDS = [
  'loading',
  'async_loading',
  'current_cow_peak',
  'current_cow_size',
  'current_cow_size_age',
  'current_fork_perc',
  'current_save_keys_processed',
  'current_save_keys_total',
  'rdb_changes_since_last_save',
  'rdb_bgsave_in_progress',
  'rdb_last_save_time',
  'rdb_last_bgsave_status',
  'rdb_last_bgsave_time_sec',
  'rdb_current_bgsave_time_sec',
  'rdb_saves',
  'rdb_last_cow_size',
  'rdb_last_load_keys_expired',
  'rdb_last_load_keys_loaded',
  'aof_enabled',
  'aof_rewrite_in_progress',
  'aof_rewrite_scheduled',
  'aof_last_rewrite_time_sec',
  'aof_current_rewrite_time_sec',
  'aof_last_bgrewrite_status',
  'aof_rewrites',
  'aof_rewrites_consecutive_failures',
  'aof_last_write_status',
  'aof_last_cow_size',
  'module_fork_in_progress',
  'module_fork_last_cow_size',
];
/** And the block it adds while appendonly is yes. */
const REDIS_7_AOF_FIELDS = [
  'aof_current_size',
  'aof_base_size',
  'aof_pending_rewrite',
  'aof_buffer_length',
  'aof_pending_bio_fsync',
  'aof_delayed_fsync',
];

function writerWorld(settings: Settings, ballastBytes = 0): World {
  return World.create({
    seed: 3,
    metrics: null,
    nodes: [{ name: 'redis' }],
    links: [{ a: 'app', b: 'redis', latencyMicros: 50 }],
    clients: [
      { kind: 'scripted', name: 'app', target: 'redis', script: 'writer', thinkMicros: 1000 },
    ],
    persistence: [{ node: 'redis', settings, ballastBytes }],
  });
}

/** INFO persistence as a map of field → text, and the field names in order. */
function info(world: World): { names: string[]; get: (name: string) => string | undefined } {
  const reply = peek(world, 'redis', 'INFO', 'persistence');
  if (reply.kind !== 'bulk' && reply.kind !== 'verbatim') throw new Error(`INFO: ${reply.kind}`);
  const lines = bytesToUtf8(reply.value)
    .split('\r\n')
    .filter((l) => l.includes(':'));
  const pairs = lines.map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1)]);
  const map = new Map(pairs.map(([k, v]) => [k!, v!]));
  return { names: pairs.map(([k]) => k!), get: (name) => map.get(name) };
}

describe('INFO persistence on a simulated node', () => {
  it('prints Redis 7.0 field names, with the AOF block only while appendonly is yes', () => {
    expect(info(writerWorld({ appendonly: false })).names).toEqual(REDIS_7_FIELDS);
    expect(info(writerWorld({ appendonly: true })).names).toEqual([
      ...REDIS_7_FIELDS,
      ...REDIS_7_AOF_FIELDS,
    ]);
  });

  it('follows the writes, a BGSAVE in progress and its end', () => {
    // 64 MiB of ballast: the child writes for a few hundred ms.
    const world = writerWorld({ appendonly: true, save: '' }, 64 * 1024 * 1024);
    world.runUntil(fromSeconds(1));
    let i = info(world);
    expect(i.get('aof_enabled')).toBe('1');
    expect(Number(i.get('rdb_changes_since_last_save'))).toBeGreaterThan(500);
    expect(Number(i.get('aof_current_size'))).toBeGreaterThan(64 * 1024 * 1024);
    expect(i.get('rdb_bgsave_in_progress')).toBe('0');
    const size = Number(i.get('aof_current_size'));

    expect(world.node('redis').runNow('admin', ['BGSAVE'])).toEqual({
      kind: 'status',
      value: 'Background saving started',
    });
    world.runUntil(fromSeconds(1.05));
    i = info(world);
    expect(i.get('rdb_bgsave_in_progress')).toBe('1');
    expect(Number(i.get('current_cow_size'))).toBeGreaterThan(0);
    expect(Number(i.get('aof_current_size'))).toBeGreaterThan(size);

    world.runUntil(fromSeconds(4));
    i = info(world);
    expect(i.get('rdb_bgsave_in_progress')).toBe('0');
    expect(i.get('rdb_saves')).toBe('1');
    expect(i.get('rdb_last_bgsave_status')).toBe('ok');
    expect(Number(i.get('rdb_last_bgsave_time_sec'))).toBeGreaterThanOrEqual(0);
    expect(Number(i.get('rdb_last_cow_size'))).toBeGreaterThan(0);
    expect(Number(i.get('rdb_last_save_time'))).toBeGreaterThan(0);
    // Only the writes since the save began still count as changes.
    expect(Number(i.get('rdb_changes_since_last_save'))).toBeLessThan(3500);
  });

  it('shows loading with its progress while a restarted node loads its AOF', () => {
    const world = writerWorld({ appendonly: true, save: '' }, 256 * 1024 * 1024);
    world.runUntil(fromSeconds(1));
    const p = world.persistence('redis');
    p.crash('kill');
    p.restart();
    world.runUntil(fromSeconds(1.2));
    let i = info(world);
    expect(i.get('loading')).toBe('1');
    expect(Number(i.get('loading_total_bytes'))).toBeGreaterThan(256 * 1024 * 1024);
    expect(Number(i.get('loading_loaded_perc'))).toBeGreaterThan(0);
    expect(Number(i.get('loading_loaded_perc'))).toBeLessThan(100);
    while (p.isLoading) world.step();
    i = info(world);
    expect(i.get('loading')).toBe('0');
    expect(i.get('loading_total_bytes')).toBeUndefined();
  });
});
