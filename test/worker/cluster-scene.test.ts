import { describe, expect, it } from 'vitest';
import { harness } from './helpers.ts';

const QUIET = { rate: 200, keys: 2000, hotKeys: 50, addNode: false, kill: false };

describe('SimController on the cluster scene', () => {
  it('runs console commands on a node with cluster routing', () => {
    const { sim } = harness();
    sim.loadScene('cluster', 1, QUIET);
    sim.seek(500_000);
    expect(sim.runConsoleCommand('m1', 'CLUSTER KEYSLOT foo').text).toBe('(integer) 12182');
    expect(sim.runConsoleCommand('m1', 'SET foo bar').text).toBe(
      '(error) MOVED 12182 127.0.0.1:7002',
    );
    expect(sim.runConsoleCommand('m3', 'SET foo bar').text).toBe('OK');
    expect(sim.runConsoleCommand('m3', 'MSET a 1 b 2').text).toBe(
      "(error) CROSSSLOT Keys in request don't hash to the same slot",
    );
    expect(sim.runConsoleCommand('m1', 'CLUSTER INFO').text).toContain('cluster_state:ok');
  });

  it('adds a node and kills a master on request, and replays both after a seek back', () => {
    const { sim } = harness();
    sim.loadScene('cluster', 1, { ...QUIET, 'cluster-node-timeout': 1000 });
    sim.seek(1_000_000);
    expect(sim.partAction('admin', 'add-node', ['m4', '100'])).toContain('add-node m4');
    sim.seek(3_000_000);
    const slots = sim.runConsoleCommand('m2', 'CLUSTER SLOTS').text;
    expect(slots).toContain('(integer) 7006');
    sim.crashNode('m1');
    sim.seek(8_000_000);
    const nodes = sim.runConsoleCommand('m2', 'CLUSTER NODES').text;
    expect(nodes).toMatch(/127\.0\.0\.1:7000@17000 master,fail /);
    // r1, m1's replica, now a master (its slots follow the failover).
    expect(nodes).toMatch(/127\.0\.0\.1:7003@17003 master - /);
    expect(sim.runConsoleCommand('m2', 'CLUSTER INFO').text).toContain('cluster_state:ok');
    const hash = sim.state().traceHash;
    sim.seek(500_000);
    sim.seek(8_000_000);
    expect(sim.state().traceHash).toBe(hash);
    expect(() => sim.partAction('m1@bus', 'add-node', [])).toThrow(/takes no actions/);
  });
});

describe('SimController: what the cluster lesson reads', () => {
  it('answers CLUSTER KEYSLOT with the hashed part, as a pure read', () => {
    const { sim } = harness();
    sim.loadScene('cluster', 1, QUIET);
    // Vectors from a real redis-server 7.0 (CLUSTER KEYSLOT).
    expect(sim.keySlot('foo')).toEqual({ slot: 12182, hashed: 'foo' });
    expect(sim.keySlot('{user1000}.following')).toEqual({ slot: 3443, hashed: 'user1000' });
    expect(sim.keySlot('foo{}{bar}')).toEqual({ slot: 8363, hashed: 'foo{}{bar}' });
    const a = sim.keySlot('{user:1}:a');
    expect(a.hashed).toBe('user:1');
    expect(sim.keySlot('{user:1}:b').slot).toBe(a.slot);
    expect(sim.keySlot('user:1').slot).toBe(a.slot);
    expect(sim.snapshot().journal).toHaveLength(0);
  });

  it('reading the summary while playing leaves the history as it was', () => {
    const run = (poll: boolean): string => {
      const { sim } = harness();
      sim.loadScene('cluster', 1, { ...QUIET, 'cluster-node-timeout': 1000 });
      sim.seek(500_000);
      sim.partAction('admin', 'add-node', ['m4', '200']);
      for (let t = 600_000; t <= 4_000_000; t += 100_000) {
        sim.seek(t);
        if (poll) sim.summary();
        if (t === 2_000_000) sim.partAction('admin', 'kill', ['m1']);
      }
      return sim.state().traceHash;
    };
    expect(run(true)).toBe(run(false));
  });

  it("sends the learner's MSETs from the demo client: CROSSSLOT across slots, OK with a tag", () => {
    const { sim } = harness();
    sim.loadScene('cluster', 1, QUIET);
    sim.seek(500_000);
    expect(
      sim.partAction('demo', 'send', ['MSET', 'user:1:name', 'ann', 'user:2:name', 'bob']),
    ).toContain('send MSET');
    sim.partAction('demo', 'send', ['MSET', '{user:1}:name', 'ann', '{user:1}:email', 'a@b']);
    sim.seek(700_000);
    const replies = sim.summary()['demoReplies'] as { command: string; reply: string }[];
    expect(replies).toEqual([
      {
        command: 'MSET user:1:name ann user:2:name bob',
        reply: "CROSSSLOT Keys in request don't hash to the same slot",
      },
      { command: 'MSET {user:1}:name ann {user:1}:email a@b', reply: 'OK' },
    ]);
  });
});
