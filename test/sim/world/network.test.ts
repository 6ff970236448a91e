import { describe, expect, it } from 'vitest';
import type { TraceRecord } from '../../../src/sim/core/trace.ts';
import { World, collect, fromSeconds, openClients } from '../helpers/worlds.ts';

type Msg = Extract<TraceRecord, { type: 'msg' }>;
type Drop = Extract<TraceRecord, { type: 'drop' }>;

describe('Network', () => {
  it('a cut drops messages in flight and further sends; heal restores delivery', () => {
    const world = World.create({
      seed: 5,
      nodes: [{ name: 'redis' }],
      // 10 ms one way, so about 10 requests are in flight at 1,000 req/s.
      links: [{ a: 'c1', b: 'redis', latencyMicros: 10_000 }],
      clients: openClients(1, 1000),
      metrics: null,
    });
    const msgs = collect(world, 'msg') as Msg[];
    const drops = collect(world, 'drop') as Drop[];
    const responses = collect(world, 'response');
    world.runUntil(fromSeconds(0.1));
    const cutAt = world.now;
    world.cut('c1', 'redis');
    expect(world.network.isUp('c1', 'redis')).toBe(false);
    world.runUntil(fromSeconds(0.2));
    const inFlightAtCut = msgs.filter((m) => m.at <= cutAt && m.arrives > cutAt);
    expect(inFlightAtCut.length).toBeGreaterThan(5);
    const dropped = new Set(drops.map((d) => d.id));
    for (const m of inFlightAtCut) expect(dropped.has(m.id)).toBe(true);
    expect(drops.some((d) => d.at > cutAt + 20_000)).toBe(true);
    const answeredBeforeHeal = responses.length;
    expect(responses.every((r) => r.at <= cutAt)).toBe(true);

    world.heal('c1', 'redis');
    const healAt = world.now;
    world.runUntil(fromSeconds(0.4));
    expect(responses.length).toBeGreaterThan(answeredBeforeHeal + 100);
    expect(drops.every((d) => d.at <= healAt)).toBe(true);
  });
});
