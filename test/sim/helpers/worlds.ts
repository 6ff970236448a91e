import type { Reply } from '../../../src/engine/index.ts';
import { fromSeconds, micros, type Micros } from '../../../src/sim/core/clock.ts';
import type { TraceRecord } from '../../../src/sim/core/trace.ts';
import type { ScriptRegistry } from '../../../src/sim/world/client.ts';
import type { LinkConfig } from '../../../src/sim/world/network.ts';
import type { ClientConfig, WorldConfig } from '../../../src/sim/world/world.ts';
import { World } from '../../../src/sim/world/world.ts';

/** A link from each client to the node: 100 µs one way, ± 20 µs. */
export function starLinks(node: string, clients: readonly string[], latency = 100): LinkConfig[] {
  return clients.map((c) => ({ a: c, b: node, latencyMicros: latency, jitterMicros: 20 }));
}

/** N open-loop clients at `rate` req/s each on uniform keys, 80% reads. */
export function openClients(n: number, rate: number, target = 'redis'): ClientConfig[] {
  return Array.from({ length: n }, (_, i) => ({
    kind: 'workload' as const,
    name: `c${i + 1}`,
    target,
    arrival: { kind: 'open' as const, rate },
    readRatio: 0.8,
    keys: { dist: 'uniform' as const, count: 1000 },
    valueSize: 32,
  }));
}

/** Repeats one command every `every` µs (KEYS *, SCAN...), `rounds` times. */
export const repeatScript: ScriptRegistry = {
  repeat: (p) => {
    const { argv, rounds } = p as { argv: string[]; rounds: number };
    return { next: (step) => (step < rounds ? [...argv] : null) };
  },
};

/** Puts n string keys straight into a node's db 0, bypassing the executor. */
export function fill(world: World, node: string, n: number): void {
  const keys = world.node(node).engine.dbs[0]!.keys;
  for (let i = 0; i < n; i++) keys.set(`fill:${i}`, { type: 'string', value: 'v' });
}

export function collect(world: World, type?: TraceRecord['type']): TraceRecord[] {
  const out: TraceRecord[] = [];
  world.subscribe((r) => {
    if (type === undefined || r.type === type) out.push(r);
  });
  return out;
}

/** Runs a command on the node's engine directly (for reading results in tests). */
export function peek(world: World, node: string, ...argv: string[]): Reply {
  const n = world.node(node);
  return n.engine.execute(n.engine.createSession(), argv)!;
}

export { World, fromSeconds, micros, type Micros, type WorldConfig };
