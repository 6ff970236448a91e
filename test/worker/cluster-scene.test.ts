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
