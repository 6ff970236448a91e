import { describe, expect, it } from 'vitest';
import { createScene, runScene } from '../../../src/sim/scenes/index.ts';
import { fromSeconds } from '../../../src/sim/core/clock.ts';
import { World, type WorldSnapshot } from '../../../src/sim/world/world.ts';
import { SCENE_OPTIONS } from '../../../src/sim/scenes/registry.ts';
import { formatReply } from '../../../src/engine/index.ts';
import type { RedisNode } from '../../../src/sim/world/node.ts';

/** Runs one command on a node's engine through its host, as a client on the node would. */
function run(world: World, node: string, argv: string[]): string {
  const n: RedisNode = world.node(node);
  const session = n.session('test');
  const host = (
    n as unknown as {
      host: { intercept(s: unknown, a: string[]): { reply?: unknown } | undefined };
    }
  ).host;
  const hosted = host.intercept(session, argv);
  const reply = hosted !== undefined ? hosted.reply : n.engine.execute(session, argv);
  return reply === undefined ? '(blocked)' : formatReply(reply as never, 2);
}

describe('replication scene', () => {
  it('a brief cut is healed by a partial resync from the backlog', () => {
    const s = runScene('replication', 1, 30, { cutAt: '10', cutFor: '2' });
    expect(s.fullSyncs).toBe(2); // the two replicas' first syncs
    expect(s.partialSyncs).toBe(1);
  });

  it('a cut longer than the backlog covers needs a full resync', () => {
    // ~60 bytes a write at 1,000 writes/s: 64 KB of backlog holds about a second.
    const s = runScene('replication', 1, 30, {
      cutAt: '10',
      cutFor: '5',
      'repl-backlog-size': '65536',
    });
    expect(s.fullSyncs).toBe(3);
    expect(s.partialSyncs).toBe(0);
  });

  it('replicas refuse writes with the READONLY error, follow the master, and report INFO fields', () => {
    const scene = createScene('replication', 1, { cutFor: '0' });
    const w = scene.world;
    w.runUntil(fromSeconds(8));
    expect(run(w, 'redis-2', ['SET', 'x', '1'])).toBe(
      "(error) READONLY You can't write against a read only replica.",
    );
    const info = run(w, 'redis-2', ['INFO', 'replication']);
    expect(info).toContain('role:slave');
    expect(info).toContain('master_host:redis-1');
    expect(info).toContain('master_link_status:up');
    const master = run(w, 'redis-1', ['INFO', 'replication']);
    expect(master).toContain('connected_slaves:2');
    expect(master).toMatch(/slave0:ip=redis-\d,port=6379,state=online,offset=\d+,lag=\d/);
    expect(master).toContain('repl_backlog_active:1');
    // The replica's data catches up with the master's.
    w.runUntil(fromSeconds(9));
    const key = [...w.node('redis-1').engine.dbs[0]!.keys.keys()][0]!;
    w.runUntil(fromSeconds(9.01));
    expect(w.node('redis-2').engine.dbs[0]!.keys.has(key)).toBe(true);
  });

  it('min-replicas-to-write refuses writes with NOREPLICAS when too few replicas are good', () => {
    const scene = createScene('replication', 1, { cutFor: '0' });
    const w = scene.world;
    w.runUntil(fromSeconds(8));
    expect(run(w, 'redis-1', ['CONFIG', 'SET', 'min-replicas-to-write', '3'])).toBe('OK');
    expect(run(w, 'redis-1', ['SET', 'y', '1'])).toBe(
      '(error) NOREPLICAS Not enough good replicas to write.',
    );
    expect(run(w, 'redis-1', ['CONFIG', 'SET', 'min-replicas-to-write', '2'])).toBe('OK');
    expect(run(w, 'redis-1', ['SET', 'y', '1'])).toBe('OK');
  });

  it('a checkpoint restored mid-stream runs on to the same trace', () => {
    const a = createScene('replication', 4, { cutAt: '3', cutFor: '1' });
    a.world.runUntil(fromSeconds(2.5));
    const snap = JSON.parse(JSON.stringify(a.world.snapshot())) as WorldSnapshot;
    a.world.runUntil(fromSeconds(7));
    const b = World.restore(snap, SCENE_OPTIONS);
    b.runUntil(fromSeconds(7));
    expect(b.trace.hash()).toBe(a.world.trace.hash());
  });
});
