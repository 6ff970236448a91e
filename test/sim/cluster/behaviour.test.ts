import { describe, expect, it } from 'vitest';
import { fromSeconds, World } from '../../../src/sim/index.ts';
import {
  CLUSTER_PART_KINDS,
  keySlot,
  type ClusterAdmin,
  type ClusterClient,
  type ClusterNode,
} from '../../../src/sim/cluster/index.ts';
import { clusterTestWorld, spec } from './world.ts';

const app = (rate: number, count = 2000) => ({
  name: 'app',
  params: {
    seeds: ['m1', 'm2', 'm3'],
    rate,
    readRatio: 0.5,
    keys: { count, prefix: 'k:' },
    valueSize: 8,
  },
});

const bus = (w: World, n: string) => w.part(`${n}@bus`) as ClusterNode;
const keysOn = (w: World, n: string) => [...w.node(n).engine.dbs[0]!.keys.keys()];

/** Puts `count` keys k:0.. on their owners, as a client would have written them. */
function fill(w: World, count: number): void {
  for (let i = 0; i < count; i++) {
    const key = `k:${i}`;
    const owner = bus(w, 'm1').owners[keySlot(key)]!;
    w.node(owner).engine.dbs[0]!.keys.set(key, { type: 'string', value: String(i) });
  }
}

describe('the cluster-aware client', () => {
  it('routes by its slot map, follows MOVED (updating the map) and ASK (not), and counts them', () => {
    const w = clusterTestWorld(spec({ replicas: false }), [app(2000)], {
      addNode: { node: 'm4', at: fromSeconds(1), slots: 300 },
    });
    fill(w, 2000);
    w.runUntil(fromSeconds(6));
    const c = w.part('app') as ClusterClient;
    const admin = w.part('admin') as ClusterAdmin;
    expect(admin.job?.phase).toBe('done');
    expect(c.counts.moved).toBeGreaterThan(0);
    // Every MOVED it followed pointed at the new owner, and its map now says so.
    const moved = c.redirects.filter((r) => r.kind === 'MOVED');
    for (const r of moved) {
      expect(r.to).toBe('m4');
      expect(c.map[r.slot]).toBe('m4');
    }
    // Nothing failed: every command ended with a real reply, none with a redirect.
    expect(c.counts.failed).toBe(0);
    expect(c.counts.errors).toBe(0);
    expect(c.counts.completed).toBeGreaterThan(9000);
  });
});

describe('resharding (add node)', () => {
  it('moves every key of the moved slots, key by key, and ends with the new owner everywhere', () => {
    const w = clusterTestWorld(spec({ replicas: false }), [], {
      addNode: { node: 'm4', at: fromSeconds(1), slots: 1000 },
    });
    fill(w, 5000);
    const notes: string[] = [];
    w.subscribe((r) => {
      if (r.type === 'note') notes.push(r.text);
    });
    w.runUntil(fromSeconds(8));
    const admin = w.part('admin') as ClusterAdmin;
    expect(admin.job?.phase).toBe('done');
    const moved = new Set(admin.job!.plan.map(([s]) => s));
    // 1000 slots asked, taken in proportion: 334 + 333 + 333 (redis-cli rounds the first up).
    expect(moved.size).toBeGreaterThanOrEqual(999);
    const all = ['m1', 'm2', 'm3', 'm4'].flatMap((n) => keysOn(w, n));
    expect(all.length).toBe(5000);
    expect(new Set(all).size).toBe(5000);
    for (const k of keysOn(w, 'm4')) expect(moved.has(keySlot(k))).toBe(true);
    for (const n of ['m1', 'm2', 'm3']) {
      for (const k of keysOn(w, n)) expect(moved.has(keySlot(k))).toBe(false);
    }
    for (const n of ['m1', 'm2', 'm3', 'm4']) {
      const view = bus(w, n);
      for (const s of moved) expect(view.owners[s]).toBe('m4');
      expect(view.migrating.size + view.importing.size).toBe(0);
    }
    // The states were visible as events, in order, for a slot.
    const first = admin.job!.plan[0]![0];
    const i = notes.findIndex((t) => t.startsWith(`cluster:importing slot ${first} `));
    const j = notes.findIndex((t) => t.startsWith(`cluster:migrating slot ${first} `));
    const k = notes.findIndex((t) => t.startsWith(`cluster:slot-owner slot ${first} m4`));
    expect(i).toBeGreaterThanOrEqual(0);
    expect(j).toBeGreaterThan(i);
    expect(k).toBeGreaterThan(j);
  });
});

describe('failure detection and replica promotion', () => {
  it('marks a killed master PFAIL after the node timeout, FAIL by majority, and promotes its replica', () => {
    const w = clusterTestWorld(spec({ nodeTimeoutMs: 2000 }), [app(500)], {
      kill: { node: 'm2', at: fromSeconds(3) },
    });
    const notes: { at: number; text: string }[] = [];
    w.subscribe((r) => {
      if (r.type === 'note') notes.push({ at: r.at, text: r.text });
    });
    w.runUntil(fromSeconds(2.9));
    const m2keys = keysOn(w, 'm2').length;
    expect(m2keys).toBeGreaterThan(0);
    w.runUntil(fromSeconds(15));
    const at = (prefix: string) => notes.find((n) => n.text.startsWith(prefix))?.at ?? -1;
    const pfail = at('cluster:pfail ');
    const fail = at('cluster:fail m2');
    const promoted = at('cluster:promoted r2 replaces m2');
    expect(pfail).toBeGreaterThanOrEqual(fromSeconds(3 + 2));
    expect(fail).toBeGreaterThanOrEqual(pfail);
    expect(promoted).toBeGreaterThan(fail + 500_000);
    // The replica had every write the master acknowledged before it died (no writes in
    // flight at the instant of the kill would be a coincidence, so compare what r2 holds).
    expect(keysOn(w, 'r2').length).toBeGreaterThanOrEqual(m2keys);
    for (const n of ['m1', 'm3', 'r1', 'r2', 'r3']) {
      const view = bus(w, n);
      expect(view.owners[5461]).toBe('r2');
      expect(view.stateOk).toBe(true);
    }
    // The client found the new master and its commands succeed again.
    const c = w.part('app') as ClusterClient;
    const before = c.counts.completed;
    w.runUntil(fromSeconds(17));
    expect(c.counts.completed - before).toBeGreaterThan(800);
    expect(c.map[5461]).toBe('r2');
  });
});

describe('determinism', () => {
  const build = (seed: number) =>
    clusterTestWorld(
      spec({ nodeTimeoutMs: 2000 }),
      [app(1000)],
      {
        addNode: { node: 'm4', at: fromSeconds(1), slots: 200 },
        kill: { node: 'm1', at: fromSeconds(3) },
      },
      seed,
    );

  it('gives the same trace for the same seed, and another for another seed', () => {
    const a = build(7);
    const b = build(7);
    const c = build(8);
    for (const w of [a, b, c]) w.runUntil(fromSeconds(10));
    expect(a.trace.hash()).toBe(b.trace.hash());
    expect(a.trace.hash()).not.toBe(c.trace.hash());
  });

  it('continues a checkpoint exactly as the uninterrupted run', () => {
    const a = build(3);
    a.runUntil(fromSeconds(10));
    const b = build(3);
    b.runUntil(fromSeconds(1.2));
    const restored = World.restore(b.snapshot(), { partKinds: CLUSTER_PART_KINDS });
    restored.runUntil(fromSeconds(10));
    expect(restored.trace.hash()).toBe(a.trace.hash());
  });
});
