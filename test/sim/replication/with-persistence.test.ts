import { describe, expect, it } from 'vitest';
import { createScene } from '../../../src/sim/scenes/index.ts';
import { SCENE_OPTIONS } from '../../../src/sim/scenes/registry.ts';
import { fromSeconds } from '../../../src/sim/core/clock.ts';
import { World } from '../../../src/sim/world/world.ts';
import type { Reply } from '../../../src/engine/index.ts';

function info(world: World, node: string, section: string): string {
  const n = world.node(node);
  const reply: Reply | undefined = n.engine.execute(n.session('test'), ['INFO', section]);
  return reply?.kind === 'bulk' || reply?.kind === 'verbatim' ? reply.value : '';
}

describe('a master with both persistence and replication', () => {
  it('appends its writes to the AOF and streams them to its replicas', () => {
    const { setup } = createScene('replication', 1, { cutFor: '0', rate: '200' });
    const world = World.create(
      {
        ...setup.world,
        persistence: [
          { node: 'redis-1', settings: { appendonly: true, appendfsync: 'everysec', save: '' } },
        ],
      },
      SCENE_OPTIONS,
    );
    world.runUntil(fromSeconds(10));
    const aofSize = Number(world.persistence('redis-1').info().aof_current_size);
    expect(aofSize).toBeGreaterThan(0);
    expect(info(world, 'redis-1', 'replication')).toContain('connected_slaves:2');
    const master = world.node('redis-1').engine.dbs[0]!.keys;
    const replica = world.node('redis-2').engine.dbs[0]!.keys;
    expect(master.size).toBeGreaterThan(1000);
    expect(Math.abs(replica.size - master.size)).toBeLessThanOrEqual(2);
  });
});
